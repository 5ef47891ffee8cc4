import Foundation
@testable import OneVoiceCore

/// A fresh agency database in a temporary folder, with keys for whoever a test needs.
struct TestAgency {
    let directory: URL
    let url: URL
    let clock: ManualClock
    let adminKey: IdentityKey
    let admin: Workspace

    static let start = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18, a fixed moment

    init(mode: WorkspaceMode = .live) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        url = directory.appendingPathComponent("onevoice.sqlite")
        clock = ManualClock(Self.start)
        adminKey = IdentityKey()
        admin = try Workspace.initialize(at: url, agencyName: "Riverton Police Department", timeZoneIdentifier: "America/Chicago",
                                         mode: mode, handle: "admin", displayName: "Ada Admin", key: adminKey, clock: clock)
    }

    @discardableResult
    /// Enrols a new person with `roles` and returns a workspace acting as them.
    func enrol(_ handle: String, _ roles: [Role]) throws -> Workspace {
        let key = IdentityKey()
        try admin.addToRoster(handle: handle, displayName: handle.capitalized, roles: roles, publicKey: key.publicKeyBase64)
        return admin.acting(as: key)
    }

    /// A workspace holding a key that is in no roster.
    var stranger: Workspace { admin.acting(as: IdentityKey()) }

    func logCount() throws -> Int { try admin.database.read { try $0.logCount() } }

    /// Runs SQL with the real sqlite3 shell, as someone tampering with the file would.
    func sqlite(_ sql: String) throws { try Self.sqlite(url, sql) }

    /// Runs SQL on the database at `url` with the real sqlite3 shell.
    static func sqlite(_ url: URL, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [url.path, sql]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw StoreError.invalid("sqlite3 failed on: \(sql)") }
    }
}
