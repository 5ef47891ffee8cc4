import Foundation
import Testing
@testable import OneVoiceCore

/// Damage to the database file, page by page and cut by cut: whatever Core is asked to do then either
/// works or throws an error that reads as one sentence; it never crashes, and `ChainVerifier` never
/// calls a damaged database intact.
@Suite("Faults: damaged database files", .serialized)
struct DamagedDatabaseTests {
    /// A small but varied agency, settled into its database file alone; returns the file's bytes.
    static func pristine() throws -> (data: Data, incidentID: Int64, directory: URL) {
        let agency = try TestAgency()
        let drafter = try agency.enrol("drafter", [.drafter])
        let verifier = try agency.enrol("verifier", [.verifier])
        let incident = try drafter.openIncident(title: "Shots fired near Elm Park", kind: .general, location: "100 block of Elm Street")
        for i in 0..<60 {
            let fact = try drafter.addFact(incidentID: incident.id, text: "Fact \(i): \(String(repeating: "Two people were taken to Mercy Hospital. ", count: 6))",
                                           source: "Lt. Ortiz", sourceKind: .incidentCommander)
            if i % 2 == 0 { try verifier.setFactStatus(factID: fact.id, to: .verified, note: "confirmed") }
        }
        for _ in 0..<3 { try drafter.draftRelease(incidentID: incident.id, templateID: "general") }
        try agency.admin.database.checkpoint()
        return (try Data(contentsOf: agency.url), incident.id, agency.directory)
    }

    /// Why an error is not one plain sentence, or nil.
    static func sentenceProblem(_ error: any Error) -> String? {
        let text = "\(error)"
        if text.contains("\n") { return "more than one line: \(text)" }
        for marker in ["Optional(", "SQLITE_", "DatabaseError", "RowDecodingError"] where text.contains(marker) {
            return "contains \(marker): \(text)"
        }
        return text.isEmpty ? "empty" : nil
    }

    /// Runs what the CLI and the dashboard do on a damaged copy; returns whether verify found the damage.
    @discardableResult
    static func exercise(_ data: Data, incidentID: Int64, in directory: URL, label: String) throws -> Bool {
        let url = directory.appendingPathComponent("damaged-\(UUID().uuidString).sqlite")
        try data.write(to: url)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) } }
        func attempt<T>(_ what: String, _ body: () throws -> T) -> T? {
            do { return try body() } catch {
                #expect(sentenceProblem(error) == nil, "\(label), \(what): \(sentenceProblem(error) ?? "")")
                return nil
            }
        }
        guard let database = attempt("open", { try AppDatabase.open(at: url) }) else { return true }
        let workspace = Workspace(database: database, identity: nil)
        // What `archive verify` does: SQLite's check of the file, then the chain and the signatures.
        var found = attempt("storage check", { try ChainVerifier(database: database).checkStorage() }) == nil
        if let report = attempt("verify", { try ChainVerifier(database: database).verify() }), !report.isIntact { found = true }
        _ = attempt("incidents") { try workspace.incidents() }
        _ = attempt("facts") { try workspace.facts(incidentID: incidentID) }
        _ = attempt("releases") { try workspace.releases(incidentID: incidentID) }
        _ = attempt("search") { try workspace.search(query: "Mercy") }
        _ = attempt("board") { try database.read { try $0.boardPage(after: nil, limit: 40) } }
        _ = attempt("log") { try database.read { try $0.logWindow(incidentID: nil, from: nil, backward: false, limit: 40) } }
        _ = attempt("export") { try workspace.exportRecords(scope: ExportScope(incidentID: incidentID), to: directory.appendingPathComponent("export-\(UUID().uuidString)")) }
        return found
    }

    /// Page number -> the table or index that owns it (SQLite's dbstat, read with the sqlite3 shell).
    static func pageOwners(_ url: URL) throws -> [Int: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [url.path, "SELECT pageno, name FROM dbstat"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var owners: [Int: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "|", maxSplits: 1)
            if parts.count == 2, let page = Int(parts[0]) { owners[page] = String(parts[1]) }
        }
        return owners
    }

    static func scribbled(_ data: Data, offset: Int, count: Int, seed: UInt64) -> Data {
        var copy = data
        var state = seed | 1
        for i in offset..<min(data.count, offset + count) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            copy[i] = UInt8(truncatingIfNeeded: state >> 33)
        }
        return copy
    }

    @Test func randomBytesOverAnyPageNeverCrashAndVerifyNoticesThem() throws {
        let (data, incidentID, directory) = try Self.pristine()
        let pageSize = 4096
        let pages = data.count / pageSize
        #expect(pages > 40)
        var unnoticed: [Int] = []
        for page in 1..<pages {
            let damaged = Self.scribbled(data, offset: page * pageSize, count: pageSize, seed: UInt64(page))
            if try !Self.exercise(damaged, incidentID: incidentID, in: directory, label: "page \(page + 1) of \(pages)") {
                unnoticed.append(page + 1)
            }
        }
        // The search index is derived data, and a free page holds none: damage there may go unnoticed.
        // Every page of the records themselves (and SQLite's own structure) must be caught.
        let url = directory.appendingPathComponent("pristine.sqlite")
        try data.write(to: url)
        let owners = try Self.pageOwners(url)
        let missed = unnoticed.filter { page in owners[page].map { !$0.hasPrefix("searchIndex") } ?? false }
        #expect(missed.isEmpty, "verify called damage to record pages intact: \(missed.map { "page \($0) (\(owners[$0]!))" })")
        #expect(unnoticed.count < pages / 2, "most damage should be noticed: \(unnoticed.count) of \(pages - 1) pages were not")
    }

    @Test func randomBytesOverTheHeaderNeverCrash() throws {
        let (data, incidentID, directory) = try Self.pristine()
        for (offset, count) in [(0, 100), (0, 16), (16, 8), (28, 8), (40, 24), (56, 8), (92, 8), (100, 400)] {
            for seed: UInt64 in [1, 2, 3] {
                try Self.exercise(Self.scribbled(data, offset: offset, count: count, seed: seed), incidentID: incidentID,
                                  in: directory, label: "header bytes \(offset)..<\(offset + count), seed \(seed)")
            }
        }
    }

    @Test func aFileCutShortNeverCrashesAndVerifyNotices() throws {
        let (data, incidentID, directory) = try Self.pristine()
        for fraction in [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99] {
            let length = Int(Double(data.count) * fraction)
            let found = try Self.exercise(data.prefix(length), incidentID: incidentID, in: directory, label: "cut to \(length) bytes")
            #expect(found, "verify called a file cut to \(Int(fraction * 100))% intact")
        }
        // A cut in the middle of a page, too.
        try Self.exercise(data.prefix(data.count / 2 + 1000), incidentID: incidentID, in: directory, label: "cut mid-page")
    }
}
