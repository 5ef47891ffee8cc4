import Foundation
import PropertyBased

/// A file's text after one to four random edits of the kinds a person (or a broken editor)
/// makes: characters deleted, inserted or replaced, the file cut short, lines duplicated,
/// deleted or swapped, quotes swapped, `{{` inserted, random bytes read as UTF-8.
public struct PropertyMutant: Sendable, CustomStringConvertible {
    public var file: String
    public var source: String
    public var edits: [String]

    public var description: String { "\(file) after \(edits.joined(separator: ", ")):\n\(source.debugDescription)" }
}

public enum PropertyMutation {
    /// Text that is meaningful to TOML or to the templates, for insertions and replacements.
    public static let snippets: [String] = [
        "\"", "'", "\"\"\"", "'''", "[", "]", "[[", "]]", "=", " = ", "\n", "#", "\\", "{", "}", "{{", "}}",
        "{{fact:", "{{incident.", "{{fact:injuries}}", "{{nope}}", ",", " ", "\t", "\r", "\r\n", "\u{0}", "\u{7F}",
        "\u{00E9}", "e\u{0301}", "\u{1F600}", "\u{FEFF}", "\u{FFFE}", "x = 1\n", "[holds]\n", "[[holds]]\n",
        "[short]\n", "[styles]\n", "[[rule]]\n", "[macros]\n", "[agency]\n", "[limits]\n", "id = \"\"\n",
        "\\u", "\\uD800", "\\U0010FFFF", "inf", "nan", "-0", "1979-05-27T07:32:00Z", "true", "false",
        "99999999999999999999", "-1", "0", "%{", "%{nope}", "(", ")", "[a-", "*", "\\", "a.b.c = 1\n",
        "styles.text = { fg = \"red\" }\n", "{ fg = \"red\" }", "[\"a\", 1]", "\"\"\"\n",
    ]

    public static func mutate(_ source: String, file: String, _ rng: inout some RandomNumberGenerator) -> PropertyMutant {
        var s = Array(source.unicodeScalars)
        var edits: [String] = []
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            edits.append(mutateOnce(&s, &rng))
        }
        return PropertyMutant(file: file, source: String(String.UnicodeScalarView(s)), edits: edits)
    }

    private static func randomSnippet(_ rng: inout some RandomNumberGenerator) -> [Unicode.Scalar] {
        if Int.random(in: 0..<4, using: &rng) == 0 {
            return Array(PropertyText.piece(PropertyText.Piece.allCases.randomElement(using: &rng)!, &rng).unicodeScalars)
        }
        return Array(snippets.randomElement(using: &rng)!.unicodeScalars)
    }

    private static func lines(_ s: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        s.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    }

    private static func join(_ lines: [[Unicode.Scalar]]) -> [Unicode.Scalar] {
        Array(lines.joined(separator: ["\n"]))
    }

    /// Applies one random edit to `s` and says what it was.
    private static func mutateOnce(_ s: inout [Unicode.Scalar], _ rng: inout some RandomNumberGenerator) -> String {
        let position = Int.random(in: 0...s.count, using: &rng)
        switch Int.random(in: 0..<11, using: &rng) {
        case 0:
            guard position < s.count else { return "nothing deleted" }
            let length = Int.random(in: 1...min(20, s.count - position), using: &rng)
            s.removeSubrange(position..<(position + length))
            return "deleted \(length) at \(position)"
        case 1:
            let snippet = randomSnippet(&rng)
            s.insert(contentsOf: snippet, at: position)
            return "inserted \(String(String.UnicodeScalarView(snippet)).debugDescription) at \(position)"
        case 2:
            guard position < s.count else { return "nothing replaced" }
            let snippet = randomSnippet(&rng)
            s.replaceSubrange(position..<(position + 1), with: snippet)
            return "replaced \(position) by \(String(String.UnicodeScalarView(snippet)).debugDescription)"
        case 3:
            s.removeSubrange(position...)
            return "truncated at \(position)"
        case 4:
            var all = lines(s)
            let i = Int.random(in: 0..<all.count, using: &rng)
            all.insert(all[i], at: i + 1)
            s = join(all)
            return "duplicated line \(i + 1)"
        case 5:
            var all = lines(s)
            let i = Int.random(in: 0..<all.count, using: &rng)
            all.remove(at: i)
            s = join(all)
            return "deleted line \(i + 1)"
        case 6:
            if Int.random(in: 0..<3, using: &rng) == 0 {
                s = s.map { $0 == "\"" ? "'" : $0 == "'" ? "\"" : $0 }
                return "swapped every quote"
            }
            let quotes = s.indices.filter { s[$0] == "\"" || s[$0] == "'" }
            guard let q = quotes.randomElement(using: &rng) else { return "no quote to swap" }
            s[q] = s[q] == "\"" ? "'" : "\""
            return "swapped the quote at \(q)"
        case 7:
            s.insert(contentsOf: ["{", "{"], at: position)
            return "inserted {{ at \(position)"
        case 8:
            let bytes = (0..<Int.random(in: 1...12, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            s.insert(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars, at: position)
            return "inserted bytes \(bytes) at \(position)"
        case 9:
            var all = lines(s)
            let i = Int.random(in: 0..<all.count, using: &rng)
            let j = Int.random(in: 0..<all.count, using: &rng)
            all.swapAt(i, j)
            s = join(all)
            return "swapped lines \(i + 1) and \(j + 1)"
        default:
            let scalars = PropertyText.piece(.odd, &rng).unicodeScalars
            s.insert(contentsOf: scalars, at: position)
            return "inserted odd scalars at \(position)"
        }
    }
}

/// A generator of mutants of the given files (name and text).
public func propertyMutants(of files: [(name: String, text: String)]) -> Generator<PropertyMutant, Shrink.None<PropertyMutant>> {
    let files = files.map { PropertyFile(name: $0.name, text: $0.text) }
    return Generator(run: { rng in
        let file = files.randomElement(using: &rng)!
        // No input is left out any more: TOMLReader reports what toml++ would have aborted on.
        return PropertyMutation.mutate(file.text, file: file.name, &rng)
    })
}

public struct PropertyFile: Sendable {
    public var name: String
    public var text: String
}
