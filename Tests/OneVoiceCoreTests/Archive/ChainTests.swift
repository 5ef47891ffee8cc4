import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Records log chain")
struct ChainTests {
    /// An agency with a few changes: 2 entries from init, 2 roster adds, 1 incident, 3 facts.
    func populated() throws -> TestAgency {
        let agency = try TestAgency()
        let drafter = try agency.enrol("dana", [.drafter])
        try agency.enrol("sam", [.spokesperson])
        let incident = try drafter.openIncident(title: "Fire at the mill", kind: .evacuation, location: "Mill district")
        for text in ["Smoke is visible.", "Route 4 is closed.", "Shelter opened at the high school."] {
            try drafter.addFact(incidentID: incident.id, text: text, source: "Fire command", sourceKind: .incidentCommander)
        }
        return agency
    }

    /// The first problem `archive verify` reports, after checking that the chain cut into any number of
    /// stretches (checked at once, then joined) reports the same first problem as one walk.
    func firstProblem(_ agency: TestAgency, sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        let verifier = ChainVerifier(database: try AppDatabase.open(at: agency.url))
        let first = try verifier.verify().problems.first?.message
        let whole = try verifier.verifyChain(stretches: 1).problems.first?.message
        for count in 2...9 {
            #expect(try verifier.verifyChain(stretches: count).problems.first?.message == whole,
                    "cut into \(count) stretches", sourceLocation: sourceLocation)
        }
        return first
    }

    @Test func anUntouchedLogHolds() throws {
        let agency = try populated()
        let report = try ChainVerifier(database: agency.admin.database).verify()
        #expect(report.isIntact)
        #expect(report.entries == 8)
        #expect(report.headSeq == 8)
    }

    @Test func catchesAnAlteredValue() throws {
        let agency = try populated()
        try agency.sqlite("UPDATE logEntry SET change = replace(change, 'Route 4', 'Route 5') WHERE seq = 7")
        #expect(try firstProblem(agency) == "Log entry 7 (fact.add, fact #2) was altered: its content no longer matches its hash.")
    }

    @Test func catchesAnAlteredTime() throws {
        let agency = try populated()
        try agency.sqlite("UPDATE logEntry SET time = time + 60000 WHERE seq = 5")
        #expect(try firstProblem(agency)?.hasPrefix("Log entry 5 ") == true)
    }

    @Test func catchesADeletedEntry() throws {
        let agency = try populated()
        try agency.sqlite("DELETE FROM logEntry WHERE seq = 4")
        #expect(try firstProblem(agency)?.contains("Log entry 4 is missing") == true)
    }

    @Test func catchesADeletedLastEntry() throws {
        let agency = try populated()
        try agency.sqlite("DELETE FROM logEntry WHERE seq = 8")
        #expect(try firstProblem(agency)?.contains("after 7 are missing") == true)
    }

    @Test func catchesReorderedEntries() throws {
        let agency = try populated()
        try agency.sqlite("UPDATE logEntry SET seq = -6 WHERE seq = 6; UPDATE logEntry SET seq = 6 WHERE seq = 7; UPDATE logEntry SET seq = 7 WHERE seq = -6")
        #expect(try firstProblem(agency) == "Log entry 6 does not follow entry 5: its previous-hash does not match (entries were removed or reordered).")
    }

    @Test func catchesARewrittenEntryWithARecomputedHash() throws {
        // Someone who rewrites an entry and recomputes its hash cannot sign it as its actor: the signature
        // fails, and the next entry's link breaks.
        let agency = try populated()
        let victim = try #require(try agency.admin.database.read { try $0.logEntry(seq: 6) })
        var forged = victim
        forged.change = victim.change.replacingOccurrences(of: "Smoke", with: "Steam")
        forged.hash = forged.expectedHash
        let escaped = forged.change.replacingOccurrences(of: "'", with: "''")
        try agency.sqlite("UPDATE logEntry SET change = '\(escaped)', hash = '\(forged.hash)' WHERE seq = 6")
        let problems = try ChainVerifier(database: AppDatabase.open(at: agency.url)).verify().problems.map(\.message)
        #expect(problems.first?.hasPrefix("Log entry 6 (") == true && problems.first?.contains("has a signature that does not match") == true, "\(problems)")
    }

    @Test func attestationsAreSignedAndCheckedAgainstTheRoster() throws {
        let agency = try populated()
        let verifier = try agency.enrol("vera", [.verifier])
        let person = try #require(try verifier.currentPerson())
        let signed = try agency.admin.database.write(signer: verifier.identity) { session in
            let fact = try #require(try session.fact(id: 1))
            return try verifier.attest(session, by: person, role: .verifier, subjectType: "fact", subjectID: 1, incidentID: 1,
                                       contentHash: fact.contentHash, verdict: "verified", note: "Saw it on camera")
        }
        #expect(signed.hasValidSignature)
        #expect(try ChainVerifier(database: agency.admin.database).verify().isIntact)

        try agency.sqlite("UPDATE attestation SET note = 'Heard it somewhere' WHERE id = \(signed.id)")
        let report = try ChainVerifier(database: AppDatabase.open(at: agency.url)).verify()
        #expect(report.problems.contains { $0.message.hasPrefix("attestation #\(signed.id), column note, holds \"Heard it somewhere\"") })
    }

    // MARK: The rows against what was recorded and signed

    @Test func catchesAFactWhoseStatementWasEdited() throws {
        let agency = try populated()
        try agency.sqlite("UPDATE fact SET text = 'Route 5 is closed.' WHERE id = 2")
        #expect(try firstProblem(agency)?.hasPrefix("fact #2, column text, holds \"Route 5 is closed.\" but entry ") == true)
    }

    @Test func catchesAFactAddedOutsideOneVoice() throws {
        let agency = try populated()
        try agency.sqlite("CREATE TEMP TABLE copy AS SELECT * FROM fact WHERE id = 1; UPDATE copy SET id = 99; INSERT INTO fact SELECT * FROM copy")
        #expect(try firstProblem(agency) == "fact #99 is in no log entry: it was added outside OneVoice.")
    }

    @Test func catchesAVerifiedFactEditedWithItsLogEntry() throws {
        // Even someone who rewrites the fact and its log entry consistently (and so breaks the chain)
        // is also caught by the verifier's signature over the statement.
        let agency = try populated()
        let verifier = try agency.enrol("vic", [.verifier])
        try verifier.setFactStatus(factID: 3, to: .verified, note: "Confirmed with the shelter")
        try agency.sqlite("UPDATE fact SET text = 'Shelter opened at the arena.' WHERE id = 3")
        let problems = try ChainVerifier(database: AppDatabase.open(at: agency.url)).verify().problems.map(\.message)
        #expect(problems.contains { $0.hasPrefix("fact #3, column text, holds \"Shelter opened at the arena.\"") }, "\(problems)")
    }

    @Test func catchesARevisionRewrittenWithItsOwnHash() throws {
        let team = try SchedulerTeam()
        let release = try team.approvedRelease()
        let revision = try #require(try team.database.read { try $0.revisions(releaseID: release.id) }.last)
        let text = revision.text.replacingOccurrences(of: "Elm Street", with: "Oak Street")
        let hash = ReleaseRevision.hash(text: text, renditions: revision.renditions)
        try team.agency.sqlite("UPDATE releaseRevision SET text = '\(text)', contentHash = '\(hash)' WHERE id = \(revision.id)")
        let problems = try ChainVerifier(database: AppDatabase.open(at: team.agency.url)).verify().problems.map(\.message)
        #expect(problems.contains { $0.hasPrefix("releaseRevision #\(revision.id), column text, holds") }, "\(problems)")
    }
}
