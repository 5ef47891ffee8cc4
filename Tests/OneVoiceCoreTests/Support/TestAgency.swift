import Foundation
import Testing
import TestSupport
@testable import OneVoiceCore

/// Where a test's agency keeps its record: a database file, or a throw-away PostgreSQL server (this machine's
/// working copy of it is then the file). Core's behaviour tests take both as arguments: the same tests.
enum Storage: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case file
    case server

    var testDescription: String { rawValue }
}

/// A fresh agency database in a temporary folder, with keys for whoever a test needs.
struct TestAgency {
    let directory: URL
    /// The database file: on a server, this machine's working copy of its log.
    let url: URL
    let location: DatabaseLocation
    let clock: ManualClock
    let adminKey: IdentityKey
    let admin: Workspace

    static let start = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18, a fixed moment

    init(mode: WorkspaceMode = .live, storage: Storage = .file, adminKey: IdentityKey = IdentityKey()) throws {
        try self.init(mode: mode, serverURL: storage == .server ? try PostgresCluster.freshDatabase() : nil, adminKey: adminKey)
    }

    /// An agency on the server database at `serverURL`, or in a new file when it is nil.
    init(mode: WorkspaceMode = .live, serverURL: String?, adminKey: IdentityKey = IdentityKey()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let serverURL {
            location = try DatabaseLocation.parse(serverURL)
            guard case .server(let address) = location else { throw StoreError.invalid("\(serverURL) is not a server") }
            url = AppDatabase.workingCopyURL(for: address, in: directory)
        } else {
            url = directory.appendingPathComponent("onevoice.sqlite")
            location = .file(url)
        }
        clock = ManualClock(Self.start)
        self.adminKey = adminKey
        admin = try Workspace.initialize(location, copies: directory, agencyName: "Riverton Police Department",
                                         timeZoneIdentifier: "America/Chicago", mode: mode, handle: "admin", displayName: "Ada Admin",
                                         key: adminKey, clock: clock,
                                         anchors: AnchorStore(directory: directory.appendingPathComponent("state/anchors")))
    }

    /// The same record opened afresh, as another process or (on a server) another machine would: `machine`
    /// names the folder its working copy is kept in.
    func reopened(on machine: String? = nil) throws -> AppDatabase {
        try AppDatabase.open(location, copies: machine.map { directory.appendingPathComponent("machine-\($0)") } ?? directory)
    }

    @discardableResult
    /// Enrols a new person with `roles` (in the agency coded `agency`; the host's when nil) and returns a
    /// workspace acting as them.
    func enrol(_ handle: String, _ roles: [Role], agency: String? = nil) throws -> Workspace {
        let key = IdentityKey()
        try admin.addToRoster(handle: handle, displayName: handle.capitalized, roles: roles, publicKey: key.publicKeyBase64, agency: agency)
        return admin.acting(as: key)
    }

    /// The server's database name (a server agency only).
    var serverDatabase: String? {
        if case .server(let address) = location { return address.database }
        return nil
    }

    /// A workspace holding a key that is in no roster.
    var stranger: Workspace { admin.acting(as: IdentityKey()) }

    func logCount() throws -> Int { try admin.database.read { try $0.logCount() } }

    /// Runs SQL with the real sqlite3 shell, as someone tampering with the file would.
    func sqlite(_ sql: String) throws { try Self.sqlite(url, sql) }

    /// Runs SQL on the database at `url` with the real sqlite3 shell.
    static func sqlite(_ url: URL, _ sql: String) throws {
        _ = try sqliteOutput(url, sql)
    }

    /// What the `sqlite3` shell prints for `sql` (trimmed; nil when it prints nothing).
    static func sqliteOutput(_ url: URL, _ sql: String) throws -> String? {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [url.path, sql]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw StoreError.invalid("sqlite3 failed on: \(sql)") }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

extension AppDatabase {
    /// A change written directly, as an operation of OneVoice would write it: signed by `key`'s holder and
    /// recorded in the log under `action` (tests that set up a state no public operation makes).
    @discardableResult
    func writeLogged<T>(as key: IdentityKey, action: String, subjectType: String = "test", subjectID: Int64 = 0,
                        incidentID: Int64? = nil, _ body: (StoreSession) throws -> T) throws -> T {
        try write(signer: key) { session in
            let result = try body(session)
            try session.appendLog(actor: nil, action: action, subjectType: subjectType, subjectID: subjectID,
                                  incidentID: incidentID, change: ["note": "written by a test"], at: Date())
            return result
        }
    }
}
