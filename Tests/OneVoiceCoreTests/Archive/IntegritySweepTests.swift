import Foundation
import Testing
@testable import OneVoiceCore

/// The record proves itself, tried as someone holding only the database file and the sqlite3 shell would:
/// every cell of every table of record edited in turn, every row deleted, every row copied, the search index
/// edited. Each must fail `archive verify`, naming the table.
@Suite(.serialized) struct IntegritySweepTests {
    /// A value that differs from `value` and that a careless reader would still take for the column's kind.
    static func tamperedValue(_ name: String, _ value: DatabaseValueDescription) -> String {
        switch value {
        case .null:
            return "1"
        case .integer(let int):
            return int == 0 || int == 1 ? "\(1 - int)" : "\(int + 1)"
        case .real(let double):
            return "\(double + 1)"
        case .blob:
            return "x'00'"
        case .text(let text):
            if name == "roles" {
                return text.contains("legal") ? "'[\"drafter\"]'" : "'[\"admin\",\"drafter\",\"legal\",\"spokesperson\",\"verifier\"]'"
            }
            if text.hasPrefix("{") { return "json_set(\(name), '$.forged', 'yes')" }
            if text.range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$"#, options: .regularExpression) != nil {
                return "strftime('%Y-%m-%d %H:%M:%f', \(name), '+1 second')"
            }
            return "\(name) || 'x'"
        }
    }

    @Test func everyCellEditedIsCaught() throws {
        let fixture = try IntegrityFixture()
        let rows = try fixture.rows()
        #expect(Set(rows.map(\.table)).isSuperset(of: RecordTables.all.filter { $0 != "disposal" && $0 != "publishedIdentity" }), "the fixture fills every table")
        var missed: [String] = []
        var cases = 0
        // The first and the last row of each table, every column.
        let picked = Dictionary(grouping: rows, by: \.table).values.flatMap { group in [group.first!, group.last!] }
        for row in picked {
            for column in row.columns {
                let url = try fixture.copy()
                let sql = "UPDATE \(row.table) SET \(column.name) = \(Self.tamperedValue(column.name, column.value)) WHERE rowid = \(row.id)"
                guard (try? TestAgency.sqlite(url, sql)) != nil else { continue }
                cases += 1
                let problems = try fixture.problems(url)
                if !problems.contains(where: { $0.table == row.table }) { missed.append(sql) }
            }
        }
        #expect(cases > 100)
        #expect(missed.isEmpty, "\(missed.count) of \(cases) edits passed verify: \(missed.prefix(10))")
    }

    /// A cell given a value of another kind (text in a number's column, bytes in a text's) is caught like any
    /// edit, and nothing reading it stops the process: an index row whose item id was text once did.
    @Test func everyCellRetypedIsCaughtWithoutStopping() throws {
        let fixture = try IntegrityFixture()
        let rows = try fixture.rows()
        var missed: [String] = []
        var cases = 0
        for row in Dictionary(grouping: rows, by: \.table).values.map({ $0[0] }) {
            for column in row.columns {
                let value = if case .text = column.value { "x'00ff'" } else { "'x7'" }
                let url = try fixture.copy()
                let sql = "UPDATE \(row.table) SET \(column.name) = \(value) WHERE rowid = \(row.id)"
                guard (try? TestAgency.sqlite(url, sql)) != nil else { continue }
                cases += 1
                if !(try fixture.problems(url)).contains(where: { $0.table == row.table }) { missed.append(sql) }
            }
        }
        #expect(cases > 80)
        #expect(missed.isEmpty, "\(missed.count) of \(cases) retyped cells passed verify: \(missed.prefix(10))")
    }

    @Test func everyRowDeletedOrCopiedIsCaught() throws {
        let fixture = try IntegrityFixture()
        var missed: [String] = []
        var copies = 0
        for row in try fixture.rows() {
            let deleted = try fixture.copy()
            let delete = "DELETE FROM \(row.table) WHERE rowid = \(row.id)"
            try TestAgency.sqlite(deleted, delete)
            if try fixture.problems(deleted).isEmpty { missed.append(delete) }
            // A copy under a new id; a copy the schema refuses (a unique handle or key) cannot be made at all.
            let copied = try fixture.copy()
            let copy = """
                CREATE TEMP TABLE c AS SELECT * FROM \(row.table) WHERE rowid = \(row.id);
                UPDATE c SET id = (SELECT MAX(id) + 100 FROM \(row.table)); INSERT INTO \(row.table) SELECT * FROM c;
                """
            guard (try? TestAgency.sqlite(copied, copy)) != nil else { continue }
            copies += 1
            if try fixture.problems(copied).isEmpty { missed.append(copy) }
        }
        #expect(copies > 10)
        #expect(missed.isEmpty, "passed verify: \(missed.prefix(10))")
    }

    @Test func aRowInsertedIntoAnEmptyTableIsCaught() throws {
        let fixture = try IntegrityFixture()
        let url = try fixture.copy()
        try TestAgency.sqlite(url, """
            INSERT INTO disposal (subjectType, subjectID, incidentID, reason, disposedAt, disposedBy, attestationID)
            VALUES ('fact', 1, 1, 'retention', '2026-11-18 12:00:00.000', 1, 1)
            """)
        #expect(try fixture.problems(url).contains { $0.table == "disposal" })
    }

    @Test func theSearchIndexIsRebuiltAndCompared() throws {
        let fixture = try IntegrityFixture()
        for sql in ["DELETE FROM searchIndex WHERE rowid = (SELECT MIN(rowid) FROM searchIndex WHERE type = 'fact')",
                    "UPDATE searchIndex SET body = 'nothing to see' WHERE rowid = (SELECT MAX(rowid) FROM searchIndex)",
                    "INSERT INTO searchIndex (rowid, type, itemID, incidentID, time, label, scope, body) VALUES (1, 'fact', 77, 1, 0, 'x', 'i1', 'planted')"] {
            let url = try fixture.copy()
            try TestAgency.sqlite(url, sql)
            #expect(try fixture.problems(url).contains { $0.table == "searchIndex" }, "\(sql)")
        }
    }

    /// The index is compared row for row, not as a set: a copied row is one too many (it shows a hit twice), and
    /// a value stored as another type (`'5'` for `5`) is not the row the records call for.
    @Test func aCopiedOrRetypedIndexRowIsCaughtAndNamed() throws {
        let fixture = try IntegrityFixture()
        let first = "(SELECT MIN(rowid) FROM searchIndex WHERE type = 'fact')"
        let cases = [
            ("INSERT INTO searchIndex (type, itemID, incidentID, time, label, scope, body) SELECT type, itemID, incidentID, time, label, scope, body FROM searchIndex WHERE rowid = \(first)",
             ["is in the search index but no record says so"]),
            ("UPDATE searchIndex SET time = CAST(time AS TEXT) WHERE rowid = \(first)",
             ["is missing from the search index or differs", "is in the search index but no record says so"]),
        ]
        // An item id that is not a number at all is named as it stands (reading it as a number stopped the process).
        let url = try fixture.copy()
        try TestAgency.sqlite(url, "UPDATE searchIndex SET itemID = 'x7' WHERE rowid = \(first)")
        #expect(try fixture.problems(url).contains { $0.message.contains("fact #x7 is in the search index but no record says so") })
        for (sql, messages) in cases {
            let url = try fixture.copy()
            let item = try #require(try TestAgency.sqliteOutput(url, "SELECT itemID FROM searchIndex WHERE rowid = \(first)"))
            try TestAgency.sqlite(url, sql)
            let found = try fixture.problems(url).filter { $0.table == "searchIndex" }
            for message in messages {
                #expect(found.contains { $0.message.contains("fact #\(item) \(message)") }, "\(sql): \(found)")
            }
            #expect(found.count == messages.count, "\(sql): \(found)")
        }
    }

    @Test func theUntouchedFixtureHolds() throws {
        let fixture = try IntegrityFixture()
        let problems = try fixture.problems(try fixture.copy())
        #expect(problems.isEmpty, "\(problems.map(\.message))")
    }
}
