import Foundation
import Testing
@testable import OneVoiceCore

/// The verifier checks the log in stretches on every core and joins them: whatever was done to the
/// log, any cut must report exactly what one walk from entry 1 reports.
@Suite("Records log chain in stretches")
struct ChainStretchTests {
    /// A log of 42 entries: the two of init, a roster add, an incident and 38 facts.
    func longLog() throws -> TestAgency {
        let agency = try TestAgency()
        let drafter = try agency.enrol("dana", [.drafter])
        let incident = try drafter.openIncident(title: "Storm damage", kind: .evacuation, location: "River district")
        for number in 1...38 {
            try drafter.addFact(incidentID: incident.id, text: "Road \(number) is closed.", source: "Public works", sourceKind: .officialRecord)
        }
        return agency
    }

    /// What a person with sqlite3 might do to the log: one change per round, from a seeded generator.
    static func tampering(_ round: Int, entries: Int) -> String {
        var generator = SeededGenerator(seed: UInt64(round))
        let seq = Int.random(in: 1...entries, using: &generator)
        let other = Int.random(in: 1...entries, using: &generator)
        switch round % 6 {
        case 0: return "UPDATE logEntry SET change = change || ' ' WHERE seq = \(seq)"
        case 1: return "DELETE FROM logEntry WHERE seq = \(seq)"
        case 2: return "DELETE FROM logEntry WHERE seq >= \(seq)"
        case 3: return "UPDATE logEntry SET seq = -1 WHERE seq = \(seq); UPDATE logEntry SET seq = \(seq) WHERE seq = \(other); UPDATE logEntry SET seq = \(other) WHERE seq = -1"
        case 4: return "UPDATE logEntry SET prevHash = hash WHERE seq = \(seq)"
        default: return "DELETE FROM logEntry WHERE seq BETWEEN \(min(seq, other)) AND \(max(seq, other)); UPDATE logEntry SET time = time + 1 WHERE seq = \(max(seq, other) + 1)"
        }
    }

    @Test func anyCutReportsWhatOneWalkReports() throws {
        let pristine = try longLog()
        let entries = try pristine.admin.database.read { try $0.logCount() }
        #expect(entries == 42)
        for round in 0..<24 {
            let copy = pristine.directory.appendingPathComponent("round-\(round).sqlite")
            try TestAgency.sqlite(pristine.url, "VACUUM INTO '\(copy.path)'")
            let change = Self.tampering(round, entries: entries)
            try TestAgency.sqlite(copy, change)
            let verifier = ChainVerifier(database: try AppDatabase.open(at: copy))
            let whole = try verifier.verifyChain(stretches: 1)
            #expect(!whole.isIntact || change.hasPrefix("DELETE FROM logEntry WHERE seq >= 1"), "round \(round): \(change)")
            for count in [2, 3, 5, 8, 42, 60] {
                let cut = try verifier.verifyChain(stretches: count)
                #expect(cut.problems == whole.problems, "round \(round), \(count) stretches: \(change)")
                #expect(cut.entries == whole.entries && cut.headSeq == whole.headSeq && cut.headHash == whole.headHash)
            }
        }
    }

    @Test func cutsCoverEveryNumberOnce() {
        for (bounds, count) in [(1...1, 4), (1...10, 3), (5...1_000_000, 8), (-3...3, 2), (Int64.min...Int64.max, 8), ((Int64.max - 10)...Int64.max, 4)] as [(ClosedRange<Int64>, Int)] {
            let ranges = ChainStretch.cut(bounds, into: count)
            #expect(ranges.first?.lowerBound == bounds.lowerBound && ranges.last?.upperBound == bounds.upperBound)
            #expect(ranges.count <= count)
            for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound + 1 == b.lowerBound) }
        }
    }
}
