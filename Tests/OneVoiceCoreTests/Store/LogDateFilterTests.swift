import Foundation
import GRDB
import Testing
@testable import OneVoiceCore

/// The records log within an incident and dates, as the dashboard's filter reads it: the same entries an
/// export of that scope writes, read a window at a time.
@Suite("Records log by dates")
struct LogDateFilterTests {
    func segment(_ ws: Workspace, _ scope: ExportScope) throws -> [Int64] {
        var seqs: [Int64] = []
        try ws.database.read { session in try session.forEachExportLogEntry(scope) { seqs.append($0.seq) } }
        return seqs.reversed()  // newest first, as the log view shows it
    }

    func window(_ ws: Workspace, _ scope: ExportScope, pageSize: Int) throws -> [Int64] {
        try ws.database.read { session in
            var seqs: [Int64] = []
            var cursor: Int64?
            while true {
                let page = try session.logWindow(incidentID: scope.incidentID, from: cursor, backward: false, limit: pageSize,
                                                 since: scope.from, until: scope.to)
                seqs += page.map(\.seq)
                guard page.count == pageSize, let last = page.last else { return seqs }
                cursor = last.seq
            }
        }
    }

    @Test func theFilteredLogIsTheExportsLogSegment() throws {
        let f = try ArchiveFixture()
        let ws = f.agency.admin
        let day1 = TestAgency.start.addingTimeInterval(ArchiveFixture.day)
        let scopes = [ExportScope(), ExportScope(incidentID: f.elm.id), ExportScope(from: day1), ExportScope(to: day1),
                      ExportScope(incidentID: f.mill.id, from: day1, to: day1.addingTimeInterval(3 * ArchiveFixture.day)),
                      ExportScope(from: day1, to: day1.addingTimeInterval(60))]
        for scope in scopes {
            let expected = try segment(ws, scope)
            #expect(try window(ws, scope, pageSize: 3) == expected, "\(scope.summary)")
            let count = try ws.database.read { try $0.logCount(incidentID: scope.incidentID, since: scope.from, until: scope.to) }
            #expect(count == expected.count, "\(scope.summary)")
            // The plan also counts the export's own disclosure entry, when the scope reaches now.
            let disclosure = scope.contains(f.agency.clock.now()) ? 1 : 0
            #expect(count + disclosure == (try ws.planExport(scope: scope)).counts["logEntries"])
            for (position, seq) in expected.enumerated() {
                let newer = try ws.database.read { try $0.logEntriesNewer(than: seq, incidentID: scope.incidentID, since: scope.from, until: scope.to) }
                #expect(newer == position)
            }
            // Backward from the oldest gives the same entries.
            if let oldest = expected.last {
                let back = try ws.database.read { session in
                    try session.logWindow(incidentID: scope.incidentID, from: oldest, backward: true, limit: 1000, since: scope.from, until: scope.to)
                }
                #expect(back.map(\.seq) == Array(expected.dropLast()))
            }
        }
    }

    @Test func aClockThatWentBackStillFindsEveryEntryInTheDates() throws {
        let f = try ArchiveFixture()
        let ws = f.agency.admin
        // An entry stamped before the one above it (a clock set back): the dates, not the numbers, decide.
        f.agency.clock.advance(by: -2 * ArchiveFixture.day + 600)
        try f.drafter.addRumor(incidentID: f.elm.id, text: "Late rumor stamped early", seenAt: "X")
        let day0 = ExportScope(from: TestAgency.start.addingTimeInterval(-3600), to: TestAgency.start.addingTimeInterval(ArchiveFixture.day / 2))
        let expected = try segment(ws, day0)
        #expect(expected.first == (try ws.database.read { try $0.logHead() })?.seq)
        #expect(try window(ws, day0, pageSize: 2) == expected)
    }

    @Test func datesUseTheTimeIndexAndPagesWalkTheLogInOrder() throws {
        let f = try ArchiveFixture()
        let plans = try f.agency.admin.database.read { session -> [String] in
            func plan(_ sql: String) throws -> String {
                try Row.fetchAll(session.db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
            }
            return [
                try plan("SELECT COUNT(*) FROM logEntry WHERE time BETWEEN 0 AND 1"),
                try plan("""
                    SELECT * FROM logEntry WHERE seq BETWEEN IFNULL((SELECT MIN(seq) FROM logEntry WHERE time BETWEEN 0 AND 1), 0)
                    AND IFNULL((SELECT MAX(seq) FROM logEntry WHERE time BETWEEN 0 AND 1), -1) AND +time BETWEEN 0 AND 1 ORDER BY seq DESC LIMIT 20
                    """),
            ]
        }
        #expect(plans[0].contains("logEntry_on_time"), "\(plans[0])")
        #expect(plans[1].contains("logEntry_on_time") && !plans[1].contains("TEMP B-TREE"), "\(plans[1])")
    }
}
