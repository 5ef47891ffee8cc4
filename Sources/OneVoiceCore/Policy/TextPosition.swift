import Foundation

/// A 1-based line and column in a text, the column counted in characters (grapheme clusters)
/// of that line. "\r\n" counts as one line break.
public struct TextPosition: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The position of `index` in `text`.
    public init(of index: String.Index, in text: String) {
        var line = 1
        var column = 1
        var cursor = text.startIndex
        while cursor < index, cursor < text.endIndex {
            let next = text.index(after: cursor)
            // An index inside a character (a match that starts at one of its scalars) is that character's.
            if next > index { break }
            if text[cursor].isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
            cursor = next
        }
        self.init(line: line, column: column)
    }

    /// The position of a UTF-16 offset (as in `NSRange.location`) in `text`.
    public init(utf16Offset: Int, in text: String) {
        let clamped = max(0, min(utf16Offset, text.utf16.count))
        let index = String.Index(utf16Offset: clamped, in: text)
        self.init(of: index, in: text)
    }

    /// The position of the `offset`-th character (0-based) of `text`.
    public init(characterOffset: Int, in text: String) {
        let index = text.index(text.startIndex, offsetBy: max(0, min(characterOffset, text.count)))
        self.init(of: index, in: text)
    }

    /// The position where `substring` starts; `substring` must be a slice of `text`.
    public init(of substring: Substring, in text: String) {
        self.init(of: substring.startIndex, in: text)
    }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
