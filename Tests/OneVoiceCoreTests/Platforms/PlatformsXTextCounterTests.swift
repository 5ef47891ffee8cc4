import Testing
@testable import OneVoiceCore

/// Expected numbers come from twitter-text v3's rules (and, where marked, from its own
/// conformance file `conformance/validate.yml`), never from running this code.
@Suite("Platforms: X weighted length (twitter-text v3)")
struct PlatformsXTextCounterTests {
    private func len(_ text: String) -> Int { XTextCounter.weightedLength(text) }

    @Test("plain ASCII at exactly 280 is valid, 281 is not")
    func asciiBoundary() {
        let at = String(repeating: "a", count: 280)
        #expect(len(at) == 280)
        #expect(XTextCounter.parse(at).valid)
        #expect(XTextCounter.parse(at + "a").weightedLength == 281)
        #expect(!XTextCounter.parse(at + "a").valid)
        #expect(XTextCounter.parse(at).permillage == 1000)
    }

    @Test("empty text is invalid (conformance)")
    func empty() {
        #expect(len("") == 0)
        #expect(!XTextCounter.parse("").valid)
    }

    @Test("conformance lengths: plain text and links with and without scheme")
    func conformanceLinks() {
        #expect(len("This is a test.") == 15)
        #expect(len("http://test.com") == 23)
        #expect(len("https://test.com") == 23)
        #expect(len("test.com") == 23)
        #expect(len("Test https://test.com test https://test.com test.com test") == 86)
        #expect(len("Hi http://test.co") == 26)
        #expect(len("http://test.co") == 23)
    }

    @Test("conformance: long tweets with links in the middle and at the end")
    func conformanceLongTweets() {
        let x10 = "xxxxxxxxxx-"
        let tail = String(repeating: x10, count: 25)
        #expect(len("285 chars-" + tail) == 285)
        // 10 + 1 + 23 + 1 + 264 = 299
        #expect(len("285 chars- http://www.twitter.com/jack " + String(repeating: x10, count: 24)) == 299)
        // 264 + 1 + 23 + 1 = 289
        #expect(len(String(repeating: x10, count: 24) + " http://www.twitter.com/jack ") == 289)
        // ten links and ten spaces
        #expect(len(String(repeating: "https://www.twitter.com/aloha ", count: 10)) == 240)
    }

    @Test("CJK characters weigh 2 each (conformance)")
    func cjk() {
        let poem = "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。"  // 32 characters
        #expect(len(poem) == 64)
        #expect(len(String(repeating: "の", count: 140)) == 280)
        #expect(XTextCounter.parse(String(repeating: "の", count: 140)).valid)
        #expect(!XTextCounter.parse(String(repeating: "の", count: 141)).valid)
        #expect(len("the" + String(repeating: "故", count: 160)) == 323)
        #expect(len("저찀쯿쿿") == 8)
        #expect(len("\u{10000}\u{10FFFF}") == 4)
    }

