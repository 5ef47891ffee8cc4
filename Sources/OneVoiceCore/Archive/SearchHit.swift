import Foundation

/// The kinds of item the records search covers.
public enum SearchItemType: String, Codable, Sendable, CaseIterable {
    case revision
    case post
    case fact
    case rumor
    case log
}

/// One search result: which item, where it belongs, when, and the words around the match.
public struct SearchHit: Codable, Sendable, Hashable {
    public var type: SearchItemType
    /// The item's id (a log entry's sequence number for `log`, a revision's id for `revision`).
    public var id: Int64
    public var incidentID: Int64?
    public var time: Date
    /// "release #3 revision 2", "log #17 fact.add fact #4 by dana".
    public var label: String
    /// The snippet with matches between U+0002 and U+0003, as FTS5 returned it.
    public var markedSnippet: String
    /// Where the hit stands in the index's newest-first order: the place to page on from.
    public var position: Int64

    public init(type: SearchItemType, id: Int64, incidentID: Int64?, time: Date, label: String, markedSnippet: String, position: Int64 = 0) {
        self.type = type
        self.id = id
        self.incidentID = incidentID
        self.time = time
        self.label = label
        self.markedSnippet = markedSnippet
        self.position = position
    }

    public static let matchStart: Character = "\u{2}"
    public static let matchEnd: Character = "\u{3}"

    /// The snippet with each match wrapped in `open` and `close` (for example ANSI bold, or « »).
    public func snippet(open: String = "«", close: String = "»") -> String {
        var out = ""
        for character in markedSnippet {
            switch character {
            case Self.matchStart: out += open
            case Self.matchEnd: out += close
            case "\n", "\r", "\t": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// The snippet as runs of plain and matched text, for screens that colour matches.
    public var snippetRuns: [(text: String, isMatch: Bool)] {
        var runs: [(String, Bool)] = []
        var current = ""
        var inMatch = false
        for character in markedSnippet {
            if character == Self.matchStart || character == Self.matchEnd {
                if !current.isEmpty { runs.append((current, inMatch)) }
                current = ""
                inMatch = character == Self.matchStart
            } else {
                current.append(character == "\n" ? " " : character)
            }
        }
        if !current.isEmpty { runs.append((current, inMatch)) }
        return runs
    }
}
