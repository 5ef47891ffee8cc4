import Foundation

/// A text as the release-of-information rules see it, with a map back to the text a person wrote.
///
/// Rules match the normalised form, so a disguise does not slip past them:
/// - Unicode compatibility forms are folded (NFKC: full-width digits, ligatures, non-breaking spaces);
/// - letters that look like Latin ones (Cyrillic "о", Greek "ο") become the Latin letter;
/// - dash look-alikes (en and em dashes, minus signs, figure dashes) become "-";
/// - curly quotes become straight ones;
/// - runs of spaces and tabs become one space, and line separators become "\n";
/// - invisible format characters (zero-width spaces and joiners, soft hyphens, bidi controls,
///   word joiners, byte-order marks) and control characters are removed. Each is also reported
///   (`invisibles`), because in published text they are a disguise in themselves.
///
/// Every UTF-16 unit of `text` (the unit `NSRegularExpression` counts) maps back to the range of
/// the original character it came from, so a finding points at the person's own line:column.
public struct NormalizedText: Sendable {
    public let original: String
    public let text: String
    /// Where each UTF-16 unit of `text` starts in `original`.
    private let starts: [String.Index]
    /// Where the original character of each UTF-16 unit of `text` ends in `original`.
    private let ends: [String.Index]
    /// Runs of invisible or control characters removed from the original, in order.
    public let invisibles: [Range<String.Index>]

    public init(_ original: String) { self.init(original, asciiFastPath: true) }

    /// `asciiFastPath: false` takes the general path even for ASCII text (tests hold the two to the same result).
    init(_ original: String, asciiFastPath: Bool) {
        self.original = original
        if asciiFastPath, let ascii = Self.asciiParts(original) {
            (text, starts, ends, invisibles) = ascii
            return
        }
        var kept = String.UnicodeScalarView()
        var keptOrigins: [(start: String.Index, end: String.Index)] = []
        var invisibles: [Range<String.Index>] = []
        let scalars = original.unicodeScalars
        var index = scalars.startIndex
        var previous: Unicode.Scalar?
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if Self.isHidden(scalar, after: previous) {
                if let last = invisibles.last, last.upperBound == index {
                    invisibles[invisibles.count - 1] = last.lowerBound..<next
                } else {
                    invisibles.append(index..<next)
                }
            } else {
                kept.append(scalar)
                keptOrigins.append((index, next))
                previous = scalar
            }
            index = next
        }
        self.invisibles = invisibles

        var text = ""
        var starts: [String.Index] = []
        var ends: [String.Index] = []
        var lastWasSpace = false
        var scalarCursor = 0
        for character in String(kept) {
            let count = character.unicodeScalars.count
            let start = keptOrigins[scalarCursor].start
            let end = keptOrigins[scalarCursor + count - 1].end
            scalarCursor += count
            let folded = Self.fold(character)
            if folded == " " {
                if lastWasSpace {
                    // A run of spaces is one space that covers the whole run.
                    if let last = ends.indices.last { ends[last] = end }
                    continue
                }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            text += folded
            for _ in 0..<folded.utf16.count {
                starts.append(start)
                ends.append(end)
            }
        }
        self.text = text
        self.starts = starts
        self.ends = ends
    }

    /// The same normalisation for a text of ASCII alone, byte by byte: only control characters are removed,
    /// "\r\n" and "\r" become "\n", a tab a space, and runs of spaces one. Nil when the text is not ASCII.
    /// (Checks run over every field at every approval and keystroke; most text is ASCII.)
    private static func asciiParts(_ original: String) -> (String, [String.Index], [String.Index], [Range<String.Index>])? {
        let bytes = original.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var out: [UInt8] = []
        var starts: [String.Index] = []
        var ends: [String.Index] = []
        var invisibles: [Range<String.Index>] = []
        out.reserveCapacity(bytes.count)
        var lastWasSpace = false
        var pendingCR = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            defer { index = next }
            if (byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09) || byte == 0x7F {
                if let last = invisibles.last, last.upperBound == index {
                    invisibles[invisibles.count - 1] = last.lowerBound..<next
                } else {
                    invisibles.append(index..<next)
                }
                continue
            }
            // "\r" then "\n" (with only removed characters between) is one line break.
            if byte == 0x0A && pendingCR {
                pendingCR = false
                ends[ends.count - 1] = next
                continue
            }
            pendingCR = byte == 0x0D
            let folded: UInt8 = byte == 0x0D ? 0x0A : (byte == 0x09 ? 0x20 : byte)
            if folded == 0x20 {
                if lastWasSpace {
                    ends[ends.count - 1] = next
                    continue
                }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            out.append(folded)
            starts.append(index)
            ends.append(next)
        }
        return (String(decoding: out, as: UTF8.self), starts, ends, invisibles)
    }

