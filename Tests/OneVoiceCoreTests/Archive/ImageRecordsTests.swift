import Foundation
import GRDB
import Testing
@testable import OneVoiceCore

/// The replay's hand-written decoders (ImageRecords.swift) are held to GRDB's Decodable path: every image
/// a whole workflow logged, and every way of spoiling one column of it, decodes to the same value (or to
/// nothing) both ways. A decoder that quietly accepted a tampered value would let the replay miss it.
@Suite struct ImageRecordsTests {
    /// Every image of the hand-decoded tables in the fixture's log, with its table.
    static func images() throws -> [(table: String, json: String)] {
        let fixture = try IntegrityFixture()
        var found: [(table: String, json: String)] = []
        try fixture.agency.admin.database.read { session in
            try session.forEachLogEntry { entry in
                for image in RowImages.parse(entry.images) ?? [] {
                    if let json = image.json, ["post", "fact", "attestation", "pressRelease", "agency"].contains(image.table) {
                        found.append((image.table, json))
                    }
                }
            }
        }
        return found
    }

    /// Both paths, as Equatable values, for one table's image.
    static func bothWays(_ table: String, _ json: String) -> (fast: AnyHashable?, byRow: AnyHashable?, handWritten: Bool) {
        func pair<T: FetchableRecord & ImageDecodable & Hashable>(_ type: T.Type) -> (AnyHashable?, AnyHashable?, Bool) {
            var handWritten = false
            if let values = RowImageDecoder.values(json), (try? T(image: ImageColumns(values: values))) != nil { handWritten = true }
            var fast: AnyHashable?
            var byRow: AnyHashable?
            if let value = RowImageDecoder.decode(T.self, json) { fast = AnyHashable(value) }
            if let value = RowImageDecoder.decodeByRow(T.self, json) { byRow = AnyHashable(value) }
            return (fast, byRow, handWritten)
        }
        switch table {
        case "post": return pair(Post.self)
        case "fact": return pair(Fact.self)
        case "attestation": return pair(Attestation.self)
        case "agency": return pair(Agency.self)
        default: return pair(Release.self)
        }
    }

    @Test func everyLoggedImageDecodesAlikeBothWays() throws {
        let images = try Self.images()
        #expect(Set(images.map(\.table)) == ["post", "fact", "attestation", "pressRelease", "agency"], "the fixture logs every hand-decoded table")
        for (table, json) in images {
            let result = Self.bothWays(table, json)
            #expect(result.byRow != nil, "\(table) \(json)")
            #expect(result.handWritten, "the hand-written decoder took \(table) \(json)")
            #expect(result.fast == result.byRow, "\(table) \(json)")
        }
    }

    /// The stored rows an incident's facts are read from: by hand and through Decodable, the same facts, and a
    /// row retyped with sqlite3 is decoded (or refused) as Decodable would.
    @Test func everyStoredFactDecodesAlikeBothWays() throws {
        let fixture = try IntegrityFixture()
        let tampered = try fixture.copy()
        try TestAgency.sqlite(tampered, "UPDATE fact SET recordedBy = 'x7' WHERE rowid = (SELECT MAX(rowid) FROM fact)")
        for url in [try fixture.copy(), tampered] {
            try AppDatabase.open(at: url).read { session in
                var compared = 0
                for row in try Row.fetchAll(session.db, sql: "SELECT * FROM fact ORDER BY id") {
                    let fast = Result { try Fact.decodeStored(row) }
                    let slow = Result { try Fact(row: row) }
                    switch (fast, slow) {
                    case (.success(let a), .success(let b)): #expect(a == b)
                    case (.failure, .failure): break
                    default: Issue.record("fact row \(row): \(fast) by hand, \(slow) through Decodable")
                    }
                    compared += 1
                }
                #expect(compared >= 2)
                for incident in try Int64.fetchAll(session.db, sql: "SELECT DISTINCT incidentID FROM fact") {
                    let fast = Result { try session.facts(incidentID: incident) }
                    let slow = Result { try Fact.fetchAll(session.db, sql: "SELECT * FROM fact WHERE incidentID = ? ORDER BY id", arguments: [incident]) }
                    switch (fast, slow) {
                    case (.success(let a), .success(let b)): #expect(a == b)
                    case (.failure, .failure): break
                    default: Issue.record("incident \(incident)'s facts: \(fast) by hand, \(slow) through Decodable")
                    }
                }
            }
        }
    }

