import Foundation
import Testing
import TestSupport
@testable import OneVoiceCore

/// Search on a shared server is PostgreSQL's (a tsvector column under a GIN index), and finds what SQLite's FTS5
/// finds in a file holding the same record: the same items, in the same order, at the same positions, with the
/// same snippets and counts.
@Suite("Shared server search (PostgreSQL tsvector)")
struct SharedSearchTests {
    /// Texts that tokenizers tend to disagree on: case, diacritics, punctuation, quotes, addresses, numbers,
    /// CJK, Hangul, emoji, decomposed accents, hyphens.
    static let texts = [
        "Café Müller on MAIN street was evacuated.",
        "The CAFE reopened; Muller's staff returned at 10:45.",
        "Naïve résumé: the façade of Zoë's bakery collapsed.",
        "東京タワー 周辺で 交通規制 が続いています",
        "Fire 🔥 crews 🚒 on scene at 1200 Elm. 👩🏿‍💻 reported it",
        "Route 9 closed — detour via Route 12 (north-bound) until 3.5 km past exit 12a.",
        "\"Quoted words\" and O'Brien's e-mail: ob@example.com, see https://example.com/a_b?c=d",
        "Straße gesperrt; STRASSE offen. ÅNGSTRÖM ångström",
        "서울 경찰청 발표: 도로 통제",
        "Cafe\u{301} decomposed and ﬁre ligature, ＦＵＬＬ width",
        "two words together, then words two apart",
        "x1 x2 x10 x100 1.000,50 $1,200 #hashtag @mention C++ C# .NET",
        // A word longer than a tsvector keeps: the server cannot find it, so the copy answers for it.
        "a word of \(String(repeating: "東京", count: 800)) letters",
    ]

    /// Queries of every kind `archive search` takes, hostile ones included.
    static let queries = [
        "café", "CAFE", "Cafe", "cafe\u{301}", "müller", "MULLER", "muller*", "caf*", "c*", "\"main street\"", "\"street main\"",
        "route 9", "\"route 9\"", "\"Route 12\"", "12*", "1200", "10:45", "\"10 45\"", "o'brien", "O'Brien's", "ob@example.com",
        "example.com", "e-mail", "email", "東京タワー", "東京", "交通規制", "🔥", "🔥 fire", "fire 🔥", "naive resume", "zoe", "façade",
        "strasse", "straße", "angstrom", "ÅNGSTRÖM", "\"two words\"", "\"words two\"", "two words", "nothingmatchesthis", "\"\"",
        "***", "(fire)", "fire-crews", "-fire", "fire AND crews", "fire OR nothing", "NOT", "\"unterminated phrase", "north-bound",
        "northbound", "서울", "1", "x1*", "c++", "C#", ".net", "$1,200", "#hashtag", "@mention", "ＦＵＬＬ", "full", "fire",
        "fact.add", "dana", "rumor.add words", "3.5", "\"3 5 km\"", "https", "a_b", String(repeating: "東京", count: 800),
        "東京東京*", "\"word of\"",
    ]

    /// The same record made on a file and on a server, by the same steps at the same times.
    struct Twin {
        let file: TestAgency
        let server: TestAgency
        let incidents: [Int64]

        init(_ build: (Workspace, ManualClock, [Int64]) throws -> Void) throws {
            var made: [TestAgency] = []
            var incidents: [Int64] = []
            // The same keys on both: a roster entry holds its person's public key, which search finds too.
            let adminKey = IdentityKey(), danaKey = IdentityKey()
            for storage in Storage.allCases {
                let agency = try TestAgency(storage: storage, adminKey: adminKey)
                try agency.admin.addToRoster(handle: "dana", displayName: "Dana", roles: [.drafter], publicKey: danaKey.publicKeyBase64)
                let drafter = agency.admin.acting(as: danaKey)
                let ids = try ["Elm Park", "Quarrystone mill", "Route 9"].map {
                    try drafter.openIncident(title: "Trouble at \($0)", kind: .general, location: $0).id
                }
                try build(drafter, agency.clock, ids)
                made.append(agency)
                incidents = ids
            }
            file = made[0]
            server = made[1]
            self.incidents = incidents
        }
    }

    /// A search's outcome as text: the hits (type, id, position, incident, snippet), or the error.
    static func outcome(_ body: () throws -> [SearchHit]) -> String {
        do {
            return try body().map { "\($0.type.rawValue)#\($0.id)@\($0.position) i\($0.incidentID ?? 0) \($0.markedSnippet)" }
                .joined(separator: "\n")
        } catch {
            return "error: \(error)"
        }
    }

