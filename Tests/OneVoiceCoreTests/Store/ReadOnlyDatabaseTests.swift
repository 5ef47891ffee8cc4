import Foundation
import Testing
@testable import OneVoiceCore

/// A database that cannot be written still answers every read; paths that are not database files
/// are refused naming what they are.
@Suite struct ReadOnlyDatabaseTests {
    @Test func aReadOnlyFolderAndFileOpenReadOnlyForReading() throws {
        let agency = try TestAgency()
        _ = try agency.admin.openIncident(title: "Elm Street closure", kind: .roadClosure, location: "Elm Street")
        let fm = FileManager.default
        try fm.setAttributes([.posixPermissions: 0o444], ofItemAtPath: agency.url.path)
        try fm.setAttributes([.posixPermissions: 0o555], ofItemAtPath: agency.directory.path)
        defer {
            try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: agency.directory.path)
            try? fm.setAttributes([.posixPermissions: 0o644], ofItemAtPath: agency.url.path)
        }
        let database = try AppDatabase.openForReading(at: agency.url)
        // Root may write anything: the read-only handle is only needed (and only used) when writing is refused.
        if getuid() != 0 {
            #expect(database.isReadOnly)
        }
        let workspace = Workspace(database: database, clock: agency.clock, identity: agency.adminKey)
        #expect(try workspace.incidents().map(\.title) == ["Elm Street closure"])
        #expect(try ChainVerifier(database: database).verify().isIntact)
        if database.isReadOnly {
            #expect(throws: StoreError.readOnly(path: agency.url.path)) {
                try workspace.openIncident(title: "Another", kind: .general, location: "")
            }
        }
    }

    @Test func pathsThatAreNotFilesNameWhatTheyAre() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ov-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cases: [(URL, String)] = [(URL(fileURLWithPath: "/dev/null"), "a device"), (folder, "a folder")]
        for (url, kind) in cases {
            #expect(throws: StoreError.notAFile(path: url.path, kind: kind)) { try AppDatabase.open(at: url) }
            #expect(throws: StoreError.notAFile(path: url.path, kind: kind)) { try AppDatabase.openForReading(at: url) }
            #expect(StoreError.notAFile(path: url.path, kind: kind).description.contains("is \(kind), not a database file"))
        }
    }
}
