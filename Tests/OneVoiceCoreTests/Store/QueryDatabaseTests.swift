import Foundation
import GRDB
import Testing
@testable import OneVoiceCore

/// A command that never writes reads through the one read-only connection that checked the file, when the
/// schema is current; an older schema is still brought up to date first, as any other open does.
@Suite struct QueryDatabaseTests {
    @Test func aCurrentDatabaseIsReadThroughOneReadOnlyConnection() throws {
        let agency = try TestAgency()
        _ = try agency.admin.openIncident(title: "Elm Street closure", kind: .roadClosure, location: "Elm Street")
        let database = try AppDatabase.openForQuerying(at: agency.url)
        #expect(database.isReadOnly)
        let workspace = Workspace(database: database, clock: agency.clock, identity: agency.adminKey)
        #expect(try workspace.incidents().map(\.title) == ["Elm Street closure"])
        #expect(throws: StoreError.readOnly(path: agency.url.path)) {
            try workspace.openIncident(title: "Another", kind: .general, location: "")
        }
        // It sees what another connection commits afterwards.
        _ = try agency.admin.openIncident(title: "Oak Street fire", kind: .general, location: "Oak Street")
        #expect(try workspace.incidents().count == 2)
    }

    @Test func anOlderSchemaIsMigratedFirst() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ov-query-\(UUID().uuidString).sqlite")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) } }
        let schemas = AppDatabase.schemaMigrations
        try AppDatabase.createAtSchema(schemas[schemas.count - 2], at: url)
        let database = try AppDatabase.openForQuerying(at: url)
        #expect(try database.read { try $0.db.tableExists("incident") })
        let applied = try DatabaseQueue(path: url.path).read { try Migrations.migrator.appliedMigrations($0) }
        #expect(applied.last == schemas.last, "the open brought the schema up to date")
    }

    @Test func notOursAndMissingAreRefusedAsBefore() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("ov-none-\(UUID().uuidString).sqlite")
        #expect(throws: StoreError.noDatabase(path: missing.path)) { try AppDatabase.openForQuerying(at: missing) }
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("ov-other-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: other) }
        try DatabaseQueue(path: other.path).write { try $0.execute(sql: "CREATE TABLE notes (text)") }
        #expect(throws: StoreError.notOneVoice(path: other.path)) { try AppDatabase.openForQuerying(at: other) }
    }
}