    static func outcome(_ body: () throws -> Int) -> String {
        do { return "\(try body())" } catch { return "error: \(error)" }
    }

    /// Compares one query's hits and count on the file and on the server; returns the number of hits.
    @discardableResult
    static func compare(_ twin: Twin, _ query: String, incidentID: Int64? = nil, from: Date? = nil, to: Date? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        let onFile = outcome { try twin.file.admin.search(query: query, incidentID: incidentID, from: from, to: to, limit: 10_000) }
        let onServer = outcome { try twin.server.admin.search(query: query, incidentID: incidentID, from: from, to: to, limit: 10_000) }
        #expect(onServer == onFile, "query \(query) incident \(String(describing: incidentID))", sourceLocation: sourceLocation)
        let countOnFile = outcome { try twin.file.admin.searchCount(query: query, incidentID: incidentID, from: from, to: to) }
        let countOnServer = outcome { try twin.server.admin.searchCount(query: query, incidentID: incidentID, from: from, to: to) }
        #expect(countOnServer == countOnFile, "count of \(query)", sourceLocation: sourceLocation)
        #expect(twin.server.admin.database.serverProblem == nil, sourceLocation: sourceLocation)
        return onFile.hasPrefix("error") || onFile.isEmpty ? 0 : onFile.split(separator: "\n").count
    }

    static func fixedRecord() throws -> Twin {
        try Twin { drafter, clock, incidents in
            for (n, text) in texts.enumerated() {
                let incident = incidents[n % incidents.count]
                if n % 3 == 2 {
                    _ = try drafter.addRumor(incidentID: incident, text: text, seenAt: "Nextdoor")
                } else {
                    _ = try drafter.addFact(incidentID: incident, text: text, source: "Lt. Ortiz", sourceKind: .incidentCommander)
                }
                // Some items share a millisecond (the positions count within it), others are a day apart.
                if n % 4 == 3 { clock.advance(by: 86_400) }
            }
        }
    }

