import Foundation
import PropertyBased

/// Random texts for the property tests: pieces of every kind of text a post or a file can
/// hold (ASCII, Latin-1, CJK, Hangul, emoji sequences, combining marks, links, mentions,
/// hashtags, control characters, odd scalars), strung together, sometimes very long.
public enum PropertyText {
    public enum Piece: CaseIterable {
        case word, printable, latin1, cjk, hangul, emoji, combining, url, mention, hashtag, control, odd, space
    }

    /// Emoji sequences: single, skin tones, ZWJ families, flags (also a tag flag and a lone
    /// regional indicator), keycaps, text-style symbols with and without VS16.
    public static let emoji: [String] = [
        "\u{1F600}", "\u{1F44D}", "\u{1F44D}\u{1F3FD}", "\u{1F469}\u{1F3FF}\u{200D}\u{1F4BB}",
        "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}", "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
        "\u{1F1FA}\u{1F1F8}", "\u{1F1EF}\u{1F1F5}", "\u{1F1E6}", "1\u{FE0F}\u{20E3}", "#\u{FE0F}\u{20E3}",
        "*\u{FE0F}\u{20E3}", "7\u{20E3}", "\u{2764}\u{FE0F}", "\u{263A}", "\u{00A9}\u{FE0F}", "\u{2122}",
        "\u{231A}", "\u{1F9D1}\u{1F3FB}\u{200D}\u{1F91D}\u{200D}\u{1F9D1}\u{1F3FE}",
        "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "\u{1F46E}\u{200D}\u{2640}\u{FE0F}",
        "\u{1F6A8}", "\u{1F692}", "\u{200D}", "\u{FE0F}", "\u{1F3FB}",
    ]

    public static let hosts: [String] = [
        "example.com", "springfieldpd.gov", "news.example.co.uk", "www.city-of-springfield.org", "a.io",
        "t.co", "localhost", "foo.bar", "xn--bcher-kva.de", "m\u{00FC}nchen.de", "\u{4F8B}\u{3048}.jp",
        "sub_domain.example.net", "-bad-.com", "example.photography",
    ]

    public static let controls: [UInt32] = Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)
        + [0xFFFE, 0xFEFF, 0xFFFF, 0x200B, 0x200C, 0x200E, 0x200F, 0x2028, 0x2029, 0x061C, 0x0600]

    public static let spaces: [String] = [" ", " ", " ", "\n", "\t", "\r\n", "\r", "\u{00A0}", "\u{3000}", "  "]

    public static func scalar(in range: ClosedRange<UInt32>, _ rng: inout some RandomNumberGenerator) -> Unicode.Scalar {
        while true {
            if let s = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { return s }
        }
    }

    public static func string(_ count: ClosedRange<Int>, in range: ClosedRange<UInt32>,
                       _ rng: inout some RandomNumberGenerator) -> String {
        var out = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: count, using: &rng) { out.append(scalar(in: range, &rng)) }
        return String(out)
    }

    public static func word(_ rng: inout some RandomNumberGenerator, _ count: ClosedRange<Int> = 1...10) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return String((0..<Int.random(in: count, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
    }

    public static func url(_ rng: inout some RandomNumberGenerator) -> String {
        let scheme = ["https://", "http://", "", "", "HTTPS://", "ftp://", "gemini://"].randomElement(using: &rng)!
        var text = scheme + hosts.randomElement(using: &rng)!
        if Bool.random(using: &rng) { text += "/" + word(&rng, 0...20) }
        if Int.random(in: 0..<4, using: &rng) == 0 { text += "?q=" + word(&rng) + "&x=1" }
        if Int.random(in: 0..<6, using: &rng) == 0 { text += ["/(paren)", ".", ",", ")", "/\u{0416}"].randomElement(using: &rng)! }
        return text
    }

    public static func piece(_ kind: Piece, _ rng: inout some RandomNumberGenerator) -> String {
        switch kind {
        case .word: word(&rng)
        case .printable: string(1...10, in: 0x20...0x7E, &rng)
        case .latin1: string(1...8, in: 0xA0...0xFF, &rng)
        case .cjk: string(1...12, in: 0x4E00...0x9FFF, &rng)
        case .hangul: string(1...6, in: 0xAC00...0xD7A3, &rng) + string(0...2, in: 0x1100...0x11FF, &rng)
        case .emoji: (0..<Int.random(in: 1...3, using: &rng)).map { _ in emoji.randomElement(using: &rng)! }.joined()
        case .combining:
            word(&rng, 1...3) + string(1...3, in: 0x0300...0x036F, &rng)
                + (Bool.random(using: &rng) ? "e\u{0301}\u{00E9}A\u{030A}\u{212B}" : "")
        case .url: url(&rng)
        case .mention:
            "@" + word(&rng) + (Bool.random(using: &rng) ? "@" + hosts.randomElement(using: &rng)! : "")
        case .hashtag: "#" + word(&rng) + (Bool.random(using: &rng) ? "\u{00E9}" : "")
        case .control:
            String(String.UnicodeScalarView((0..<Int.random(in: 1...3, using: &rng)).map { _ in
                Unicode.Scalar(controls.randomElement(using: &rng)!)!
            }))
        case .odd:
            // Any scalar but a surrogate: private use, noncharacters, tags, astral planes.
            string(1...4, in: 0...0x10FFFF, &rng)
        case .space: spaces.randomElement(using: &rng)!
        }
    }

    /// A text of mixed pieces; without links (no '.' at all, no URL or mention piece) when
    /// `allowLinks` is false. One text in ten is long (hundreds of pieces or a repeated one).
    public static func mixed(_ rng: inout some RandomNumberGenerator, allowLinks: Bool = true) -> String {
        let kinds = allowLinks ? Piece.allCases : Piece.allCases.filter { $0 != .url && $0 != .mention }
        var text = ""
        switch Int.random(in: 0..<10, using: &rng) {
        case 0:
            for _ in 0..<Int.random(in: 100...600, using: &rng) {
                text += piece(kinds.randomElement(using: &rng)!, &rng) + spaces.randomElement(using: &rng)!
            }
        case 1:
            let one = piece(kinds.randomElement(using: &rng)!, &rng)
            text = String(repeating: one, count: Int.random(in: 50...2_000, using: &rng))
        default:
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                text += piece(kinds.randomElement(using: &rng)!, &rng)
                if Bool.random(using: &rng) { text += spaces.randomElement(using: &rng)! }
            }
        }
        if !allowLinks {
            text = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "." }))
        }
        return text
    }

    /// The 1-based lines of `text` as `TextPosition` counts them (every newline character ends one).
    public static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// Lines as TOML and editors number them: one per line feed.
    public static func fileLines(_ text: String) -> Int {
        text.unicodeScalars.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }

    /// The number of lines a located problem may name: one per line feed, as TOML numbers them
    /// (a `"\n"` Character split would miss every CRLF, which is one Character).
    public static func lineCount(_ text: String) -> Int { fileLines(text) }
}

/// A generator of `String`s from a function of the random number generator (no shrinking:
/// the texts are built from pieces, and a failure prints the whole text and the seed).
public func propertyStrings(
    _ make: @escaping @Sendable (inout any SeededRandomNumberGenerator) -> String
) -> Generator<String, Shrink.None<String>> {
    Generator(run: { rng in make(&rng) })
}
