import Foundation
import Testing
@testable import OneVoiceCore

/// Bluesky facets count UTF-8 bytes (app.bsky.richtext.facet#byteSlice), never characters or UTF-16 units.
@Suite("Bluesky facets")
struct BlueskyFacetsTests {
    /// The byte range of `part` in `text`, found on the bytes themselves.
    static func byteRange(of part: String, in text: String) -> Range<Int>? {
        let bytes = Array(text.utf8), needle = Array(part.utf8)
        guard needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) where Array(bytes[start..<(start + needle.count)]) == needle {
            return start..<(start + needle.count)
        }
        return nil
    }

    @Test(arguments: [
        "Évacuation près du café ☕️ 👩‍🚒🚒 — détails : https://riverton.gov/news/7",
        "🇺🇸 Señora Núñez: ¡atención! https://riverton.gov/news/7",
        "e\u{301}\u{301} combining marks then https://riverton.gov/news/7",
        "日本語のテキスト 📢 https://riverton.gov/news/7",
    ])
    func aLinkAfterEmojiAndAccentsIsCutAtItsBytes(_ text: String) throws {
        let facets = BlueskyFacets.facets(in: text)
        let link = try #require(facets.first { $0.features.first?.uri != nil })
        let expected = try #require(Self.byteRange(of: "https://riverton.gov/news/7", in: text))
        #expect(link.index.byteStart == expected.lowerBound && link.index.byteEnd == expected.upperBound)
        #expect(link.features == [.init(type: "app.bsky.richtext.facet#link", uri: "https://riverton.gov/news/7", tag: nil)])
        // Character or UTF-16 offsets would differ here: the test is not blind to the mistake it guards against.
        #expect(text.distance(from: text.startIndex, to: text.range(of: "https://")!.lowerBound) != expected.lowerBound
                || text.utf16.count != text.utf8.count)
    }

    @Test func aSchemeLessLinkPointsAtTheFullAddressAndTagsDropTheirHash() throws {
        let text = "Straße gesperrt. Mehr: riverton.gov/news/7 #StraßeGesperrt #1 #Elm_Street."
        let facets = BlueskyFacets.facets(in: text)
        #expect(facets.count == 3)
        let bytes = Array(text.utf8)
        func cut(_ facet: BlueskyFacets.Facet) -> String { String(decoding: bytes[facet.index.byteStart..<facet.index.byteEnd], as: UTF8.self) }
        #expect(cut(facets[0]) == "riverton.gov/news/7")
        #expect(facets[0].features.first?.uri == "https://riverton.gov/news/7")
        #expect(cut(facets[1]) == "#StraßeGesperrt" && facets[1].features.first?.tag == "StraßeGesperrt")
        // "#1" is no tag; a trailing full stop is not part of one.
        #expect(cut(facets[2]) == "#Elm_Street" && facets[2].features.first?.tag == "Elm_Street")
    }

    @Test func textWithoutLinksOrTagsHasNoFacets() {
        #expect(BlueskyFacets.facets(in: "No links here, just C# and a price of #5.").isEmpty)
        #expect(BlueskyFacets.facets(in: "").isEmpty)
    }

    @Test func theRecordCarriesTheFacetsOfTheMarkedText() throws {
        // An exercise is refused before any request, but the record for a live item is built from the text as sent.
        let item = DeliveryFixture.item(channel: .bluesky, text: "☕️ Déjà vu: https://riverton.gov/news/7")
        let record = BlueskyDeliverer.record(for: item)
        let facet = try #require(record.facets?.first)
        let expected = try #require(Self.byteRange(of: "https://riverton.gov/news/7", in: record.text))
        #expect(facet.index.byteStart == expected.lowerBound && facet.index.byteEnd == expected.upperBound)
        #expect(record.createdAt == "2026-11-18T11:06:40.750Z")
        #expect(record.reply == nil)
    }
}
