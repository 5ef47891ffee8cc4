import Foundation

/// Where a search hit stands in the records search's newest-first order (Core's `SearchHit.position`).
public struct SearchCursor: Sendable, Hashable {
    public var position: Int64
    public init(position: Int64) { self.position = position }
}

/// A piece of a hit's snippet: plain text, or text the search matched.
public struct SnippetRun: Sendable, Equatable {
    public var text: String
    public var isMatch: Bool
    public init(_ text: String, isMatch: Bool) {
        self.text = text
        self.isMatch = isMatch
    }
}

/// One hit of a records search, as the log and incident views list it.
public struct SearchRow: Sendable, Equatable {
    public var position: Int64
    /// "fact", "revision", "post", "rumor" or "log".
    public var kind: String
    public var itemID: String
    public var incidentID: IncidentID?
    /// The release a revision or post belongs to (Enter opens it).
    public var releaseID: ReleaseID?
    public var at: Date
    /// "fact #4", "release #3 revision 2", "log #17 fact.add fact #4 by dana".
    public var label: String
    /// The words around the match, the matched words marked.
    public var snippet: [SnippetRun]

    public init(position: Int64, kind: String, itemID: String, incidentID: IncidentID?, releaseID: ReleaseID?, at: Date, label: String,
                snippet: [SnippetRun]) {
        self.position = position
        self.kind = kind
        self.itemID = itemID
        self.incidentID = incidentID
        self.releaseID = releaseID
        self.at = at
        self.label = label
        self.snippet = snippet
    }

    public var cursor: SearchCursor { SearchCursor(position: position) }
}

extension SearchRow: WindowRow {
    public var rowID: String { String(position) }
}
