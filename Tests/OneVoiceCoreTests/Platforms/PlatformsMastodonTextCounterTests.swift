import Testing
@testable import OneVoiceCore

/// Expected numbers follow Mastodon's StatusLengthValidator: links with a scheme count 23,
/// `@user@domain` counts as `@user`, everything else in grapheme clusters.
@Suite("Platforms: Mastodon length (StatusLengthValidator)")
struct PlatformsMastodonTextCounterTests {
    private func len(_ text: String) -> Int { MastodonTextCounter.countableLength(text) }

    @Test("plain text counts grapheme clusters")
    func plain() {
        #expect(len("Hello world") == 11)
        #expect(len("\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}") == 1)
        #expect(len("e\u{0301}") == 1)
        #expect(len("\u{1F1FA}\u{1F1F8}") == 1)
        #expect(len("故人西辞") == 4)
    }

    @Test("every link with a scheme counts 23, short or long")
    func links() {
        let longPath = String(repeating: "p", count: 100)
        #expect(len("Read https://example.com/" + longPath) == 5 + 23)
        #expect(len("Read http://a.co") == 5 + 23)
        #expect(len("gemini://example.com/page") == 23)
        #expect(len("See https://example.com/alerts.") == 4 + 23 + 1)
    }

    @Test("links without a scheme count by their characters")
    func schemeless() {
        #expect(len("example.com") == 11)
        #expect(len("visit city.gov/alerts") == 21)
    }

    @Test("a remote mention counts only its user part; a local one as written")
    func mentions() {
        #expect(len("@pio@police.example.gov hello") == 4 + 6)
        #expect(len("@pio hello") == 10)
        #expect(len("cc @pio@mastodon.social and @press@news.example.org") == 3 + 4 + 5 + 6)
        // An e-mail address is not a mention (word character before @) and not a link.
        #expect(len("mail pio@example.com") == 20)
    }

    @Test("the content warning counts too")
    func contentWarning() {
        #expect(MastodonTextCounter.countableLength("abc", contentWarning: "CW") == 5)
    }
}
