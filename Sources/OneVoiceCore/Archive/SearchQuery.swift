import Foundation

/// Turns what a person typed into a safe FTS5 expression: every word or "quoted phrase" becomes a quoted
/// phrase restricted to the searchable text, so no character (quotes, `-`, `*`, `AND`, parentheses, `:`)
/// can reach FTS5 as syntax. All words must match; a trailing `*` on a word asks for words that start with it.
public struct SearchQuery: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public var text: String
        public var isPrefix: Bool
    }

    public let terms: [Term]

    public init(_ input: String) throws {
        var terms: [Term] = []
        var current = ""
        var inQuote = false
        func flush() {
            var text = current
            current = ""
            var isPrefix = false
            if !inQuote, text.hasSuffix("*") {
                while text.hasSuffix("*") { text.removeLast() }
                isPrefix = true
            }
            // A term with no letter or digit tokenizes to nothing; drop it rather than match nothing.
            guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else { return }
            terms.append(Term(text: text, isPrefix: isPrefix && !text.contains(where: { $0 == " " })))
        }
        for character in input {
            if character == "\"" {
                flush()
                inQuote.toggle()
            } else if !inQuote && (character.isWhitespace || character.isNewline) {
                flush()
            } else if character.asciiValue.map({ $0 < 0x20 || $0 == 0x7F }) == true {
                current.append(" ")
            } else {
                current.append(character)
            }
        }
        flush()
        guard !terms.isEmpty else { throw SearchError.emptyQuery }
        guard terms.count <= 64 else { throw SearchError.tooManyTerms }
        self.terms = terms
    }

    /// The FTS5 MATCH expression: `{body} : ("word" "two words" "pre"*)`.
    public var expression: String {
        let phrases = terms.map { term in
            "\"" + term.text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (term.isPrefix ? "*" : "")
        }
        return "{body} : (" + phrases.joined(separator: " ") + ")"
    }
}

public enum SearchError: Error, CustomStringConvertible, LocalizedError, Equatable {
    case emptyQuery
    case tooManyTerms
    case badDate(String)
    case badRange

    public var description: String {
        switch self {
        case .emptyQuery: "The search needs at least one word or number to look for."
        case .tooManyTerms: "The search has more than 64 words; shorten it."
        case .badDate(let text): "\"\(text)\" is not a date; use YYYY-MM-DD (in the agency's time zone) or a full ISO 8601 time such as 2026-11-18T14:05:00-06:00."
        case .badRange: "The --from date is after the --to date; swap them."
        }
    }
}

extension SearchError {
    public var errorDescription: String? { description }
}
