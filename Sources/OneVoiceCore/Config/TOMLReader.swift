import TOMLKit

/// A TOML syntax error, located: what every OneVoice file reader reports as file:line:column.
public struct TOMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var description: String
}

/// The one way OneVoice parses TOML (templates, rules, config, themes, retention).
///
/// toml++ (under TOMLKit) stops the whole process on a failed assertion, in release builds too (TOMLKit
/// compiles it without NDEBUG), for three kinds of broken input instead of reporting an error: a table
/// header that does not start with a key (`[{x]`, `[=]`, a lone `[`), an array item that starts with `}`
/// (`a = [ } ]`), and a Unicode line or paragraph separator or a next-line character (U+2028, U+2029,
/// U+0085, easily pasted from a web page) where an array item belongs. All are invalid TOML, so they are
/// found here first and reported like any other syntax error.
public enum TOMLReader {
    public static func table(_ text: String) throws -> TOMLTable {
        if let problem = screen(text) { throw problem }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let lines = text.unicodeScalars.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            throw TOMLSyntaxError(line: min(max(1, error.source.begin.line), lines), column: max(1, error.source.begin.column),
                                  description: error.description)
        } catch {
            throw TOMLSyntaxError(line: 1, column: 1, description: "\(error)")
        }
    }

    private static let multilineQuotes: [Unicode.Scalar] = ["\"", "'"]

    /// Walks the text outside strings and comments and finds the inputs toml++ cannot report.
    static func screen(_ text: String) -> TOMLSyntaxError? {
        let scalars = Array(text.unicodeScalars)
        var i = 0, line = 1, column = 1
        var lineStart = true
        var previous: Unicode.Scalar? // last significant scalar outside strings and comments
        func advance(_ n: Int = 1) {
            for _ in 0..<n where i < scalars.count {
                if scalars[i] == "\n" { line += 1; column = 1; lineStart = true } else { column += 1 }
                i += 1
            }
        }
        // Compared in place: this runs at every scalar of every file read at start (the rules, the config).
        func startsTriple(_ quote: Unicode.Scalar) -> Bool {
            i + 3 <= scalars.count && scalars[i] == quote && scalars[i + 1] == quote && scalars[i + 2] == quote
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" || c == "\r" { advance(); continue }
            if c == "\n" { advance(); continue }
            if c == "#" {
                while i < scalars.count && scalars[i] != "\n" { advance() }
                continue
            }
            for quote in Self.multilineQuotes where startsTriple(quote) {
                advance(3)
                while i < scalars.count && !startsTriple(quote) {
                    if quote == "\"" && scalars[i] == "\\" { advance() }
                    advance()
                }
                advance(3)
                previous = "\""
                lineStart = false
            }
            if i >= scalars.count { break }
            let d = scalars[i]
            // Between items TOML allows spaces, tabs and line breaks only; toml++ takes other Unicode
            // whitespace for the end of a value and asserts on some of it.
            if d.value == 0x0B || d.value == 0x0C || (!d.isASCII && d.properties.isWhitespace) {
                return TOMLSyntaxError(line: line, column: column, description: NormalizedText.code(d)
                    + " (\(d.properties.name?.lowercased() ?? "a space or line break")) is not allowed outside a string; only spaces, tabs and line breaks separate items")
            }
            if d == "\"" || d == "'" {
                advance()
                while i < scalars.count && scalars[i] != d && scalars[i] != "\n" {
                    if d == "\"" && scalars[i] == "\\" { advance() }
                    advance()
                }
                advance()
                previous = "\""
                lineStart = false
                continue
            }
            if d == "[" && lineStart {
                let (headerLine, headerColumn) = (line, column)
                advance()
                if i < scalars.count && scalars[i] == "[" { advance() }
                while i < scalars.count && (scalars[i] == " " || scalars[i] == "\t") { advance() }
                let first = i < scalars.count ? scalars[i] : "\n"
                let isKey = (first.isASCII && (first.properties.isAlphabetic || ("0"..."9").contains(first)))
                    || first == "_" || first == "-" || first == "\"" || first == "'"
                if !isKey {
                    return TOMLSyntaxError(line: headerLine, column: headerColumn,
                                           description: "a table header must name a table, e.g. [section]")
                }
                lineStart = false
                previous = "["
                continue
            }
            if d == "}" && (previous == "[" || previous == ",") {
                return TOMLSyntaxError(line: line, column: column, description: "unexpected '}' where a value belongs")
            }
            previous = d
            lineStart = false
            advance()
        }
        return nil
    }
}
