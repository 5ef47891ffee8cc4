import Foundation
import Testing
import TestSupport
@testable import OneVoiceCore

/// A server that hands out entries nobody signed, or signed entries this OneVoice cannot take in: someone
/// with the server's password (or a key of the roster) writing `onevoice_log` by hand. No machine's working
/// copy takes any of it in; each says why in one sentence, and what it held stays.
@Suite("A hostile shared server", .serialized)
struct HostileServerTests {
    /// An agency on a server with one incident, and Dana's key (a drafter's).
    struct Setup {
        let agency: TestAgency
        let danaKey: IdentityKey
        let database: String
        let head: (seq: Int64, hash: String)

        init() throws {
            agency = try TestAgency(storage: .server)
            danaKey = IdentityKey()
            try agency.admin.addToRoster(handle: "dana", displayName: "Dana", roles: [.drafter], publicKey: danaKey.publicKeyBase64)
            _ = try agency.admin.acting(as: danaKey).openIncident(title: "Water main break", kind: .roadClosure, location: "Oak Street")
            database = try #require(agency.serverDatabase)
            head = try #require(try agency.admin.database.read { try $0.logHead() })
        }

        /// Appends `entry` to the server's log and moves its head, as SQL typed at the server would.
        func append(_ entry: LogEntry) throws {
            func text(_ value: String) -> String { "$ov$" + value + "$ov$" }
            try PostgresCluster.server().psql(database, """
                INSERT INTO onevoice_log (seq, time, actor_id, actor_handle, action, subject_type, subject_id, incident_id, change,
                                          prev_hash, hash, format, actor_key, images, signature)
                VALUES (\(entry.seq), \(entry.time), \(entry.actorID.map(String.init) ?? "NULL"), \(text(entry.actorHandle)),
                        \(text(entry.action)), \(text(entry.subjectType)), \(entry.subjectID), \(entry.incidentID.map(String.init) ?? "NULL"),
                        \(text(entry.change)), \(text(entry.prevHash)), \(text(entry.hash)), \(entry.format), \(text(entry.actorKey)),
                        \(text(entry.images)), \(text(entry.signature)));
                UPDATE onevoice_head SET seq = \(entry.seq), hash = \(text(entry.hash));
                """)
        }

        /// An entry after the head, signed by `key` and naming `actorID`, writing `images`.
        func entry(images: String, key: IdentityKey, actorID: Int64, action: String = "incident.edit") throws -> LogEntry {
            try LogEntry.signed(seq: head.seq + 1, time: Timestamps.milliseconds(agency.clock.now()), actorID: actorID, actorHandle: "dana",
                                action: action, subjectType: "incident", subjectID: 1, incidentID: 1, change: "{}", images: images,
                                prevHash: head.hash, key: key)
        }

        var danaID: Int64 { 2 }

        /// What a fresh machine says when it opens the record (nil when it opens), and what the old machine's
        /// copy still holds: its head must not have moved past the hostile entry.
        func refusal() throws -> String? {
            var sentence: String?
            do { _ = try agency.reopened(on: "fresh-\(UUID().uuidString)") } catch { sentence = "\(error)" }
            let copy = try AppDatabase.open(at: agency.url)
            #expect(try copy.read { try $0.logHead() }?.seq == head.seq, "the working copy took in a hostile entry")
            return sentence
        }
    }

    static let incidentImage = #"incident\#t1\#t{"agencyID":0,"closedAt":null,"id":1,"isExercise":0,"jointAgencies":"[]","kind":"road-closure","location":"Oak Street","openedAt":"2026-11-18 08:53:20.000","openedBy":2,"severity":2,"spokespersonID":null,"status":"active","title":"Nothing happened"}"#

    @Test func anEntryWhoseContentDoesNotMatchItsHashIsNotTakenIn() throws {
        let setup = try Setup()
        try PostgresCluster.server().psql(setup.database, """
            UPDATE onevoice_log SET images = replace(images, 'Water main break', 'Nothing happened') WHERE action = 'incident.open'
            """)
        let sentence = try #require(try setup.refusal())
        #expect(sentence.contains("does not match its hash"), "\(sentence)")
        #expect(sentence.split(separator: "\n").count == 1)
    }

    @Test func anEntryRehashedButNotSignedIsNotTakenIn() throws {
        let setup = try Setup()
        var forged = try setup.entry(images: Self.incidentImage, key: setup.danaKey, actorID: setup.danaID)
        forged.images = forged.images.replacingOccurrences(of: "Nothing happened", with: "All clear")
        forged.hash = forged.expectedHash
        try setup.append(forged)
        #expect(try #require(try setup.refusal()).contains("signature does not match"))
    }

    @Test func anEntrySignedWithAKeyNotItsActorsIsNotTakenIn() throws {
        let setup = try Setup()
        // Signed validly, by a key of nobody on the roster, in the name of Dana.
        try setup.append(try setup.entry(images: Self.incidentImage, key: IdentityKey(), actorID: setup.danaID))
        #expect(try #require(try setup.refusal()).contains("not its actor's"))
    }

