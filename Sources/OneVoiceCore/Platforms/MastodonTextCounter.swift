/// Counts a post the way Mastodon's `StatusLengthValidator` does: links (with a scheme:
/// http, https, dat, dweb, ipfs, ipns, ssb, gopher, gemini) are replaced by 23 characters,
/// a mention `@user@domain` by `@user`, the content warning is prepended, and the result is
/// counted in grapheme clusters (`each_grapheme_cluster.size`, Swift's `Character`).
public enum MastodonTextCounter {
    /// What every link counts as (`URL_PLACEHOLDER_CHARS`).
    public static let linkLength = 23

    public static func countableLength(_ text: String, contentWarning: String = "") -> Int {
        contentWarning.count + countableText(text).count
    }

    /// The text as Mastodon counts it, links and mentions rewritten.
    static func countableText(_ text: String) -> String {
        guard !text.allSatisfy(\.isWhitespace) else { return "" }
        let s = ScalarClass.buffer(text)
        var entities: [(range: Range<Int>, replacement: String)] = []
        for link in LinkScanner.links(in: s, dialect: .mastodon) {
            entities.append((link, String(repeating: "x", count: linkLength)))
        }
        for mention in mentions(in: s) {
            entities.append(mention)
        }
        guard !entities.isEmpty else { return text }
        // Extractor.remove_overlapping_entities: sort by start, drop any that overlap an earlier one.
        entities.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out = String.UnicodeScalarView()
        var last = 0
        for entity in entities where entity.range.lowerBound >= last {
            for i in last..<entity.range.lowerBound { out.append(Unicode.Scalar(s[i])!) }
            out.append(contentsOf: entity.replacement.unicodeScalars)
            last = entity.range.upperBound
        }
        for i in last..<s.count { out.append(Unicode.Scalar(s[i])!) }
        return String(out)
    }

    /// `Account::MENTION_RE` with the `end_mention_match` check: `@user` or `@user@domain`,
    /// not after `=`, `/` or a word character; rewritten to `@user`.
    static func mentions(in s: ScalarBuffer) -> [(range: Range<Int>, replacement: String)] {
        let n = s.count
        var out: [(range: Range<Int>, replacement: String)] = []
        var i = 0
        while i < n {
            guard s[i] == 0x40 else { i += 1; continue }
            if i > 0, s[i - 1] == 0x3D || s[i - 1] == 0x2F || ScalarClass.isWord(s[i - 1]) { i += 1; continue }
            // USERNAME_RE: [a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?
            var j = i + 1
            while j < n, isUsernameChar(s[j]) || s[j] == 0x2E || s[j] == 0x2D { j += 1 }
            while j > i + 1, !isUsernameChar(s[j - 1]) { j -= 1 }
            guard j > i + 1 else { i += 1; continue }
            let userEnd = j
            var end = userEnd
            var domainLength = 0
            // (?:@[[:word:].-]+[[:word:]]+)?
            if userEnd < n, s[userEnd] == 0x40 {
                var k = userEnd + 1
                while k < n, ScalarClass.isWord(s[k]) || s[k] == 0x2E || s[k] == 0x2D { k += 1 }
                while k > userEnd + 1, !ScalarClass.isWord(s[k - 1]) { k -= 1 }
                if k >= userEnd + 3 {
                    end = k
                    domainLength = k - userEnd - 1
                }
            }
            // end_mention_match: not followed by an at sign, a Latin accent or "://".
            let followedBad = end < n && (s[end] == 0x40 || s[end] == 0xFF20 || ScalarClass.isLatinAccent(s[end])
                || (end + 2 < n && s[end] == 0x3A && s[end + 1] == 0x2F && s[end + 2] == 0x2F))
            if !followedBad, domainLength <= 253 {
                var user = "@"
                for k in (i + 1)..<userEnd { user.unicodeScalars.append(Unicode.Scalar(s[k])!) }
                out.append((i..<end, user))
            }
            i = end
        }
        return out
    }

    private static func isUsernameChar(_ c: UInt32) -> Bool {
        ScalarClass.isASCIIAlnum(c) || c == 0x5F
    }
}
