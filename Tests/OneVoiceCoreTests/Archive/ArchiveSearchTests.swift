import Foundation
import GRDB
import Testing
@testable import OneVoiceCore

@Suite("Archive search")
struct ArchiveSearchTests {
    @Test(arguments: Storage.allCases) func findsEveryKindOfItem(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let ws = f.agency.admin
        func types(_ query: String) throws -> Set<SearchItemType> { Set(try ws.search(query: query).map(\.type)) }
        // A fact, and the log entry that recorded it.
        #expect(try types("Mercy Hospital") == [.fact, .log])
        // A rumor.
        #expect(try types("gunman Willow").contains(.rumor))
        // Both revisions of a release: the first only has the old wording, the second adds the caveat.
        let revisions = try ws.search(query: "ongoing").filter { $0.type == .revision }
        #expect(revisions.map(\.label) == ["release #\(f.elmRelease.id) revision 2"])
        #expect(try ws.search(query: "\"1200 block\"").filter { $0.type == .revision }.count == 2)
        // A post (with its HTML-hostile characters) and a rendition.
        #expect(try types("avoid area").contains(.post))
        #expect(try ws.search(query: "\"More to follow\"").contains { $0.type == .revision })
        // A log entry only: the verification note lives in the attestation's log entry.
        let note = try ws.search(query: "Called the hospital")
        #expect(!note.isEmpty && note.allSatisfy { $0.type == .log })
    }

    @Test(arguments: Storage.allCases) func hitsAreNewestFirstWithIncidentTimeAndMarkedSnippet(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let hits = try f.agency.admin.search(query: "Quarrystone OR Elm") // OR is just a word: nothing has all three
        #expect(hits.isEmpty)
        let all = try f.agency.admin.search(query: "incident.open")
        #expect(all.count == 2)
        #expect(all.map(\.incidentID) == [f.mill.id, f.elm.id])
        #expect(all[0].time > all[1].time)
        let fact = try #require(try f.agency.admin.search(query: "zephyrine").first { $0.type == .fact })
        #expect(fact.incidentID == f.mill.id)
        #expect(fact.time == f.agency.clock.now())
        #expect(fact.snippet().contains("«Zephyrine»"))
        #expect(fact.snippetRuns.contains { $0.isMatch && $0.text == "Zephyrine" })
    }

    @Test(arguments: Storage.allCases) func respectsTheIncidentFilter(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let ws = f.agency.admin
        #expect(try ws.search(query: "rumor.add", incidentID: f.elm.id).allSatisfy { $0.incidentID == f.elm.id })
        #expect(try ws.search(query: "rumor.add", incidentID: f.elm.id).count == 1)
        #expect(try ws.search(query: "Quarrystone", incidentID: f.elm.id).isEmpty)
        #expect(!(try ws.search(query: "Quarrystone", incidentID: f.mill.id)).isEmpty)
        // Agency-wide entries (roster) belong to no incident.
        #expect(try ws.search(query: "roster.add", incidentID: f.elm.id).isEmpty)
        #expect(try ws.search(query: "roster.add").count == 3)
        #expect(throws: StoreError.notFound(what: "incident #99")) { try ws.search(query: "fire", incidentID: 99) }
    }