    /// The agency row every command reads: by hand and through Decodable alike, as stored and retyped with sqlite3.
    @Test func theStoredAgencyDecodesAlikeBothWays() throws {
        let fixture = try IntegrityFixture()
        let edits = ["", "UPDATE agency SET mode = 'drill'", "UPDATE agency SET createdAt = 5", "UPDATE agency SET name = 7",
                     "UPDATE agency SET createdAt = 'noon'", "UPDATE agency SET timeZoneIdentifier = x'41'"]
        for edit in edits {
            let url = try fixture.copy()
            if !edit.isEmpty { try TestAgency.sqlite(url, edit) }
            try AppDatabase.open(at: url).read { session in
                let fast = Result { try session.agency() }
                let slow = Result { try Agency.fetchOne(session.db, sql: "SELECT * FROM agency WHERE id = 1") }
                switch (fast, slow) {
                case (.success(let a), .success(let b)): #expect(a == b, "\(edit)")
                case (.failure, .failure): break
                default: Issue.record("\(edit): \(fast) by hand, \(slow) through Decodable")
                }
            }
        }
    }

    @Test func everySpoiledColumnDecodesAlikeBothWays() throws {
        let spoils: [(String, (inout [String: DatabaseValue], String) -> Void)] = [
            ("removed", { values, name in values[name] = nil }),
            ("null", { values, name in values[name] = .null }),
            ("text", { values, name in values[name] = "x".databaseValue }),
            ("enum-like text", { values, name in values[name] = "delivered".databaseValue }),
            ("date text", { values, name in values[name] = "2026-01-02 03:04:05.678".databaseValue }),
            ("integer", { values, name in values[name] = 7.databaseValue }),
            ("zero", { values, name in values[name] = 0.databaseValue }),
            ("real", { values, name in values[name] = 1.5.databaseValue }),
            ("blob", { values, name in values[name] = Data([0x41]).databaseValue }),
            ("renamed in capitals", { values, name in values[name.uppercased()] = values.removeValue(forKey: name) }),
            ("doubled in capitals", { values, name in values[name.uppercased()] = 9.databaseValue }),
            ("another column", { values, _ in values["forged"] = 1.databaseValue }),
        ]
        var cases = 0
        // One image of each table is enough: every column of it, spoiled each way.
        var seen = Set<String>()
        for (table, json) in try Self.images() where seen.insert(table).inserted {
            let values = try #require(RowImageDecoder.values(json))
            for name in values.keys {
                for (spoil, change) in spoils {
                    var spoiled = values
                    change(&spoiled, name)
                    let result = Self.bothWays(table, RowImages.json(Row(spoiled)))
                    cases += 1
                    #expect(result.fast == result.byRow, "\(table).\(name) \(spoil)")
                }
            }
        }
        #expect(cases > 500)
    }

    /// Two columns that differ only in case are no table's: such an image decodes to nothing, every time (GRDB
    /// would read whichever a dictionary listed first, which changes from run to run).
    @Test func columnsDifferingOnlyInCaseDecodeToNothing() throws {
        let (table, json) = try #require(try Self.images().first { $0.table == "attestation" })
        var values = try #require(RowImageDecoder.values(json))
        values["PUBLICKEY"] = 9.databaseValue
        let spoiled = RowImages.json(Row(values))
        for _ in 0..<50 {
            let result = Self.bothWays(table, spoiled)
            #expect(result.fast == nil && result.byRow == nil)
        }
        values["PUBLICKEY"] = nil
        #expect(Self.bothWays(table, RowImages.json(Row(values))).fast != nil, "the image itself decodes")
    }

    @Test func thePreparedLogComesInChainOrderWhateverTheBatches() throws {
        let fixture = try IntegrityFixture()
        for size in [1, 3, 256] {
            var seqs: [Int64] = []
            try fixture.agency.admin.database.read { session in
                try LogReplay.forEachPrepared(session, batchSize: size) { seqs.append($0.entry.seq) }
            }
            #expect(seqs.count > 4 * LogReplay.batchesAhead, "more batches than are prepared at once")
            #expect(seqs == Array(1...Int64(seqs.count)), "batches of \(size)")
        }
    }
}
