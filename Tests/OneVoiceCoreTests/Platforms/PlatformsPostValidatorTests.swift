import Testing
@testable import OneVoiceCore

@Suite("Platforms: PostValidator")
struct PlatformsPostValidatorTests {
    private func a(_ n: Int) -> String { String(repeating: "a", count: n) }

    @Test("X: 280 passes, 291 fails with a plain sentence")
    func x() {
        let ok = PostValidator.validate(a(280), for: .x)
        #expect(ok.valid && ok.length == 280 && ok.limit == 280 && ok.remaining == 0)
        let over = PostValidator.validate(a(291), for: .x)
        #expect(!over.valid)
        #expect(over.problems == ["X posts are limited to 280 weighted characters; this one counts 291."])
        // A long link still counts 23.
        let withLink = PostValidator.validate(a(256) + " https://example.com/" + a(300), for: .x)
        #expect(withLink.length == 280 && withLink.valid)
    }

    @Test("X: invisible invalid characters are a problem")
    func xInvalid() {
        let check = PostValidator.validate("Road closed\u{FEFF}", for: .x)
        #expect(!check.valid)
    }

    @Test("Mastodon: 500 by default, the server's limit when overridden")
    func mastodon() {
        #expect(PostValidator.validate(a(500), for: .mastodon).valid)
        let over = PostValidator.validate(a(501), for: .mastodon)
        #expect(over.problems == ["Mastodon posts are limited to 500 characters; this one counts 501."])
        let limits: ChannelLimits = [.mastodon: 1000]
        let check = PostValidator.validate(a(600), for: .mastodon, limits: limits)
        #expect(check.valid && check.limit == 1000)
        // 470 + 1 + 23 = 494
        let link = PostValidator.validate(a(470) + " https://example.com/" + a(200), for: .mastodon)
        #expect(link.length == 494 && link.valid)
    }

    @Test("Bluesky: 300 graphemes and 3000 bytes")
    func bluesky() {
        #expect(PostValidator.validate(a(300), for: .bluesky).valid)
        #expect(!PostValidator.validate(a(301), for: .bluesky).valid)
        let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}"  // 1 grapheme, 18 bytes
        let fits = PostValidator.validate(String(repeating: family, count: 166), for: .bluesky)
        #expect(fits.valid && fits.length == 166)  // 2,988 bytes
        let bytes = PostValidator.validate(String(repeating: family, count: 167), for: .bluesky)
        #expect(bytes.length == 167)
        #expect(bytes.problems == ["Bluesky posts are limited to 3000 bytes of UTF-8; this one has 3006."])
    }

    @Test("Threads: 5 links pass, 6 fail")
    func threads() {
        let five = (1...5).map { "https://example.com/\($0)" }.joined(separator: " ")
        let six = (1...6).map { "https://example.com/\($0)" }.joined(separator: " ")
        #expect(PostValidator.validate(five, for: .threads).valid)
        let check = PostValidator.validate(six, for: .threads)
        #expect(check.problems == ["Threads posts may carry at most 5 links; this one has 6."])
        #expect(!PostValidator.validate(a(501), for: .threads).valid)
    }

    @Test("Instagram: 30 hashtags pass, 31 fail; 2,200 characters")
    func instagram() {
        let thirty = (1...30).map { "#tag\($0)" }.joined(separator: " ")
        let thirtyOne = (1...31).map { "#tag\($0)" }.joined(separator: " ")
        #expect(PostValidator.validate(thirty, for: .instagram).valid)
        #expect(PostValidator.validate(thirtyOne, for: .instagram).problems
                == ["Instagram captions may carry at most 30 hashtags; this one has 31."])
        #expect(PostValidator.validate(a(2200), for: .instagram).valid)
        #expect(!PostValidator.validate(a(2201), for: .instagram).valid)
    }

    @Test("YouTube: no < or >, description 5,000, title 100")
    func youtube() {
        let angle = PostValidator.validate("Update <b>now</b>", for: .youtube)
        #expect(angle.problems == ["YouTube descriptions cannot contain < or >; remove them."])
        #expect(PostValidator.validate(a(5000), for: .youtube).valid)
        #expect(!PostValidator.validate(a(5001), for: .youtube).valid)
        #expect(PostValidator.validateTitle(a(100), for: .youtube).valid)
        #expect(PostValidator.validateTitle(a(101), for: .youtube).problems
                == ["YouTube titles are limited to 100 characters; this one counts 101."])
    }

    @Test("Facebook, Nextdoor and CAP limits; overrides")
    func others() {
        #expect(PostValidator.validate(a(63_206), for: .facebook).valid)
        #expect(!PostValidator.validate(a(63_207), for: .facebook).valid)
        #expect(PostValidator.validate(a(500), for: .nextdoor).valid)
        #expect(!PostValidator.validate(a(501), for: .nextdoor).valid)
        #expect(PostValidator.validate(a(90), for: .cap).valid)
        #expect(PostValidator.validate(a(91), for: .cap).problems
                == ["CAP alert (WEA) text is limited to 90 characters; this one counts 91."])
        #expect(PostValidator.validate(a(360), for: .cap, limits: [.cap: 360]).valid)
    }

    @Test("website, media list and webhook have no limit")
    func unlimited() {
        for channel in [Channel.website, .media, .webhook] {
            let check = PostValidator.validate(a(100_000), for: channel)
            #expect(check.valid && check.limit == nil && check.remaining == nil)
        }
    }

    @Test("an empty post is a problem on every channel")
    func empty() {
        for channel in Channel.allCases {
            #expect(!PostValidator.validate("  ", for: channel).valid)
        }
    }
}
