import Foundation
import Testing
@testable import OneVoiceCore

/// The benchmark's synthetic agency is a real one: exact row counts, a chain that verifies, signatures
/// that check; and the verifier's raw-byte walk hashes exactly what `LogEntry.hashInput` says.
@Suite("Bench: the synthetic agency and the raw chain walk")
struct SyntheticAgencyTests {
    static func tinyShape() -> BenchShape { BenchScale.tiny.shape }

    static func build() throws -> SyntheticAgency.Built {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-bench-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try SyntheticAgency(shape: tinyShape(), now: TestAgency.start).build(at: directory.appendingPathComponent("bench.sqlite"))
    }

    @Test func theShapeIsExactAndEverythingVerifies() throws {
        let built = try Self.build()
        let shape = Self.tinyShape()
        #expect(built.counts["incident"] == shape.incidents)
        #expect(built.counts["fact"] == shape.facts)
        #expect(built.counts["pressRelease"] == shape.releases)
        #expect(built.counts["post"] == shape.posts)
        #expect(built.counts["logEntry"] == shape.logEntries)
        let report = try ChainVerifier(database: built.workspace.database).verify()
        #expect(report.isIntact, "\(report.problems.first?.message ?? "")")
        #expect(report.entries == shape.logEntries && report.attestations > 0 && report.revisions >= shape.releases)
        try ChainVerifier(database: built.workspace.database).checkStorage()
        #expect(try built.workspace.database.integrityProblems().isEmpty)
        // Scheduled posts wait in the future; the large incident holds its share.
        let scheduled = try built.workspace.upcomingPosts(limit: 1_000).filter { $0.state == .scheduled }
        #expect(scheduled.count == shape.scheduledPosts && scheduled.allSatisfy { $0.scheduledAt! > TestAgency.start })
        #expect(try built.workspace.facts(incidentID: built.largeIncidentID).count == shape.largeFacts)
        #expect(try built.workspace.posts(incidentID: built.largeIncidentID).count == shape.largePosts)
    }

    @Test func theRawWalkHashesWhatLogEntryHashes() throws {
        let built = try Self.build()
        var expected: [[UInt8]] = []
        var hashes: [String] = []
        try built.workspace.database.read { session in
            try session.forEachLogEntry { entry in
                expected.append(Array(entry.hashInput.utf8))
                hashes.append(entry.hash)
            }
        }
        var index = 0
        try built.workspace.database.read { session in
            try session.forEachRawLogEntry { raw in
                #expect(Array(raw.hashInput) == expected[index], "entry \(raw.seq)")
                #expect(String(decoding: raw.hash, as: UTF8.self) == hashes[index])
                #expect(Hashing.sha256(raw.hashInput, matchesHex: raw.hash))
                index += 1
            }
        }
        #expect(index == expected.count)
        let report = try ChainVerifier(database: built.workspace.database).verifyChainOnly()
        #expect(report.bytesHashed == expected.reduce(0) { $0 + $1.count })
        #expect(report.headHash == hashes.last)
    }
}
