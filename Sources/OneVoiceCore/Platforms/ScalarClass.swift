/// Text as Unicode scalar values: what the counters scan.
typealias ScalarBuffer = ContiguousArray<UInt32>

/// Character classes the platforms' own parsers use, by scalar value.
enum ScalarClass {
    static func buffer(_ text: String) -> ScalarBuffer {
        var out = ScalarBuffer()
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars { out.append(u.value) }
        return out
    }

    @inline(__always) static func isASCIIAlnum(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// twitter-text `spacesGroup`.
    static func isSpace(_ c: UInt32) -> Bool {
        switch c {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x180E, 0x2000...0x200A, 0x2028, 0x2029,
             0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// twitter-text `invalidCharsGroup` (v3): characters that make a Tweet invalid.
    @inline(__always) static func isInvalid(_ c: UInt32) -> Bool {
        c == 0xFFFE || c == 0xFEFF || c == 0xFFFF
    }

    /// twitter-text `punct`: note that `"` and `` ` `` are not in it.
    static func isPunct(_ c: UInt32) -> Bool {
        switch c {
        case 0x21, 0x23...0x2F, 0x3A...0x40, 0x5B...0x5E, 0x5F, 0x7B...0x7E: true
        default: false
        }
    }

    /// twitter-text `validDomainChars`: anything but punctuation, spaces and invalid characters.
    @inline(__always) static func isDomainChar(_ c: UInt32) -> Bool {
        if c < 0x80 { return inMask(c, asciiDomainMask) }
        return !(isSpace(c) || isInvalid(c))
    }

    /// A host-label character: a domain character, `-` or `_`.
    @inline(__always) static func isLabelChar(_ c: UInt32) -> Bool {
        if c < 0x80 { return inMask(c, asciiLabelMask) }
        return !(isSpace(c) || isInvalid(c))
    }

    @inline(__always) private static func inMask(_ c: UInt32, _ mask: (UInt64, UInt64)) -> Bool {
        c < 64 ? (mask.0 >> UInt64(c)) & 1 == 1 : (mask.1 >> UInt64(c - 64)) & 1 == 1
    }

    // Bit masks over ASCII (bit c set when c is in the class), generated from `isPunct` and
    // `isSpace`; `PlatformsScalarClassTests` checks them against those functions.
    /// ASCII characters that are neither twitter-text punctuation nor spaces.
    static var asciiDomainMask: (UInt64, UInt64) { (0x03FF_0004_FFFF_C1FF, 0x87FF_FFFF_07FF_FFFE) }
    /// The same plus `-` and `_`.
    static var asciiLabelMask: (UInt64, UInt64) { (0x03FF_2004_FFFF_C1FF, 0x87FF_FFFF_87FF_FFFE) }

    /// twitter-text `validUrlPrecedingChars`: `[^A-Za-z0-9@＠$#＃ invalid]`.
    @inline(__always) static func isURLPreceding(_ c: UInt32) -> Bool {
        !(isASCIIAlnum(c) || c == 0x40 || c == 0xFF20 || c == 0x24 || c == 0x23 || c == 0xFF03
            || isInvalid(c))
    }

    /// twitter-text `latinAccentChars`.
    static func isLatinAccent(_ c: UInt32) -> Bool {
        switch c {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0xFF, 0x100...0x24F, 0x253, 0x254, 0x256, 0x257,
             0x259, 0x25B, 0x263, 0x268, 0x26F, 0x272, 0x289, 0x28B, 0x2BB, 0x300...0x36F,
             0x1E00...0x1EFF: true
        default: false
        }
    }

    static func isCyrillic(_ c: UInt32) -> Bool { c >= 0x400 && c <= 0x4FF }

    static func isASCIILetter(_ c: UInt32) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// Onigmo's `[[:word:]]`: letters, marks, decimal digits, connector punctuation.
    static func isWord(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIIAlnum(c) || c == 0x5F }
        guard let u = Unicode.Scalar(c) else { return false }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// White_Space property, as Ruby's `\p{White_Space}`.
    static func isWhiteSpace(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c >= 0x09 && c <= 0x0D) || c == 0x20 }
        return Unicode.Scalar(c)?.properties.isWhitespace ?? false
    }
}
