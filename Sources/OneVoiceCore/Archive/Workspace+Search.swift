import Foundation

extension Workspace {
    /// Searches every release revision, post, fact, rumor and records-log entry; newest first.
    ///
    /// Whatever `query` holds, it is read as words and "quoted phrases" (see `SearchQuery`), never as FTS5 syntax.
    public func search(query: String, incidentID: Int64? = nil, from: Date? = nil, to: Date? = nil,
                       limit: Int = 50) throws -> [SearchHit] {
        let parsed = try SearchQuery(query)
        if let from, let to, from > to { throw SearchError.badRange }
        let limit = max(1, min(limit, 10_000))
        return try database.read { session in
            if let incidentID, try session.incident(id: incidentID) == nil {
                throw StoreError.notFound(what: "incident #\(incidentID)")
            }
            return try session.search(expression: parsed.expression, incidentID: incidentID,
                                      fromMilliseconds: from.map(Timestamps.milliseconds),
                                      toMilliseconds: to.map(Timestamps.milliseconds), limit: limit)
        }
    }
}
