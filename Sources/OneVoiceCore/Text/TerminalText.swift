/// Stored text made safe to show on a terminal: nothing in it can move the cursor, clear the screen,
/// set the clipboard (OSC 52), open links (OSC 8), ring the bell, overwrite a line with a bare CR,
/// or reorder what is shown with bidi controls. Such characters are shown, not obeyed:
/// C0 controls as their Unicode control pictures (ESC as ␛, BEL as ␇, CR as ␍, NUL as ␀, DEL as ␡),
/// C1, bidi, zero-width and other invisible format characters as `\u{202E}`-style escapes.
/// Tab and (unless `singleLine`) newline are kept; everything else is kept as it is.
public enum TerminalText {
    /// The text with every control, bidi and invisible character shown visibly.
    /// `singleLine` also shows newlines (as ␤), for table cells and one-line fields.
    public static func safe(_ text: String, singleLine: Bool = false) -> String {
        guard needsEscaping(text, singleLine: singleLine) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch kind(at: i, in: scalars) {
            case .plain:
                out.append(scalar)
            case .newline:
                if singleLine { out.append("\u{2424}") } else { out.append(scalar) }
            case .picture(let picture):
                out.append(picture)
            case .escape:
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }

    /// Only the bidi, zero-width and other invisible format characters shown as `\u{202E}`-style escapes
    /// (the dashboard draws controls itself); emoji joiners and flag tags stay.
    public static func showingInvisibles(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x061C && isInvisible($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if isInvisible(scalar.value),
               kind(at: i, in: scalars) == .escape {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// JSON text (as an encoder wrote it) with the same characters written as JSON `\uXXXX` escapes:
    /// the value a script reads is unchanged, and nothing raw reaches a terminal. Those characters
    /// can only appear inside JSON strings, so escaping them there is exact.
    public static func safeJSON(_ json: String) -> String {
        guard needsEscaping(json, singleLine: false) else { return json }
        var out = String.UnicodeScalarView()
        let scalars = Array(json.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch kind(at: i, in: scalars) {
            case .plain, .newline:
                out.append(scalar)
            case .picture, .escape:
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
                }
            }
        }
        return String(out)
    }

    /// Whether the text holds anything `safe` would change (cheap: most text holds nothing).
    public static func needsEscaping(_ text: String, singleLine: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            let v = scalar.value
            if v == 0x0A { return singleLine }
            if v < 0x20 || (0x7F...0x9F).contains(v) { return v != 0x09 }
            return v >= 0x061C && isInvisible(v)
        }
    }

    private enum Kind: Equatable {
        case plain, newline, picture(Unicode.Scalar), escape
    }

    private static func kind(at i: Int, in scalars: [Unicode.Scalar]) -> Kind {
        let scalar = scalars[i]
        let v = scalar.value
        switch v {
        case 0x09: return .plain
        case 0x0A: return .newline
        case 0x00..<0x20: return .picture(Unicode.Scalar(0x2400 + v)!)
        case 0x7F: return .picture("\u{2421}")
        case 0x80...0x9F: return .escape
        default: break
        }
        guard isInvisible(v) else { return .plain }
        // A zero-width joiner inside an emoji sequence (👩‍🚒) and the tag characters of a flag (🏴 + tags)
        // are part of a visible picture: keep them.
        if v == 0x200D, i > 0, i + 1 < scalars.count, isEmojiPart(scalars[i - 1]), isEmojiPart(scalars[i + 1]) { return .plain }
        if (0xE0020...0xE007F).contains(v) {
            var j = i - 1
            while j >= 0, (0xE0020...0xE007E).contains(scalars[j].value) { j -= 1 }
            if j >= 0, scalars[j].value == 0x1F3F4 { return .plain }
        }
        return .escape
    }

    private static func isEmojiPart(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        return p.isEmoji && scalar.value > 0xFF || p.isEmojiModifier || scalar.value == 0xFE0F
    }

    /// Bidi controls, zero-width and other invisible format characters, and line/paragraph separators.
    static func isInvisible(_ v: UInt32) -> Bool {
        switch v {
        case 0x061C,                    // Arabic letter mark
             0x180E,                    // Mongolian vowel separator
             0x200B...0x200F,           // zero-width space, ZWNJ, ZWJ, LRM, RLM
             0x2028, 0x2029,            // line and paragraph separators
             0x202A...0x202E,           // bidi embeddings and overrides
             0x2060...0x2064,           // word joiner, invisible operators
             0x2066...0x2069,           // bidi isolates
             0x206A...0x206F,           // deprecated format characters
             0xFEFF,                    // zero-width no-break space (BOM)
             0xFFF9...0xFFFB,           // interlinear annotation controls
             0xE0000...0xE007F:         // tag characters
            return true
        default:
            return false
        }
    }
}