    /// The server's search table, read with psql.
    static func serverRows(_ agency: TestAgency) throws -> Int {
        let database = try #require(agency.serverDatabase)
        return Int(try PostgresCluster.server().psql(database, "SELECT count(*) FROM onevoice_search")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func theSameQueriesFindTheSameHitsOnAFileAndOnAServer() throws {
        let twin = try Self.fixedRecord()
        #expect(try Self.serverRows(twin.server) == (try twin.file.admin.database.read { try $0.searchIndexCount() }))
        var found = 0
        for query in Self.queries {
            found += Self.compare(twin, query) > 0 ? 1 : 0
        }
        // The comparison means something only if most queries find something (and some find nothing).
        #expect(found > Self.queries.count / 2 && found < Self.queries.count)
    }

    @Test func theIncidentAndDateFiltersAndPagingAgree() throws {
        let twin = try Self.fixedRecord()
        for incident in twin.incidents {
            for query in ["fire", "caf*", "\"route 9\"", "fact.add", "dana", "nothingmatchesthis"] {
                Self.compare(twin, query, incidentID: incident)
            }
        }
        // An incident that does not exist is refused the same way.
        Self.compare(twin, "fire", incidentID: 999)
        let day: TimeInterval = 86_400
        let start = TestAgency.start
        for (from, to) in [(start, start), (start.addingTimeInterval(day), nil), (nil, start.addingTimeInterval(day)),
                           (start.addingTimeInterval(day), start.addingTimeInterval(2 * day)),
                           (start.addingTimeInterval(2 * day), start)] as [(Date?, Date?)] {
            Self.compare(twin, "dana", from: from, to: to)
        }
        // Paging from every hit, older and newer, and where each hit stands.
        let all = try twin.file.admin.search(query: "dana", limit: 10_000)
        #expect(all.count > 10)
        for hit in all {
            for newer in [false, true] {
                let page = { (ws: Workspace) in Self.outcome { try ws.searchPage(query: "dana", after: hit.position, newer: newer, limit: 3) } }
                #expect(page(twin.server.admin) == page(twin.file.admin))
            }
            let place = { (ws: Workspace) in Self.outcome { try ws.searchCount(query: "dana", newerThan: hit.position) } }
            #expect(place(twin.server.admin) == place(twin.file.admin))
        }
        for limit in [1, 2, 7] {
            let first = { (ws: Workspace) in Self.outcome { try ws.search(query: "dana", limit: limit) } }
            #expect(first(twin.server.admin) == first(twin.file.admin))
            let count = { (ws: Workspace) in Self.outcome { try ws.searchCount(query: "dana", limit: limit) } }
            #expect(count(twin.server.admin) == count(twin.file.admin))
        }
    }

    /// Random texts and queries built from words that fold into each other (case, accents), with random
    /// punctuation between them; items often share a millisecond.
    @Test func randomTextsAndQueriesFindTheSameHits() throws {
        let words = ["café", "Cafe", "CAFÉ", "müller", "Muller", "MÜLLER", "naïve", "résumé", "東京", "タワー", "서울", "fire", "Fire",
                     "FIRE", "firefighter", "route", "9", "12", "1200", "o'brien", "e-mail", "straße", "ångström", "zoë", "x1", "a",
                     "b", "🔥", "Øresund", "İstanbul", "ǅemal", "ΣΟΦΙΑ", "σοφία", "Ⅻ", "½", "٣", "ﬁre"]
        let separators = [" ", " ", " ", ", ", "-", ".", "'", "\"", "\n", "/", " — ", "(", ") ", "🚒", "_"]
        var rng = SeededGenerator(seed: 0x5EA2C4)
        var documents: [[String]] = []
        for _ in 0..<40 {
            documents.append((0..<Int.random(in: 2...10, using: &rng)).map { _ in words.randomElement(using: &rng)! })
        }
        let twin = try Twin { drafter, clock, incidents in
            var local = SeededGenerator(seed: 0xD0C5)
            for document in documents {
                var text = ""
                for word in document { text += word + separators.randomElement(using: &local)! }
                _ = try drafter.addFact(incidentID: incidents.randomElement(using: &local)!, text: text, source: "a", sourceKind: .other)
                if Bool.random(using: &local) { clock.advance(by: Double(Int.random(in: 0...100_000, using: &local)) / 1000) }
            }
        }
        func variant(_ word: String) -> String {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: word.uppercased()
            case 1: word.lowercased()
            case 2: word.applyingTransform(.stripDiacritics, reverse: false) ?? word
            default: word
            }
        }
        var found = 0
        for _ in 0..<propertyBudget(150) {
            var terms: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let document = documents.randomElement(using: &rng)!
                let index = Int.random(in: 0..<document.count, using: &rng)
                switch Int.random(in: 0..<5, using: &rng) {
                case 0 where index + 1 < document.count:
                    terms.append("\"\(variant(document[index])) \(variant(document[index + 1]))\"")
                case 1:
                    let word = variant(document[index])
                    terms.append(String(word.prefix(Int.random(in: 1...max(1, word.count), using: &rng))) + "*")
                default:
                    terms.append(variant(document[index]))
                }
            }
            let query = terms.joined(separator: " ")
            let incident = Bool.random(using: &rng) ? nil : twin.incidents.randomElement(using: &rng)
            found += Self.compare(twin, query, incidentID: incident) > 0 ? 1 : 0
        }
        #expect(found > 10, "most random queries should find something")
    }

    /// The answer is PostgreSQL's: with this machine's index emptied, the server still finds every hit; a server
    /// whose table is behind its log (an older OneVoice appended) is not asked, and the copy answers; the next
    /// machine to open the record fills the table again.
    @Test func theServersTableAnswersAndIsFilledAgainWhenBehind() throws {
        let twin = try Self.fixedRecord()
        let server = twin.server
        let expected = try twin.file.admin.search(query: "dana", limit: 10_000)
        try server.sqlite("DELETE FROM searchIndex")
        #expect(try server.admin.database.read { try $0.searchIndexCount() } == 0)
        #expect(Self.outcome { try server.admin.search(query: "dana", limit: 10_000) } == Self.outcome { expected })
        // Counts are this machine's copy's, never the server's: here its emptied index counts nothing.
        #expect(try server.admin.searchCount(query: "dana") == 0)

        // An append by an OneVoice that does not know the table leaves it behind: the copy answers (finding
        // nothing, as its index was emptied), and an append does not write to a table that is behind.
        let database = try #require(server.serverDatabase)
        _ = try PostgresCluster.server().psql(database, "UPDATE onevoice_head SET search_hash = NULL")
        #expect(try server.admin.search(query: "dana").isEmpty)
        let rows = try Self.serverRows(server)
        let lee = try server.enrol("lee", [.drafter])
        _ = try lee.addFact(incidentID: twin.incidents[0], text: "Late news from dana", source: "a", sourceKind: .other)
        #expect(try Self.serverRows(server) == rows)
        // This machine's index now holds only what was written since it was emptied.
        #expect(try server.admin.database.read { try $0.searchIndexCount() } <= 3)

        // Another machine opens the record: its copy fills the server's table, and the server answers again.
        let other = Workspace(database: try server.reopened(on: "b"), clock: server.clock, identity: server.adminKey)
        let late = try other.search(query: "late news")
        #expect(late.map(\.type) == [.log, .fact])
        #expect(try Self.serverRows(server) > rows)
        let everything = try server.admin.search(query: "dana", limit: 10_000)
        #expect(everything.count == expected.count + 2, "the first machine's answer is the server's again")
        #expect(everything == (try other.search(query: "dana", limit: 10_000)))
    }

