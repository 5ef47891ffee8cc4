import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Store")
struct StoreTests {
    @Test func agencyPeopleIncidentsAndFactsRoundTrip() throws {
        let agency = try TestAgency()
        let drafter = try agency.enrol("dana", [.drafter])
        try agency.enrol("sam", [.spokesperson])
        let opened = try drafter.openIncident(title: "Crash on Route 9 — 市 🚓", kind: .trafficFatality,
                                              location: "Route 9 near Mill Road", spokesperson: "sam", severity: 3)
        let fact = try drafter.addFact(incidentID: opened.id, text: "Two vehicles were involved.", source: "Sgt. Lee",
                                       sourceKind: .onSceneOfficer, key: "vehicles")

        // A second open of the same file reads back exactly what was written.
        let reopened = Workspace(database: try AppDatabase.open(at: agency.url), identity: nil)
        #expect(try reopened.agency() == Agency(name: "Riverton Police Department", timeZoneIdentifier: "America/Chicago",
                                                mode: .live, createdAt: TestAgency.start))
        #expect(try reopened.incident(id: opened.id) == opened)
        #expect(try reopened.facts(incidentID: opened.id) == [fact])
        #expect(try reopened.roster().map(\.handle) == ["admin", "dana", "sam"])
        #expect(try reopened.roster().first { $0.handle == "dana" }?.roles == [.drafter])
        let incident = try reopened.incident(id: opened.id)
        #expect(incident.spokespersonID == (try reopened.roster().first { $0.handle == "sam" }?.id))
        #expect(incident.title == "Crash on Route 9 — 市 🚓")
    }

    @Test func databaseFileIsPrivate() throws {
        let agency = try TestAgency()
        let attributes = try FileManager.default.attributesOfItem(atPath: agency.url.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func refusesADatabaseFromANewerVersion() throws {
        let agency = try TestAgency()
        try agency.sqlite("INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        #expect(throws: StoreError.newerSchema(path: agency.url.path)) { try AppDatabase.open(at: agency.url) }
        try agency.sqlite("DELETE FROM grdb_migrations WHERE identifier = 'v99-from-the-future'; PRAGMA user_version = 42")
        #expect(throws: StoreError.newerSchema(path: agency.url.path)) { try AppDatabase.open(at: agency.url) }
    }

    @Test func refusesAFileThatIsNotOneVoice() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ov-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let text = dir.appendingPathComponent("notes.sqlite")
        try Data("just some text, not a database at all\n".utf8).write(to: text)
        #expect(throws: StoreError.notOneVoice(path: text.path)) { try AppDatabase.open(at: text) }
        #expect(try String(contentsOf: text, encoding: .utf8) == "just some text, not a database at all\n")
    }

    @Test func missingDatabaseIsNotCreatedByReaders() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ov-missing-\(UUID().uuidString).sqlite")
        #expect(throws: StoreError.noDatabase(path: url.path)) { try AppDatabase.open(at: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func migratesADatabaseFromTheOldestSchema() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ov-mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("old.sqlite")
        let oldest = try #require(AppDatabase.schemaMigrations.first)
        try AppDatabase.createAtSchema(oldest, at: url)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [url.path, """
            INSERT INTO agency (id, name, timeZoneIdentifier, mode, createdAt) VALUES (1, 'Old Town PD', 'America/Denver', 'exercise', '2025-01-01 00:00:00.000');
            INSERT INTO person (handle, displayName, publicKey, roles, addedAt) VALUES ('old', 'Old Timer', 'k', '["admin"]', '2025-01-01 00:00:00.000');
            """]
        try shell.run()
        shell.waitUntilExit()

        let database = try AppDatabase.open(at: url)
        let agency = try database.read { try $0.agency() }
        #expect(agency?.name == "Old Town PD")
        #expect(agency?.mode == .exercise)
        #expect(try database.read { try $0.person(handle: "old")?.roles } == [.admin])
        // The newer tables exist now.
        var rumor = Rumor(incidentID: 1, text: "x", seenAt: "y", recordedBy: 1, recordedAt: Date())
        #expect(throws: (any Error).self) { try database.write { try $0.insertRumor(&rumor) } } // no incident #1: foreign key
    }

    @Test func twoWritersInOneProcessLoseNothing() async throws {
        let agency = try TestAgency()
        let drafter = try agency.enrol("dana", [.drafter])
        let incident = try drafter.openIncident(title: "Flood", kind: .evacuation, location: "River district")
        let second = Workspace(database: try AppDatabase.open(at: agency.url), clock: agency.clock, identity: drafter.identity)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for workspace in [drafter, second] {
                group.addTask {
                    for i in 0..<25 {
                        try workspace.addFact(incidentID: incident.id, text: "Fact \(i)", source: "EOC", sourceKind: .officialRecord)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try drafter.facts(incidentID: incident.id).count == 50)
        #expect(try ChainVerifier(database: drafter.database).verify().isIntact)
    }
}
