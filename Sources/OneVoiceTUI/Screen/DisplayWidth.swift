import CNcursesw
import Foundation

/// Terminal display width of text, measured with the C library's `wcwidth` under a UTF-8 locale.
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

    /// Width of one scalar: 0 for combining marks and joiners, 2 for wide (CJK, most emoji), -1 for controls.
    public static func of(scalar: Unicode.Scalar) -> Int {
        _ = localeName
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return -1 }
        if v < 0x7F { return 1 }
        return Int(ov_wcwidth(v))
    }

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
