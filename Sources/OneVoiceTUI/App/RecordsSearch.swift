import Foundation

/// A records search as asked: where its hits show, what was typed, and the records it looks in.
public struct SearchRequest: Equatable, Sendable {
    /// The screen that shows the hits.
    public enum Target: Equatable, Sendable {
        /// The records log (the query runs within the log's filter).
        case records
        /// One incident's view (the query runs within that incident).
        case incident(IncidentID)
    }
    public var target: Target
    public var query: String
    public var filter: LogFilter

    public init(target: Target, query: String, filter: LogFilter) {
        self.target = target
        self.query = query
        self.filter = filter
    }
}

/// A search shown in place of a list: Core's full-text search over revisions, posts, facts, rumors and the
/// records log, newest first, a window of hits at a time; `n`/`N` move from one to the next.
public struct RecordsSearch: Equatable, Sendable {
    public var request: SearchRequest
    public var hits = ListWindow<SearchRow>()

    public init(request: SearchRequest) { self.request = request }

    /// Hits are counted no further than this (a common word can match most of the records).
    public static let countLimit = 100_000

    /// "match 3 of 41", "match 3 of 100000+", or nil before the first load.
    public var position: String? {
        guard hits.loaded else { return nil }
        guard !hits.rows.isEmpty else { return "no matches" }
        let total = hits.total >= Self.countLimit ? "\(Self.countLimit)+" : "\(hits.total)"
        return "match \(hits.firstIndex + hits.selected + 1) of \(total)"
    }

    /// The line under the list: where the selection is, or that nothing matched and where it looked.
    public var statusLine: String {
        guard hits.loaded else { return "Searching for \"\(request.query)\"…" }
        if hits.rows.isEmpty {
            let scope = request.filter.isEmpty ? "" : " in \(request.filter.summary)"
            return "No matches for \"\(request.query)\"\(scope). Esc clears the search."
        }
        return "/\(request.query): \(position ?? "") · n/N next/previous · Esc clears"
    }
}
