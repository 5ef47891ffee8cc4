import Foundation
import GRDB

/// What the board needs to say "a released statement now rests on a disputed fact": cheap enough per board row.
extension StoreSession {
    /// The incident's disputed or retracted facts, when the incident has a released release (else none: nothing to correct).
    public func doubtedFactsOfReleasedIncident(incidentID: Int64) throws -> [Fact] {
        try Fact.fetchAll(db, sql: """
            SELECT * FROM fact WHERE incidentID = ? AND status IN ('disputed', 'retracted')
              AND EXISTS (SELECT 1 FROM pressRelease WHERE pressRelease.incidentID = fact.incidentID AND pressRelease.status = 'released')
            ORDER BY id
            """, arguments: [incidentID])
    }
}
