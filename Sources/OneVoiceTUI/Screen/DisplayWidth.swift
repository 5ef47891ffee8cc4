import CNcursesw
import Foundation

/// Terminal display width of text, computed in Swift from Unicode data (general category, emoji presentation
/// and the East Asian Wide/Fullwidth ranges), never from libc's `wcwidth` and the locale: a screen, a snapshot
/// and a golden file are the same on every machine. (ncurses still needs a UTF-8 locale to draw: `ensureUTF8Locale`.)
public enum DisplayWidth {
    /// Makes sure LC_CTYPE is a UTF-8 locale (`setlocale(LC_ALL, "")`, else "C.UTF-8"); returns the locale name.
    @discardableResult
    public static func ensureUTF8Locale() -> String { localeName }

    private static let localeName: String = {
        var name = ov_setlocale_all_env().map { String(cString: $0) } ?? ""
        if !isUTF8(name) {
            for candidate in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
                if let set = ov_setlocale_ctype(candidate) {
                    name = String(cString: set)
                    break
                }
            }
        }
        return name
    }()

    private static func isUTF8(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    /// Width of one scalar: 0 for combining marks and joiners, 2 for wide (CJK, emoji shown as emoji), -1 for controls.
    public static func of(scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return -1 }
        if v < 0x7F { return 1 }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return 0
        case .format:
            return v == 0x00AD ? 1 : 0  // the soft hyphen shows; other format characters (ZWJ, ZWNJ, bidi marks) do not
        case .lineSeparator, .paragraphSeparator, .control:
            return -1
        case .unassigned where v >= 0xE0000:
            return 0
        default:
            break
        }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }  // Hangul medial and final jamo join
        if (0x200B...0x200F).contains(v) || v == 0x2060 || v == 0xFEFF { return 0 }
        if properties.isEmojiPresentation { return 2 }
        return isEastAsianWide(v) ? 2 : 1
    }

    /// East Asian Width W or F (UAX #11), besides the emoji that `isEmojiPresentation` already widens.
    static func isEastAsianWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound { high = mid - 1 } else if v > range.upperBound { low = mid + 1 } else { return true }
        }
        return false
    }

    /// The W and F ranges of EastAsianWidth.txt outside the emoji, sorted.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x303E,
        0x3041...0x3096, 0x3099...0x30FF, 0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E3, 0x31EF...0x321E,
        0x3220...0x3247, 0x3250...0x4DBF, 0x4E00...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08,
        0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE, 0x1B000...0x1B122, 0x1B132...0x1B132,
        0x1B150...0x1B152, 0x1B155...0x1B155, 0x1B164...0x1B167, 0x1B170...0x1B2FB, 0x1F200...0x1F202,
        0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]

    /// Width of one grapheme cluster in cells (0, 1 or 2); a control character counts -1.
    public static func of(grapheme: Character) -> Int {
        var width = 0
        var first = true
        for scalar in grapheme.unicodeScalars {
            let w = of(scalar: scalar)
            if first {
                if w < 0 { return -1 }
                width = w
                first = false
            } else if scalar.value == 0xFE0F, width == 1 {
                width = 2  // emoji presentation selector widens a text-default symbol
            } else if w > width {
                width = w
            }
        }
        return min(width, 2)
    }

    /// Width of a string in cells (control characters count 1, as they are drawn as "?").
    public static func of(_ text: some StringProtocol) -> Int {
        // Printable ASCII is one cell a byte, each its own grapheme: no need to walk graphemes (tables of a
        // thousand rows measure every cell).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for ch in text {
            let w = of(grapheme: ch)
            total += w < 0 ? 1 : w
        }
        return total
    }

    /// The longest prefix of `text` that fits in `width` cells, with an ellipsis if cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let room = width - of(ellipsis)
        guard room >= 0 else { return "" }
        var out = ""
        var used = 0
        for ch in text {
            let w = max(of(grapheme: ch), 1)
            if used + w > room { break }
            out.append(ch)
            used += w
        }
        return out + ellipsis
    }

    /// `text` cut or padded with spaces to exactly `width` cells.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let gap = max(0, width - of(cut))
        let spaces = String(repeating: " ", count: gap)
        return alignRight ? spaces + cut : cut + spaces
    }
}