    @Test func anUnsignedEntryAfterSignedOnesIsNotTakenIn() throws {
        let setup = try Setup()
        var old = LogEntry(seq: setup.head.seq + 1, time: 1, actorID: setup.danaID, actorHandle: "dana", action: "incident.edit",
                           subjectType: "incident", subjectID: 1, incidentID: 1, change: "{}", prevHash: setup.head.hash, storedHash: "")
        old.hash = old.expectedHash
        try setup.append(old)
        #expect(try #require(try setup.refusal()).contains("unsigned log entry"))
    }

    /// Entries signed by a key of the roster (Dana's) that no OneVoice writes: each is refused, in one sentence.
    @Test(arguments: [
        ("an unknown table", #"secrets\#t1\#t{"id":1,"x":"y"}"#, "a table OneVoice does not keep"),
        ("an unknown column", #"incident\#t1\#t{"id":1,"title":"x","ransom":"1 BTC"}"#, "a column this OneVoice does not know"),
        ("unreadable JSON", #"incident\#t1\#t{"id":1,"title":"#, "cannot be read"),
        ("a row whose id is not its image's", #"incident\#t1\#t{"id":2,"title":"x"}"#, "cannot be read"),
        ("no tabs at all", "incident 1 {}", "cannot be read"),
    ])
    func aSignedEntryOfRowsThisOneVoiceDoesNotKeepIsNotTakenIn(_ kind: String, _ images: String, _ says: String) throws {
        let setup = try Setup()
        try setup.append(try setup.entry(images: images, key: setup.danaKey, actorID: setup.danaID))
        let sentence = try #require(try setup.refusal(), "\(kind) was taken in")
        #expect(sentence.contains(says), "\(kind): \(sentence)")
        #expect(!sentence.contains("Fatal") && sentence.split(separator: "\n").count == 1)
    }

    /// The search table is derived, not signed: whatever is edited or added there, a search shows only what the
    /// signed record holds (the copy answers once the server's rows do not match it).
    @Test(arguments: [
        ("a hit's text edited", "UPDATE onevoice_search SET body = replace(body, 'Water main break', 'Water main sabotage'), doc = to_tsvector('simple', replace(body, 'Water main break', 'Water main sabotage'))"),
        ("a hit added", "INSERT INTO onevoice_search (position, type, item_id, incident_id, time, label, body, doc) SELECT position + 1, type, item_id + 100, incident_id, time, label, body || ' sabotage', to_tsvector('simple', body || ' sabotage') FROM onevoice_search ORDER BY position DESC LIMIT 1"),
        ("a hit's label edited", "UPDATE onevoice_search SET label = 'log #1 nothing to see'"),
    ])
    func aSearchTableEditedOnTheServerShowsNothingUnsigned(_ kind: String, _ sql: String) throws {
        let setup = try Setup()
        let dana = setup.agency.admin.acting(as: setup.danaKey)
        let before = try dana.search(query: "water")
        #expect(!before.isEmpty)
        try PostgresCluster.server().psql(setup.database, sql)
        #expect(try dana.search(query: "sabotage").isEmpty, "\(kind): a forged hit was shown")
        let after = try dana.search(query: "water")
        #expect(after.map(\.id) == before.map(\.id) && after.map(\.label) == before.map(\.label), "\(kind)")
        #expect(after.allSatisfy { !$0.markedSnippet.contains("sabotage") })
        #expect(setup.agency.admin.database.serverProblem?.contains("search table that does not match") == true, "\(kind)")
    }

    /// A row deleted from the search table would hide a hit from a records search: `archive verify` names it,
    /// and one added too.
    @Test func verifyHoldsTheServersSearchTableToTheRecord() throws {
        let setup = try Setup()
        #expect(try ChainVerifier(database: setup.agency.admin.database).verify().isIntact)
        try PostgresCluster.server().psql(setup.database, "DELETE FROM onevoice_search WHERE type = 'log' AND item_id = 2")
        try PostgresCluster.server().psql(setup.database, """
            INSERT INTO onevoice_search (position, type, item_id, incident_id, time, label, body, doc)
            SELECT position + 7, 'fact', 99, incident_id, time, 'fact #99', 'forged', to_tsvector('simple', 'forged') FROM onevoice_search LIMIT 1
            """)
        let problems = try ChainVerifier(database: setup.agency.admin.database).verify().problems.map(\.message)
        #expect(problems.contains { $0.contains("lacks log #2") }, "\(problems)")
        #expect(problems.contains { $0.contains("holds fact #99") }, "\(problems)")
    }

    @Test func aMachineAlreadyWorkingKeepsItsCopyAndSaysWhy() throws {
        let setup = try Setup()
        try setup.append(try setup.entry(images: Self.incidentImage, key: IdentityKey(), actorID: setup.danaID))
        // The machine that was already working reads on from its copy, and a change is refused.
        let dana = setup.agency.admin.acting(as: setup.danaKey)
        #expect(try dana.incident(id: 1).title == "Water main break")
        #expect(setup.agency.admin.database.serverProblem?.contains("not its actor's") == true)
        #expect(throws: StoreError.self) { try dana.openIncident(title: "Another", kind: .general, location: "") }
    }
}
