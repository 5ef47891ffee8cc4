import Foundation
import PropertyBased
import TestSupport
import Testing
@testable import OneVoiceCore

/// Random text never crashes a counter, and the counts keep their rules.
@Suite("Property: counting rules")
struct PropertyCountingTests {
    static let mixed = propertyStrings { rng in PropertyText.mixed(&rng) }
    static let linkFree = propertyStrings { rng in PropertyText.mixed(&rng, allowLinks: false) }
    /// Mixed text less conjoining Hangul jamo, which the X counter's NFC mishandles
    /// (`hangulTBaseIsKeptByTheXCounter`, `hangulLVPlusTComposesOnX`).
    static let withoutConjoiningJamo = propertyStrings { rng in
        String(String.UnicodeScalarView(PropertyText.mixed(&rng).unicodeScalars.filter { !(0x1100...0x11FF).contains($0.value) }))
    }

    /// What `valid` must be: not blank, the length within the limit, and the channel's other rules.
    static func expectedValid(_ text: String, channel: Channel, length: Int) -> Bool {
        let profile = channel.profile
        var ok = !text.allSatisfy(\.isWhitespace)
        if let limit = ChannelLimits.default.limit(for: channel) { ok = ok && length <= limit }
        if profile.lengthRule == .xWeighted { ok = ok && !XTextCounter.parse(text).hasInvalidCharacters }
        if let bytes = profile.byteLimit { ok = ok && text.utf8.count <= bytes }
        if let links = profile.maxLinks { ok = ok && LinkCounter.count(in: text) <= links }
        if let tags = profile.maxHashtags { ok = ok && HashtagCounter.count(in: text) <= tags }
        ok = ok && !profile.forbiddenCharacters.contains { text.contains($0) }
        return ok
    }

    @Test func everyChannelValidatesAnyText() async {
        await propertyCheck(count: propertyBudget(150), input: Self.mixed) { text in
            for channel in Channel.allCases {
                let check = PostValidator.validate(text, for: channel)
                #expect(check.channel == channel)
                #expect(check.length >= 0, "\(channel)")
                #expect(check.length == channel.profile.lengthRule.length(of: text), "\(channel)")
                #expect(check.limit == channel.profile.defaultLimit, "\(channel)")
                #expect(check.valid == Self.expectedValid(text, channel: channel, length: check.length),
                        "\(channel): length \(check.length), limit \(String(describing: check.limit)), \(check.problems)")
                if let limit = check.limit, check.length > limit { #expect(!check.valid, "\(channel)") }
                for problem in check.problems {
                    #expect(!problem.isEmpty && !problem.contains("Optional("), "\(channel): \(problem)")
                }
            }
        }
    }

    @Test func xParseAndMastodonCountAreConsistent() async {
        await propertyCheck(count: propertyBudget(150), input: Self.mixed) { text in
            let result = XTextCounter.parse(text)
            #expect(result.weightedLength >= 0)
            #expect(result.weightedLength == XTextCounter.weightedLength(text))
            #expect(result.valid == (!result.hasInvalidCharacters && result.weightedLength > 0 && result.weightedLength <= 280))
            #expect(result.permillage == result.weightedLength * 1000 / 280)
            #expect(result.linkCount >= 0)
            // No scalar outside a link weighs more than 2, and a link weighs 23.
            let scalars = text.precomposedStringWithCanonicalMapping.unicodeScalars.count
            #expect(result.weightedLength <= 2 * scalars + 23 * result.linkCount)
            // PostValidator's X verdict is parseTweet's, less blank texts.
            #expect(PostValidator.validate(text, for: .x).valid == (result.valid && !text.allSatisfy(\.isWhitespace)))

            let mastodon = MastodonTextCounter.countableLength(text)
            #expect(mastodon >= 0)
            #expect(MastodonTextCounter.countableLength(text, contentWarning: "CW: ") == mastodon + 4)
        }
    }

    @Test func appendingAnASCIILetterAddsOneOnX() async {
        let letter = Gen<Character>.letter
        await propertyCheck(count: propertyBudget(200), input: Self.linkFree, letter) { text, letter in
            #expect(XTextCounter.weightedLength(text + String(letter)) == XTextCounter.weightedLength(text) + 1)
        }
    }

    struct URLCase: Sendable, CustomStringConvertible {
        var prefix: String
        var url: String
        var suffix: String
        var hasScheme: Bool
        var description: String { "prefix \(prefix.debugDescription), url \(url.debugDescription) (\(url.count)), suffix \(suffix.debugDescription)" }
    }

