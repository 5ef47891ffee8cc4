import Foundation

/// A configuration file's lines as TOML and text editors number them: a line ends at each line feed.
/// Swift's `Character.isNewline` would also break at a vertical tab, a form feed, U+0085, U+2028 or a
/// lone CR, and a `"\n"` Character split misses CRLF (one Character); either puts a reported line
/// off from the one the person opens.
enum SourceLines {
    /// The lines of `source`, without their line feeds (a CRLF's CR stays at the end of its line).
    static func split(_ source: String) -> [Substring] {
        let scalars = source.unicodeScalars
        var lines: [Substring] = []
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            if scalars[index] == "\n" {
                lines.append(Substring(scalars[start..<index]))
                start = next
            }
            index = next
        }
        lines.append(Substring(scalars[start...]))
        return lines
    }
}
