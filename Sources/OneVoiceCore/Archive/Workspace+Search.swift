import Foundation

extension Workspace {
    /// Searches every release revision, post, fact, rumor and records-log entry; newest first.
    ///
    /// Whatever `query` holds, it is read as words and "quoted phrases" (see `SearchQuery`), never as FTS5 syntax.
    public func search(query: String, incidentID: Int64? = nil, from: Date? = nil, to: Date? = nil,
                       limit: Int = 50) throws -> [SearchHit] {
        try searchPage(query: query, incidentID: incidentID, from: from, to: to, limit: limit)
    }

    /// One page of the hits `search` finds: up to `limit` next to `position` (a hit's `position`), older ones
    /// (`newer` false) or newer ones (`newer` true), newest first either way. For screens that page through
    /// thousands of hits without reading them all.
    public func searchPage(query: String, incidentID: Int64? = nil, from: Date? = nil, to: Date? = nil,
                           after position: Int64? = nil, newer: Bool = false, limit: Int = 50) throws -> [SearchHit] {
        let parsed = try SearchQuery(query)
        if let from, let to, from > to { throw SearchError.badRange }
        let limit = max(1, min(limit, 10_000))
        try database.read { session in try Self.checkIncident(incidentID, session) }
        return try database.search(parsed, incidentID: incidentID, fromMilliseconds: from.map(Timestamps.milliseconds),
                                   toMilliseconds: to.map(Timestamps.milliseconds), limit: limit, from: position, newer: newer)
    }

    /// How many items `search` would find, counting no further than `limit`; with `newerThan`, only the hits
    /// newer than that position (so a hit's place in the list is the count newer than it).
    public func searchCount(query: String, incidentID: Int64? = nil, from: Date? = nil, to: Date? = nil,
                            newerThan position: Int64? = nil, limit: Int = 100_000) throws -> Int {
        let parsed = try SearchQuery(query)
        if let from, let to, from > to { throw SearchError.badRange }
        try database.read { session in try Self.checkIncident(incidentID, session) }
        return try database.searchCount(parsed, incidentID: incidentID, fromMilliseconds: from.map(Timestamps.milliseconds),
                                        toMilliseconds: to.map(Timestamps.milliseconds), newerThan: position, limit: max(1, limit))
    }

    private static func checkIncident(_ incidentID: Int64?, _ session: StoreSession) throws {
        if let incidentID, try session.incident(id: incidentID) == nil {
            throw StoreError.notFound(what: "incident #\(incidentID)")
        }
    }
}