    /// The whole normalised text as an `NSRange`.
    public var wholeRange: NSRange { NSRange(location: 0, length: text.utf16.count) }

    /// The original range a UTF-16 range of `text` came from.
    public func originalRange(of range: NSRange) -> Range<String.Index> {
        guard !starts.isEmpty else { return original.startIndex..<original.startIndex }
        let lower = min(max(range.location, 0), starts.count - 1)
        guard range.length > 0 else { return starts[lower]..<starts[lower] }
        let upper = min(range.location + range.length - 1, ends.count - 1)
        return starts[lower]..<max(starts[lower], ends[upper])
    }

    /// The normalised text of a UTF-16 range of `text`.
    public func substring(_ range: NSRange) -> String {
        (text as NSString).substring(with: range)
    }

    /// True when the original holds no character that normalisation had to remove.
    public var isClean: Bool { invisibles.isEmpty }

    /// The words of a text (runs of letters and digits), case and accents folded, with their UTF-16 ranges.
    public static func words(of text: String) -> [(word: String, range: NSRange)] { words(of: text, asciiFastPath: true) }

    static func words(of text: String, asciiFastPath: Bool) -> [(word: String, range: NSRange)] {
        if asciiFastPath, let ascii = asciiWords(of: text) { return ascii }
        var result: [(String, NSRange)] = []
        var current = ""
        var start = 0
        var offset = 0
        for scalar in text.unicodeScalars {
            let isWordScalar = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
            if isWordScalar {
                if current.isEmpty { start = offset }
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                result.append((fold(word: current), NSRange(location: start, length: offset - start)))
                current = ""
            }
            offset += scalar.utf16.count
        }
        if !current.isEmpty { result.append((fold(word: current), NSRange(location: start, length: offset - start))) }
        return result
    }

    /// `words(of:)` for ASCII text: letters and digits, lowercased (all folding does to ASCII). Nil otherwise.
    private static func asciiWords(of text: String) -> [(word: String, range: NSRange)]? {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var result: [(String, NSRange)] = []
        var start: Int?
        for offset in 0...bytes.count {
            let byte = offset < bytes.count ? bytes[offset] : 0
            let isWord = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
            if isWord {
                if start == nil { start = offset }
            } else if let first = start {
                let word = String(decoding: bytes[first..<offset].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
                result.append((word, NSRange(location: first, length: offset - first)))
                start = nil
            }
        }
        return result
    }

    private static func fold(word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// Where the words of `phrase` appear in a row, whatever the case, accents, spacing, punctuation or
    /// invisible characters between them: ranges of the original text.
    public func rangesOfWords(_ phrase: String) -> [Range<String.Index>] {
        WordIndex(self).ranges(of: WordIndex.phrase(phrase))
    }

    // MARK: folding

    /// Scalars removed before matching: format characters (category Cf) and controls other than
    /// line breaks and tabs. A zero-width joiner between emoji (a family, a profession) and the tag
    /// characters of a subdivision flag are part of the emoji and stay.
    static func isHidden(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        switch scalar.properties.generalCategory {
        case .format:
            if scalar == "\u{200D}", let previous, isEmojiPart(previous) { return false }
            if (0xE0020...0xE007F).contains(scalar.value), let previous,
               previous.value == 0x1F3F4 || (0xE0020...0xE007F).contains(previous.value) { return false }
            return true
        case .control:
            return !(scalar == "\n" || scalar == "\r" || scalar == "\t")
        default:
            return false
        }
    }

    private static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isEmojiPresentation || scalar.properties.isEmojiModifier || scalar.value == 0xFE0F
            || (scalar.properties.isEmoji && scalar.value > 0x2000)
    }

    /// A printable description of a removed run, e.g. "U+200B (zero-width space)".
    public static func describe(_ run: Substring) -> String {
        run.unicodeScalars.prefix(4).map { scalar in "\(code(scalar)) (\(kindName(scalar)))" }
            .joined(separator: ", ") + (run.unicodeScalars.count > 4 ? ", …" : "")
    }

    /// A scalar's code point as Unicode writes it, e.g. "U+200B".
    public static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    static func kindName(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00AD: "soft hyphen"
        case 0x200B: "zero-width space"
        case 0x200C: "zero-width non-joiner"
        case 0x200D: "zero-width joiner"
        case 0x2060: "word joiner"
        case 0xFEFF: "zero-width no-break space"
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: "bidi control"
        case 0xE0000...0xE007F: "tag character"
        default: scalar.properties.generalCategory == .control ? "control character" : "invisible format character"
        }
    }