    @Test("emoji sequences weigh 2 each (conformance, emoji parsing enabled)")
    func emoji() {
        #expect(len("😷👾😡🔥💩") == 10)
        #expect(len("H🐱☺\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}") == 7)
        #expect(len("\u{1F64B}\u{1F3FD}\u{1F468}\u{200D}\u{1F3A4}") == 4)
        #expect(len(String(repeating: "😷", count: 160)) == 320)
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}"
        #expect(len(String(repeating: family, count: 140)) == 280)
        #expect(XTextCounter.parse(String(repeating: family, count: 140)).valid)
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
        #expect(len("Unicode 10.0 emoji: 🤪; 🧕; 🧕\u{1F3FE}; " + england) == 34)
        #expect(len("Unicode 9.0 emoji: 🤠; 💃; 💃\u{1F3FE}") == 29)
    }

    @Test("skin tones, ZWJ families, flags and keycaps are one emoji each")
    func emojiKinds() {
        #expect(len("👍\u{1F3FF}") == 2)
        #expect(len("\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}") == 2)
        #expect(len("\u{1F1FA}\u{1F1F8}") == 2)             // flag: two regional indicators
        #expect(len("\u{1F1FA}\u{1F1F8}\u{1F1E8}\u{1F1E6}") == 4)
        #expect(len("1\u{FE0F}\u{20E3}") == 2)               // keycap with VS16
        #expect(len("#\u{20E3}") == 2)                       // keycap without VS16
        #expect(len("\u{00A9}\u{FE0F}") == 2)               // © as emoji
        #expect(len("\u{00A9}") == 1)                       // © as text: Latin range
        #expect(len("Stay safe 👮\u{200D}\u{2640}\u{FE0F}") == 12)
    }

    @Test("text is NFC-normalised first (conformance)")
    func normalisation() {
        #expect(len("e\u{0301}") == 1)
        #expect(len("A\u{0301}B") == 2)
        // U+FB2C decomposes to three Hebrew code points, each weight 1.
        #expect(len("A\u{FB2C}") == 4)
    }

    @Test("general punctuation ranges weigh 1; just outside them weighs 2")
    func punctuationRanges() {
        var text = ""
        for c in Array(0x2000...0x200D) + Array(0x2010...0x201F) + Array(0x2032...0x2037) {
            text.unicodeScalars.append(Unicode.Scalar(UInt32(c))!)
        }
        #expect(len(text) == 36)
        #expect(len("\u{200E}") == 2)
        #expect(len("\u{2020}") == 2)
        #expect(len("\u{2038}") == 2)
    }

    @Test("links: trailing punctuation, parentheses, paths and queries")
    func linkEdges() {
        #expect(len("See example.com.") == 28)
        #expect(len("(https://example.com/path)") == 25)
        #expect(len("Visit city.gov/alerts, now") == 34)
        #expect(len("https://example.com/a-very/long/path/that/goes/on/and/on?with=query&and=more#frag") == 23)
        #expect(len("https://en.wikipedia.org/wiki/Primer_(film)") == 23)
        #expect(len("www.example.com") == 23)
        #expect(len("t.co") == 23)
        #expect(len("foo.co.jp") == 23)
        #expect(len("HTTPS://www.ExaMPLE.COM/index.html") == 23)
        #expect(len("https://t.co/abc") == 23)
        #expect(len("http://☃.net/") == 23)
    }

    @Test("what is not a link counts by its characters")
    func notLinks() {
        #expect(len("foo.notatld") == 11)
        #expect(len("contact info@example.com") == 24)     // e-mail addresses are not links
        #expect(len("ftp://example.org") == 6 + 11)         // "ftp://" counted, then example.org
        // twitter-text: a scheme-less host whose label runs into '_' keeps only the ASCII tail.
        #expect(len("a_b.example.com") == 25)
        // twitter-text: a scheme-less link without a path ends at the host; the query is text.
        #expect(len("example.com?foo=bar") == 31)
    }

    @Test("host labels over 63 characters are not links (conformance)")
    func longLabels() {
        #expect(len("randomurlrandomurlrandomurlrandomurlrandomurlrandomurlrandomurls.com") == 68)
        let label = String(repeating: "somesuperlongurl", count: 249)
        let text = "Long url with invalid domain labels and a short url: "
            + String(repeating: "https://\(label).com/foo ", count: 3) + "https://validurl.com"
        #expect(len(text) == 12079)
    }

    @Test("internationalised hosts are checked after Punycode encoding (conformance)")
    func punycodeHosts() {
        let kana = "あいうえおかきくけこ"
        let prose = String(repeating: kana, count: 12)
        let long = prose + " http://" + String(repeating: kana, count: 5) + "あいう.com"
        let short = prose + " http://" + String(repeating: kana, count: 5) + "あい.com"
        #expect(len(long) == 358)
        #expect(len(short) == 264)
    }

    @Test("invalid and directional characters (conformance)")
    func invalidCharacters() {
        let bad = XTextCounter.parse("ABC\u{202A}\u{FFFF}ABC\u{FFFE}")
        #expect(bad.weightedLength == 12)
        #expect(!bad.valid)
        let directional = XTextCounter.parse("\u{2066}\u{202A}http://foobar.پاکستان/\u{202C}\u{2069}")
        #expect(directional.weightedLength == 31)
        #expect(directional.valid)
    }
}