    @Test(arguments: Storage.allCases) func respectsTheDateFilter(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let ws = f.agency.admin
        let zone = try ws.agency().timeZone
        let start = TestAgency.start
        let day0 = LocalTime(timeZone: zone).format(start, "yyyy-MM-dd")
        let day2 = LocalTime(timeZone: zone).format(start.addingTimeInterval(2 * ArchiveFixture.day), "yyyy-MM-dd")
        let onDay0 = try ws.search(query: "fact.add", from: RecordDate.start(day0, timeZone: zone), to: RecordDate.end(day0, timeZone: zone))
        #expect(onDay0.count == 1)
        #expect(onDay0.first?.incidentID == f.elm.id)
        let fromDay2 = try ws.search(query: "fact.add", from: RecordDate.start(day2, timeZone: zone))
        #expect(fromDay2.map(\.incidentID) == [f.mill.id])
        let untilDay0 = try ws.search(query: "Route", to: RecordDate.end(day0, timeZone: zone))
        #expect(untilDay0.isEmpty)
        // Exact bounds are inclusive to the millisecond.
        let exact = try ws.search(query: "zephyrine", from: f.agency.clock.now(), to: f.agency.clock.now())
        #expect(!exact.isEmpty)
        #expect(throws: SearchError.badRange) {
            try ws.search(query: "fire", from: start.addingTimeInterval(10), to: start)
        }
    }

    @Test(arguments: ["\"", "\"\"", "-", "*", "AND", "OR NOT", "(", "((mercy", "mercy)", "NEAR(a b)", "body:mercy", "{body}: x",
                      "^mercy", "mercy AND", "\"unbalanced mercy", "a\"b", "'; DROP TABLE fact; --", "\u{0}mercy", "🚓", "***",
                      "mercy* hosp*", "x-ray", "-mercy", "+mercy", "scope : i1", "i1", String(repeating: "(", count: 500)])
    func hostileQueriesNeverBreakFTS(query: String) throws {
        let f = try ArchiveFixture()
        do {
            _ = try f.agency.admin.search(query: query)
        } catch let error as SearchError {
            #expect(error == .emptyQuery)
        }
        #expect(try f.agency.admin.search(query: "mercy").count == 2)
    }

    @Test(arguments: Storage.allCases) func queryTermsAreQuotedAndTheScopeColumnIsOutOfReach(storage: Storage) throws {
        #expect(try SearchQuery("mercy hosp*").expression == "{body} : (\"mercy\" \"hosp\"*)")
        #expect(try SearchQuery("say \"two people\" a\"b").expression == "{body} : (\"say\" \"two people\" \"a\" \"b\")")
        #expect(try SearchQuery("AND -x").expression == "{body} : (\"AND\" \"-x\")")
        #expect(throws: SearchError.emptyQuery) { try SearchQuery(" - * \"\" () ") }
        let f = try ArchiveFixture(storage: storage)
        // "i1" is the scope token of incident 1; a user's words never match it.
        #expect(try f.agency.admin.search(query: "i\(f.elm.id)").isEmpty)
        #expect(try f.agency.admin.search(query: "Mercy").map(\.label).contains("fact #1"))
        #expect(try f.agency.admin.search(query: "merc*").count == 2)
    }

    @Test func theMigrationIndexesRowsThatAlreadyExist() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("old.sqlite")
        try AppDatabase.createAtSchema("v2-workflow", at: url)
        let sql = """
            INSERT INTO agency VALUES (1, 'Old PD', 'America/Chicago', 'live', '2025-01-01 00:00:00.000');
            INSERT INTO person (id, handle, displayName, publicKey, roles, addedAt) VALUES (1, 'old', 'Old', 'k', 'admin', '2025-01-01 00:00:00.000');
            INSERT INTO incident (id, kind, title, location, status, severity, isExercise, openedAt, openedBy)
                VALUES (1, 'general', 'Old flood', 'River', 'active', 2, 0, '2025-01-02 00:00:00.000', 1);
            INSERT INTO fact (id, incidentID, text, source, sourceKind, status, recordedBy, recordedAt)
                VALUES (1, 1, 'The levee held at Marlowe crossing.', 'Corps', 'official-record', 'unverified', 1, '2025-01-02 10:00:00.250');
            INSERT INTO rumor (id, incidentID, text, seenAt, recordedBy, recordedAt)
                VALUES (1, 1, 'Marlowe bridge collapsed', 'X', 1, '2025-01-02 10:00:00.250');
            INSERT INTO logEntry (seq, time, actorID, actorHandle, action, subjectType, subjectID, incidentID, change, prevHash, hash)
                VALUES (1, 1735812000250, 1, 'old', 'fact.add', 'fact', 1, 1, '{"text":"The levee held at Marlowe crossing.\\nSecond line"}', '0', 'x');
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [url.path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let ws = Workspace(database: try AppDatabase.open(at: url), identity: nil)
        let hits = try ws.search(query: "Marlowe")
        #expect(Set(hits.map(\.type)) == [.fact, .rumor, .log])
        #expect(hits.allSatisfy { $0.time == Timestamps.date(milliseconds: 1_735_812_000_250) })
        // JSON escapes are undone before indexing: the word after "\n" is found.
        #expect(try ws.search(query: "Second").map(\.type) == [.log])
    }

    @Test(arguments: Storage.allCases) func theIndexFollowsChangesInTheSameTransaction(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let before = try f.agency.admin.database.read { try $0.searchIndexCount() }
        // A change that fails rolls back its index rows with it.
        #expect(throws: (any Error).self) {
            try f.agency.admin.database.write { session in
                var rumor = Rumor(incidentID: f.elm.id, text: "Phantom rumor about Xylophonic", seenAt: "X", recordedBy: 1,
                                  recordedAt: f.agency.clock.now())
                try session.insertRumor(&rumor)
                throw StoreError.invalid("abandon")
            }
        }
        #expect(try f.agency.admin.database.read { try $0.searchIndexCount() } == before)
        #expect(try f.agency.admin.search(query: "Xylophonic").isEmpty)
        // An edited rumor is found by its new words only.
        try f.agency.admin.database.writeLogged(as: f.agency.adminKey, action: "rumor.add") { session in
            var rumor = try #require(try session.rumor(id: 1))
            rumor.text = "A gunman is hiding in Juniper Court"
            try session.updateRumor(rumor)
        }
        #expect(try f.agency.admin.search(query: "Juniper").map(\.type) == [.rumor])
        #expect(try f.agency.admin.search(query: "Willow").allSatisfy { $0.type != .rumor })
        // The rumor's row was replaced, not added; the change's own log entry is indexed too.
        #expect(try f.agency.admin.database.read { try $0.searchIndexCount() } == before + 1)
    }

    @Test(arguments: Storage.allCases) func searchUsesTheIndexNotAScan(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let plan = try f.agency.admin.database.read { session in
            try Row.fetchAll(session.db, sql: """
                EXPLAIN QUERY PLAN SELECT type FROM searchIndex WHERE searchIndex MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT 50
                """, arguments: ["x", 0, 1]).map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(plan.contains("VIRTUAL TABLE INDEX"))
        #expect(!plan.contains("TEMP B-TREE"))
    }
}

@Suite("Archive search bounds")
struct ArchiveSearchBoundsTests {
    @Test(arguments: Storage.allCases) func farAwayDatesDoNotOverflow(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let far = Date(timeIntervalSince1970: 253_402_300_799) // 9999-12-31
        let longAgo = Date(timeIntervalSince1970: -62_135_596_800) // year 1
        #expect(try f.agency.admin.search(query: "Mercy", from: longAgo, to: far).count == 2)
        #expect(try f.agency.admin.search(query: "Mercy", from: far).isEmpty)
        #expect(try f.agency.admin.search(query: "Mercy", to: longAgo).isEmpty)
    }
}
