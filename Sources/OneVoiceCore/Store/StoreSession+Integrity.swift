import Foundation
import GRDB

// The reads behind `archive verify`'s check that the rows people act on still hold what was
// recorded and signed: a fact's statement against its `fact.add` entry and its attestations, and
// each release attestation against the revisions of its release.

extension StoreSession {
    /// Facts whose statement, key or source differ from what their `fact.add` log entry recorded
    /// (`missingEntry` false), or that no such entry records (true), lowest id first.
    public func factsDifferingFromTheirLog() throws -> [(id: Int64, missingEntry: Bool)] {
        let altered = try Int64.fetchAll(db, sql: """
            SELECT fact.id FROM logEntry JOIN fact ON fact.id = logEntry.subjectID
            WHERE logEntry.action = 'fact.add' AND logEntry.subjectType = 'fact'
              AND (json_extract(logEntry.change, '$.text') IS NOT fact.text
                   OR json_extract(logEntry.change, '$.source') IS NOT fact.source
                   OR json_extract(logEntry.change, '$.sourceKind') IS NOT fact.sourceKind
                   OR json_extract(logEntry.change, '$.key') IS NOT fact.key)
            """)
        let unrecorded = try Int64.fetchAll(db, sql: """
            SELECT id FROM fact WHERE id NOT IN (
                SELECT subjectID FROM logEntry WHERE action = 'fact.add' AND subjectType = 'fact')
            """)
        return (altered.map { ($0, false) } + unrecorded.map { ($0, true) }).sorted { $0.id < $1.id }
    }

    /// Every fact, in id order.
    public func forEachFact(_ body: (Fact) throws -> Void) throws {
        let cursor = try Fact.fetchCursor(db, sql: "SELECT * FROM fact ORDER BY id")
        while let fact = try cursor.next() { try body(fact) }
    }

    /// Attestations that vouch for a fact's statement (its status changes and clearance; not, say,
    /// a disposal), in id order.
    public func factContentAttestations() throws -> [Attestation] {
        try Attestation.fetchAll(db, sql: """
            SELECT * FROM attestation
            WHERE subjectType = 'fact' AND verdict IN ('verified', 'disputed', 'retracted', 'unverified', 'cleared')
            ORDER BY id
            """)
    }

    /// Approvals and clearances of a release whose signed content hash is that of none of its revisions.
    public func releaseAttestationsWithoutTheirRevision() throws -> [Attestation] {
        try Attestation.fetchAll(db, sql: """
            SELECT * FROM attestation AS a
            WHERE a.subjectType = 'release' AND a.verdict IN ('approved', 'cleared') AND NOT EXISTS (
                SELECT 1 FROM releaseRevision AS r WHERE r.releaseID = a.subjectID AND r.contentHash = a.contentHash)
            ORDER BY a.id
            """)
    }
}
