/// Finds emoji sequences the way twemoji-parser (which twitter-text v3 uses) sees them:
/// a keycap (`#`, `*`, `0`-`9`, optional U+FE0F, U+20E3), a flag (two regional indicators),
/// or an emoji with an optional U+FE0F, skin-tone modifier and tag sequence, joined to more
/// such emoji by U+200D (ZWJ). ©, ®, ™ and ♟ are emoji only when followed by U+FE0F, as in
/// twemoji. Unlike twemoji, any ZWJ chain of emoji is taken as one sequence, not only the
/// ones on the RGI list.
enum EmojiScanner {
    /// The end (exclusive) of the emoji sequence starting at `i`, or nil when none starts there.
    static func sequenceEnd(_ s: ScalarBuffer, at i: Int) -> Int? {
        let n = s.count
        let c = s[i]
        if c < 0x80 {
            // Keycaps: [#*0-9] U+FE0F? U+20E3.
            guard c == 0x23 || c == 0x2A || (c >= 0x30 && c <= 0x39) else { return nil }
            var j = i + 1
            if j < n, s[j] == 0xFE0F { j += 1 }
            return j < n && s[j] == 0x20E3 ? j + 1 : nil
        }
        if c == 0xA9 || c == 0xAE || c == 0x2122 || c == 0x265F {
            return i + 1 < n && s[i + 1] == 0xFE0F ? i + 2 : nil
        }
        guard isEmoji(c) else { return nil }
        if isRegionalIndicator(c) {
            return i + 1 < n && isRegionalIndicator(s[i + 1]) ? i + 2 : i + 1
        }
        var j = element(s, from: i)
        while j + 1 < n, s[j] == 0x200D, s[j + 1] >= 0x80, isEmoji(s[j + 1]), !isRegionalIndicator(s[j + 1]) {
            j = element(s, from: j + 1)
        }
        return j
    }

    /// One emoji: the base, an optional U+FE0F, an optional skin tone, optional tags.
    private static func element(_ s: ScalarBuffer, from i: Int) -> Int {
        let n = s.count
        let base = s[i]
        var j = i + 1
        if j < n, s[j] == 0xFE0F { j += 1 }
        if j < n, isModifier(s[j]), isModifierBase(base) { j += 1 }
        if j < n, s[j] >= 0xE0020, s[j] <= 0xE007E {
            while j < n, s[j] >= 0xE0020, s[j] <= 0xE007E { j += 1 }
            if j < n, s[j] == 0xE007F { j += 1 }
        }
        return j
    }

    @inline(__always) static func isRegionalIndicator(_ c: UInt32) -> Bool { c >= 0x1F1E6 && c <= 0x1F1FF }
    @inline(__always) static func isModifier(_ c: UInt32) -> Bool { c >= 0x1F3FB && c <= 0x1F3FF }

    static func isEmoji(_ c: UInt32) -> Bool {
        // Fast answers for the big blocks with no emoji (letters, CJK, kana, Hangul,
        // full-width forms), to avoid a property lookup per character.
        if c < 0x203C || (c >= 0x3040 && c <= 0xD7A3 && c != 0x3297 && c != 0x3299)
            || (c >= 0xFF00 && c <= 0xFFEF) {
            return c == 0xA9 || c == 0xAE
        }
        guard let u = Unicode.Scalar(c) else { return false }
        return u.properties.isEmoji
    }

    static func isModifierBase(_ c: UInt32) -> Bool {
        guard let u = Unicode.Scalar(c) else { return false }
        return u.properties.isEmojiModifierBase
    }
}
