import Foundation
import GRDB

/// What the board needs to say "a released statement now rests on a disputed fact": cheap enough per board row.
extension StoreSession {
    /// The ids and statements of the incident's disputed or retracted facts, when the incident has a released release
    /// (else none: nothing to correct). Two columns only: the board reads the whole fact for the one it shows.
    func doubtedStatementsOfReleasedIncident(incidentID: Int64) throws -> [(id: Int64, text: String)] {
        // A prepared statement kept on the connection: the board asks this for each of its forty rows.
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, text FROM fact WHERE incidentID = ? AND status IN ('disputed', 'retracted')
              AND EXISTS (SELECT 1 FROM pressRelease WHERE pressRelease.incidentID = fact.incidentID AND pressRelease.status = 'released')
            ORDER BY id
            """), arguments: [incidentID]).map { row in (try row.decode(forColumn: "id"), try row.decode(forColumn: "text")) }
    }

    /// The current text of each released release of an incident, oldest release first: what the board checks
    /// doubted facts against, read as one query of two columns (the large incident has a hundred releases).
    func releasedTexts(incidentID: Int64) throws -> [(releaseID: Int64, text: String)] {
        try Row.fetchAll(db, sql: """
            SELECT pressRelease.id AS releaseID, releaseRevision.text AS text
            FROM pressRelease JOIN releaseRevision
              ON releaseRevision.releaseID = pressRelease.id AND releaseRevision.number = pressRelease.currentRevision
            WHERE pressRelease.incidentID = ? AND pressRelease.status = 'released'
            ORDER BY pressRelease.id
            """, arguments: [incidentID]).map { row in (try row.decode(forColumn: "releaseID"), try row.decode(forColumn: "text")) }
    }
}