    /// A count is the copy's, made from the signed record: rows deleted from, or added to, the server's table
    /// change no count (PostgreSQL would also visit every matching row to count them, where FTS5 reads its index).
    @Test func aServerCannotShadeACount() throws {
        let twin = try Self.fixedRecord()
        let server = twin.server
        let expected = try twin.file.admin.searchCount(query: "dana")
        #expect(expected > 2)
        let database = try #require(server.serverDatabase)
        let matching = { try PostgresCluster.server().psql(database, "SELECT count(*) FROM onevoice_search WHERE doc @@ to_tsquery('simple', 'dana')") }
        let before = try matching()
        _ = try PostgresCluster.server().psql(database, """
            DELETE FROM onevoice_search WHERE position IN (SELECT position FROM onevoice_search
                WHERE doc @@ to_tsquery('simple', 'dana') ORDER BY position LIMIT 2);
            INSERT INTO onevoice_search SELECT position + 1000000, type, item_id + 1000000, incident_id, time, label, body, doc
                FROM onevoice_search WHERE doc @@ to_tsquery('simple', 'dana')
            """)
        #expect(try matching() != before, "the server's table was changed")
        #expect(try server.admin.searchCount(query: "dana") == expected)
        #expect(try server.admin.searchCount(query: "dana", limit: 2) == 2)
    }

