import Foundation
import Testing
@testable import OneVoiceCore

/// A database made before the signed log (Fixtures/legacy-v6, made by the v6 code) upgrades in place:
/// nothing is lost, its history still verifies, and the first signed write seals that history.
@Suite(.serialized) struct UpgradeSealTests {
    struct Legacy {
        let directory: URL
        let url: URL
        func key(_ name: String) throws -> IdentityKey {
            try IdentityKey.load(from: directory.appendingPathComponent("\(name).key"))
        }
    }

    static func legacyCopy() throws -> Legacy {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/legacy-v6")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where !name.hasSuffix(".md") {
            let target = directory.appendingPathComponent(name == "demo-v6.onevoice-db" ? "onevoice.sqlite" : name)
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target)
            chmod(target.path, 0o600)
        }
        return Legacy(directory: directory, url: directory.appendingPathComponent("onevoice.sqlite"))
    }

    static func counts(_ url: URL) throws -> [String: Int] {
        let database = try AppDatabase.open(at: url)
        return try database.read { session in try session.describeRowsOfRecord() }.reduce(into: [:]) { $0[$1.table, default: 0] += 1 }
    }

    @Test func anOldDatabaseUpgradesWithNothingLostAndItsHistorySealedByTheFirstSignedWrite() throws {
        let legacy = try Self.legacyCopy()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [legacy.url.path, "SELECT COUNT(*) FROM logEntry; SELECT COUNT(*) FROM fact; SELECT COUNT(*) FROM post;"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let before = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
        #expect(before.count == 3 && before[0] > 100)

        // Opened by today's code: migrated, the old history verified as it was, nothing lost.
        let database = try AppDatabase.open(at: legacy.url)
        let anchors = AnchorStore(directory: legacy.directory.appendingPathComponent("state"))
        let first = try ChainVerifier(database: database, anchors: anchors).verify()
        #expect(first.isIntact, "\(first.problems.map(\.message))")
        #expect(first.entries == before[0] && first.unsignedEntries == before[0] && !first.sealed)
        let counts = try Self.counts(legacy.url)
        #expect(counts["fact"] == before[1] && counts["post"] == before[2])

        // The first signed change seals the history with every row as it stood, then is itself replayed.
        let ada = try legacy.key("ada")
        let workspace = Workspace(database: database, identity: ada, anchors: anchors)
        try workspace.addContact(name: "Riverton Gazette", email: "desk@gazette.example")
        let sealed = try ChainVerifier(database: database, anchors: anchors).verify()
        #expect(sealed.isIntact, "\(sealed.problems.map(\.message))")
        #expect(sealed.sealed && sealed.entries == before[0] + 2)
        let founder = try database.read { try $0.person(handle: "ada") }
        #expect(sealed.foundingKey == founder?.publicKey)
        #expect(try Self.counts(legacy.url)["contact"] == (counts["contact"] ?? 0) + 1)

        // A row from before the upgrade is now bound to the seal: an edit of it is caught.
        try TestAgency.sqlite(legacy.url, "UPDATE fact SET text = 'Nothing happened.' WHERE id = 1")
        let tampered = try ChainVerifier(database: AppDatabase.open(at: legacy.url)).verify()
        #expect(tampered.problems.contains { $0.table == "fact" && $0.column == "text" && $0.message.contains("(log.seal)") },
                "\(tampered.problems.map(\.message))")
    }

    @Test func anOldDatabaseWhoseHistoryWasTamperedWithIsNotSealed() throws {
        let legacy = try Self.legacyCopy()
        try TestAgency.sqlite(legacy.url, "UPDATE fact SET text = 'Nothing happened.' WHERE id = 1")
        let database = try AppDatabase.open(at: legacy.url)
        let workspace = Workspace(database: database, identity: try legacy.key("ada"),
                                  anchors: AnchorStore(directory: legacy.directory.appendingPathComponent("state")))
        #expect(throws: StoreError.self) { try workspace.addContact(name: "Gazette", email: "desk@gazette.example") }
        #expect(try database.read { try $0.foundingKey() } == nil, "nothing was sealed")
    }
}