    /// One character, folded for matching.
    static func fold(_ character: Character) -> String {
        if character == "\r\n" || character == "\r" || character == "\u{2028}" || character == "\u{2029}" || character == "\u{85}" { return "\n" }
        if character.isASCII { return character == "\t" ? " " : String(character) }
        if character.isWhitespace && !character.isNewline { return " " }
        var out = ""
        for scalar in String(character).precomposedStringWithCompatibilityMapping.unicodeScalars {
            if let mapped = lookAlikes[scalar.value] {
                out += mapped
            } else if scalar.properties.isWhitespace, scalar != "\n" {
                out += " "
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out == "  " ? " " : out
    }

    /// Dash, quote and letter look-alikes, by scalar value.
    static let lookAlikes: [UInt32: String] = {
        var map: [UInt32: String] = [:]
        for dash: UInt32 in [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63, 0xFF0D, 0x02D7, 0x058A, 0x05BE, 0x1806, 0x30FC] {
            map[dash] = "-"
        }
        for quote: UInt32 in [0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0xFF07, 0x0060, 0x00B4] { map[quote] = "'" }
        for quote: UInt32 in [0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0xFF02] { map[quote] = "\"" }
        map[0x2024] = "."
        map[0x2027] = "."
        map[0x00B7] = "."
        map[0x2044] = "/"
        map[0x2215] = "/"
        // Cyrillic and Greek letters drawn like Latin ones.
        let letters: [(String, String)] = [
            ("а", "a"), ("е", "e"), ("о", "o"), ("р", "p"), ("с", "c"), ("у", "y"), ("х", "x"), ("і", "i"), ("ј", "j"),
            ("ѕ", "s"), ("ԁ", "d"), ("һ", "h"), ("ԛ", "q"), ("ԝ", "w"), ("ɡ", "g"), ("ӏ", "l"),
            ("А", "A"), ("В", "B"), ("Е", "E"), ("К", "K"), ("М", "M"), ("Н", "H"), ("О", "O"), ("Р", "P"), ("С", "C"),
            ("Т", "T"), ("Х", "X"), ("У", "Y"), ("І", "I"), ("Ј", "J"), ("Ѕ", "S"), ("Ԁ", "D"),
            ("ο", "o"), ("α", "a"), ("ν", "v"), ("ι", "i"), ("κ", "k"), ("ρ", "p"), ("τ", "t"), ("υ", "u"),
            ("Α", "A"), ("Β", "B"), ("Ε", "E"), ("Ζ", "Z"), ("Η", "H"), ("Ι", "I"), ("Κ", "K"), ("Μ", "M"), ("Ν", "N"),
            ("Ο", "O"), ("Ρ", "P"), ("Τ", "T"), ("Υ", "Y"), ("Χ", "X"),
        ]
        for (from, to) in letters { map[from.unicodeScalars.first!.value] = to }
        return map
    }()
}