    /// A row whose place another item holds takes the next free places of its millisecond, in the order of the
    /// places it was given, after the highest there (this insert's own rows counted); nothing already there moves
    /// or goes, and a row whose place is free keeps it. The insert places them itself, with no answer in between.
    @Test func rowsWhosePlacesAreTakenGoAfterTheHighestOfTheirMillisecond() throws {
        let agency = try TestAgency(storage: .server)
        let shared = try #require(agency.admin.database.shared)
        let database = try #require(agency.serverDatabase)
        let k = StoreSession.searchRowsPerMillisecond
        let millisecond: Int64 = 1_900_000_000_000
        let first = millisecond * k
        func row(_ place: Int64, _ item: Int64) -> SearchRow {
            SearchRow(position: first + place, type: "fact", itemID: 900_000 + item, incidentID: nil, time: millisecond,
                      label: "fact #\(item)", body: "placement \(item)")
        }
        func placed() throws -> String {
            try PostgresCluster.server().psql(database, """
                SELECT string_agg((position - \(first))::text || ':' || (item_id - 900000)::text, ' ' ORDER BY position)
                FROM onevoice_search WHERE position BETWEEN \(first) AND \(first + k - 1)
                """).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try SharedLog.insertSearch([row(0, 1), row(1, 2), row(5, 3)], link: try shared.link(), tokenizer: shared.tokenizer)
        #expect(try placed() == "0:1 1:2 5:3")
        // Another machine numbered its rows 0, 2 and 5: 0 and 5 are taken, so they follow 5 (this insert's 2 is lower).
        try SharedLog.insertSearch([row(0, 4), row(2, 5), row(5, 6)], link: try shared.link(), tokenizer: shared.tokenizer)
        #expect(try placed() == "0:1 1:2 2:5 5:3 6:4 7:6")
        // A free row of the same insert above every taken place counts as the highest.
        try SharedLog.insertSearch([row(1, 8), row(9, 7)], link: try shared.link(), tokenizer: shared.tokenizer)
        #expect(try placed() == "0:1 1:2 2:5 5:3 6:4 7:6 9:7 10:8")
    }

    /// Two machines' copies can number one millisecond's items differently (a copy that takes in an update re-indexes
    /// the item, where the machine that made it with an UPDATE of other columns did not); an item written from either
    /// machine never pushes another out of the server's table.
    @Test func machinesThatNumberAMillisecondApartLoseNoHit() throws {
        let agency = try TestAgency(storage: .server) // the clock stands still: every item shares one millisecond
        let dana = try agency.enrol("dana", [.drafter])
        let incident = try dana.openIncident(title: "Flood", kind: .general, location: "River Road").id
        let first = try dana.addFact(incidentID: incident, text: "Sandbags at the school", source: "a", sourceKind: .other)
        // Here the fact keeps its place in the index; a copy that takes the row in again re-indexes it.
        try agency.admin.database.writeLogged(as: agency.adminKey, action: "test.verify") { session in
            try session.db.execute(sql: "UPDATE fact SET status = 'verified' WHERE id = ?", arguments: [first.id])
        }
        let onB = Workspace(database: try agency.reopened(on: "b"), clock: agency.clock, identity: dana.identity)
        _ = try onB.addFact(incidentID: incident, text: "Sandbags at the library", source: "a", sourceKind: .other)
        _ = try dana.addFact(incidentID: incident, text: "Sandbags at the church", source: "a", sourceKind: .other)
        _ = try onB.addFact(incidentID: incident, text: "Sandbags at the pool", source: "a", sourceKind: .other)
        let server = try agency.admin.search(query: "sandbags", limit: 10_000)
        #expect(agency.admin.database.serverProblem == nil)
        #expect(Set(server.map(\.position)).count == server.count)
        // Every machine's copy holds the same items (whatever their places), and so does the server.
        for machine in [agency.admin, onB] {
            let local = try machine.database.read { try $0.search(expression: SearchQuery("sandbags").expression, incidentID: nil,
                                                                   fromMilliseconds: nil, toMilliseconds: nil, limit: 10_000) }
            #expect(local.count == 8)
            #expect(Set(server.map { "\($0.type) \($0.id)" }) == Set(local.map { "\($0.type) \($0.id)" }))
        }
    }

    /// A server made by an OneVoice before the search table: the first open makes the table and fills it.
    @Test func aServerWithoutTheTableGainsItFilledOnOpen() throws {
        let twin = try Self.fixedRecord()
        let database = try #require(twin.server.serverDatabase)
        _ = try PostgresCluster.server().psql(database, "DROP TABLE onevoice_search; ALTER TABLE onevoice_head DROP COLUMN search_hash")
        let reopened = Workspace(database: try twin.server.reopened(on: "upgraded"), clock: twin.server.clock, identity: twin.server.adminKey)
        #expect(try Self.serverRows(twin.server) == (try twin.file.admin.database.read { try $0.searchIndexCount() }))
        for query in ["dana", "caf*", "\"route 9\"", "東京タワー"] {
            #expect(Self.outcome { try reopened.search(query: query, limit: 10_000) } ==
                    Self.outcome { try twin.file.admin.search(query: query, limit: 10_000) })
        }
    }

    /// `db copy` onto a server fills its search table from the file: searches there find what the file finds.
    @Test func afterDbCopyToAServerSearchStillMatches() throws {
        let twin = try Self.fixedRecord()
        let target = try DatabaseLocation.parse(try PostgresCluster.freshDatabase())
        let copies = twin.file.directory.appendingPathComponent("copies")
        let anchors = AnchorStore(directory: twin.file.directory.appendingPathComponent("copy-anchors"))
        _ = try DatabaseCopy.copy(from: twin.file.admin.database, to: target, copies: copies, anchors: anchors)
        let onServer = Workspace(database: try AppDatabase.open(target, copies: copies), clock: twin.file.clock, identity: twin.file.adminKey)
        // This machine's copy answers nothing by itself: every hit below is the server's.
        guard case .server(let address) = target else { return }
        try TestAgency.sqlite(AppDatabase.workingCopyURL(for: address, in: copies), "DELETE FROM searchIndex")
        // (Leaving out the word too long for a tsvector, which only a copy can answer.)
        for query in Self.queries where query.utf8.count < 2_000 {
            #expect(Self.outcome { try onServer.search(query: query, limit: 10_000) } ==
                    Self.outcome { try twin.file.admin.search(query: query, limit: 10_000) }, "query \(query)")
        }
        #expect(onServer.database.serverProblem == nil)
    }
}