    static let urlCases = Generator<URLCase, Shrink.None<URLCase>>(run: { rng in
        let hosts = ["example.com", "springfieldpd.gov", "news.example.co.uk", "www.city-of-springfield.org",
                     "a.io", "sub.domain.example.net", "police.city.tx.us"]
        let pathChars = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_/")
        let scheme = ["https://", "https://", "http://", "HTTPS://", ""].randomElement(using: &rng)!
        var url = scheme + hosts.randomElement(using: &rng)!
        let pathLength = [0, Int.random(in: 1...40, using: &rng), Int.random(in: 41...2_000, using: &rng)]
            .randomElement(using: &rng)!
        if pathLength > 0 {
            url += "/" + String((0..<pathLength).map { _ in pathChars.randomElement(using: &rng)! }) + "x"
        }
        // A query belongs to a scheme-less link only after a path (twitter-text takes just the
        // domain of `example.com?id=1`), so it is added only where it is part of the link.
        if Int.random(in: 0..<4, using: &rng) == 0, !scheme.isEmpty || pathLength > 0 {
            url += "?id=" + PropertyText.word(&rng)
        }
        // Plain text around the link: no '.', so no other link; it starts with a letter, so it is never blank.
        let prefix = "x" + PropertyText.mixed(&rng, allowLinks: false) + " "
        let suffix = " " + PropertyText.mixed(&rng, allowLinks: false)
        return URLCase(prefix: prefix, url: url, suffix: suffix, hasScheme: !scheme.isEmpty)
    })

    @Test func everyLinkCounts23WhateverItsLength() async {
        await propertyCheck(count: propertyBudget(150), input: Self.urlCases) { c in
            let text = c.prefix + c.url + c.suffix
            let rest = c.prefix + c.suffix
            let parsed = XTextCounter.parse(text)
            #expect(parsed.linkCount == 1)
            #expect(parsed.weightedLength == XTextCounter.weightedLength(rest) + 23)
            if c.hasScheme {
                #expect(MastodonTextCounter.countableLength(text) == MastodonTextCounter.countableLength(rest) + 23)
            }
        }
    }

    /// Found by `nfcAndNfdFormsCountTheSameOnX`: Foundation's NFC on Linux drops U+11A7 after
    /// a decomposed Hangul LV syllable ("\u{1101}\u{1170}\u{11A7}" becomes "\u{AFF0}", where
    /// NFC keeps "\u{AFF0}\u{11A7}": U+11A7 is TBase, not a trailing consonant), so the NFD
    /// form counted 2 where the NFC form counts 4. `CanonicalComposition` now composes Hangul itself.
    @Test
    func hangulTBaseIsKeptByTheXCounter() {
        #expect(XTextCounter.weightedLength("\u{1101}\u{1170}\u{11A7}") == 4)
        #expect(XTextCounter.weightedLength("\u{AFF0}\u{11A7}") == 4)
    }

    /// Found by `nfcAndNfdFormsCountTheSameOnX`: a precomposed LV syllable followed by a
    /// trailing consonant is not composed: "\u{B5F4}\u{11A9}" (NFC: the one scalar U+B5F6)
    /// counted 4, its NFD form "\u{1104}\u{1168}\u{11A9}" counts 2.
    @Test
    func hangulLVPlusTComposesOnX() {
        #expect(XTextCounter.weightedLength("\u{B5F4}\u{11A9}") == 2)
    }

    static let hangul = propertyStrings { rng in
        var out = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 1...60, using: &rng) {
            let range: ClosedRange<UInt32> = [0xAC00...0xD7A3, 0xAC00...0xD7A3, 0x1100...0x11FF, 0x20...0x7E, 0x300...0x36F]
                .randomElement(using: &rng)!
            out.append(PropertyText.scalar(in: range, &rng))
        }
        return String(out)
    }

    /// Korean written as syllables or as the jamo they decompose to counts the same.
    @Test func hangulSyllablesAndTheirJamoCountTheSameOnX() async {
        await propertyCheck(count: propertyBudget(150), input: Self.hangul) { text in
            #expect(XTextCounter.weightedLength(text.decomposedStringWithCanonicalMapping) == XTextCounter.weightedLength(text))
        }
    }

    @Test func nfcAndNfdFormsCountTheSameOnX() async {
        await propertyCheck(count: propertyBudget(150), input: Self.withoutConjoiningJamo) { text in
            let length = XTextCounter.weightedLength(text)
            #expect(XTextCounter.weightedLength(text.precomposedStringWithCanonicalMapping) == length)
            #expect(XTextCounter.weightedLength(text.decomposedStringWithCanonicalMapping) == length)
        }
    }

    static let cjk = propertyStrings { rng in
        var out = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 1...400, using: &rng) {
            let range: ClosedRange<UInt32> = [0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF]
                .randomElement(using: &rng)!
            out.append(PropertyText.scalar(in: range, &rng))
        }
        return String(out)
    }

    @Test func cjkTextCountsTwicePerScalarOnX() async {
        await propertyCheck(count: propertyBudget(150), input: Self.cjk) { text in
            let parsed = XTextCounter.parse(text)
            #expect(parsed.weightedLength == 2 * text.unicodeScalars.count)
            #expect(parsed.valid == (text.unicodeScalars.count <= 140))
        }
    }
}
