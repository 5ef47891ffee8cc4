import GRDB

/// What the search index holds for each kind of item, as SQL: the v3 migration builds the index and its
/// triggers from it, and `archive verify` rebuilds the index from it to compare.
enum SearchIndexSQL {
    /// How the index cuts text into words: case folded, diacritics removed, split at anything but letters and digits.
    static let tokenizer = "unicode61 remove_diacritics 2"
    // Milliseconds since 1970 of a GRDB datetime ("yyyy-MM-dd HH:mm:ss.SSS", UTC).
    static func ms(_ column: String) -> String {
        "(CAST(strftime('%s', \(column)) AS INTEGER) * 1000 + CAST(substr(\(column) || '.000', 21, 3) AS INTEGER))"
    }
    static func scope(_ incident: String) -> String { "IFNULL('i' || \(incident), 'agency')" }
    // Every string inside a JSON text, decoded (escapes undone), or the text itself when it is not JSON.
    static func jsonStrings(_ column: String) -> String {
        "CASE WHEN json_valid(\(column)) THEN IFNULL((SELECT group_concat(value, ' ') FROM json_tree(\(column)) WHERE type = 'text'), '') ELSE \(column) END"
    }
    // What each kind of item puts in the index: (type, table, id, incident, time in ms, label, body).
    struct Source {
        let type: String, table: String, id: String, incident: String, time: String, label: String, body: String
        let watched: String
    }
    static func sources(_ r: String) -> [Source] {
        [
            Source(type: "revision", table: "releaseRevision", id: "\(r).id",
                   incident: "(SELECT incidentID FROM pressRelease WHERE id = \(r).releaseID)", time: ms("\(r).createdAt"),
                   label: "'release #' || \(r).releaseID || ' revision ' || \(r).number",
                   body: "IFNULL((SELECT title FROM pressRelease WHERE id = \(r).releaseID), '') || char(10) || \(r).text || char(10) || \(jsonStrings("\(r).renditions"))",
                   watched: "text, renditions, createdAt"),
            Source(type: "post", table: "post", id: "\(r).id", incident: "\(r).incidentID", time: ms("\(r).createdAt"),
                   label: "'post #' || \(r).id || ' (' || \(r).channel || ')'", body: "\(r).text",
                   watched: "text, createdAt"),
            Source(type: "fact", table: "fact", id: "\(r).id", incident: "\(r).incidentID", time: ms("\(r).recordedAt"),
                   label: "'fact #' || \(r).id", body: "\(r).text || char(10) || \(r).source",
                   watched: "text, source, recordedAt"),
            Source(type: "rumor", table: "rumor", id: "\(r).id", incident: "\(r).incidentID", time: ms("\(r).recordedAt"),
                   label: "'rumor #' || \(r).id", body: "\(r).text || char(10) || \(r).seenAt",
                   watched: "text, seenAt, recordedAt"),
            Source(type: "log", table: "logEntry", id: "\(r).seq", incident: "\(r).incidentID", time: "\(r).time",
                   label: "'log #' || \(r).seq || ' ' || \(r).action || ' ' || \(r).subjectType || ' #' || \(r).subjectID || ' by ' || \(r).actorHandle",
                   body: "\(r).action || ' ' || \(r).actorHandle || ' ' || \(r).subjectType || char(10) || \(jsonStrings("\(r).change"))",
                   watched: "time, action, actorHandle, subjectType, subjectID, incidentID, change"),
        ]
    }

    /// Every item the tables of record put in the index, with the columns the index stores.
    static func expectedRows(alias r: String) -> String {
        sources(r).map { s in
            "SELECT '\(s.type)' AS type, \(s.id) AS itemID, \(s.incident) AS incidentID, \(s.time) AS time, \(s.label) AS label, \(scope(s.incident)) AS scope, \(s.body) AS body FROM \(s.table) AS \(r)"
        }.joined(separator: "\nUNION ALL\n")
    }
}
