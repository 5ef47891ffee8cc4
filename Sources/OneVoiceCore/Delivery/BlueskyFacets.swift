import Foundation

/// Link and hashtag facets of a Bluesky post (`app.bsky.richtext.facet`), with exact UTF-8 byte offsets.
///
/// The lexicon: a facet is `{"index": byteSlice, "features": [link | tag | mention]}`; `byteSlice` is
/// `{"byteStart", "byteEnd"}`, "zero-indexed, counting bytes of the UTF-8 encoded text", start inclusive, end
/// exclusive; `#link` is `{"uri"}` ("the facet reference should be a complete URL"); `#tag` is `{"tag"}`
/// without the '#', at most 64 graphemes (640 bytes). Links are found as X finds them (`LinkScanner`), so
/// "riverton.gov/news" is a link to https://riverton.gov/news; offsets come from the scalars' UTF-8 lengths,
/// never from character counts, so emoji and accents before a link do not shift it.
public enum BlueskyFacets {
    public struct Facet: Codable, Sendable, Hashable {
        public struct ByteSlice: Codable, Sendable, Hashable {
            public var byteStart: Int
            public var byteEnd: Int
        }

        public struct Feature: Codable, Sendable, Hashable {
            public var type: String
            public var uri: String?
            public var tag: String?

            enum CodingKeys: String, CodingKey {
                case type = "$type"
                case uri, tag
            }

            static func link(_ uri: String) -> Feature { Feature(type: "app.bsky.richtext.facet#link", uri: uri, tag: nil) }
            static func tag(_ tag: String) -> Feature { Feature(type: "app.bsky.richtext.facet#tag", uri: nil, tag: tag) }
        }

        public var index: ByteSlice
        public var features: [Feature]
    }

    /// Every link and hashtag in `text`, in text order.
    public static func facets(in text: String) -> [Facet] {
        let scalars = Array(text.unicodeScalars)
        var byteOffset = [Int](repeating: 0, count: scalars.count + 1)
        for (i, scalar) in scalars.enumerated() { byteOffset[i + 1] = byteOffset[i] + UTF8.width(scalar) }
        func slice(_ range: Range<Int>) -> Facet.ByteSlice { .init(byteStart: byteOffset[range.lowerBound], byteEnd: byteOffset[range.upperBound]) }
        func string(_ range: Range<Int>) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[range])
            return String(out)
        }

        var facets: [(Int, Facet)] = []
        let links = LinkScanner.links(in: ScalarClass.buffer(text), dialect: .x)
        for range in links {
            let shown = string(range)
            let lower = shown.lowercased()
            let uri = lower.hasPrefix("http://") || lower.hasPrefix("https://") ? shown : "https://" + shown
            facets.append((range.lowerBound, Facet(index: slice(range), features: [.link(uri)])))
        }
        for range in hashtags(in: scalars) where !links.contains(where: { $0.overlaps(range) }) {
            let tag = string(range.lowerBound + 1 ..< range.upperBound)
            facets.append((range.lowerBound, Facet(index: slice(range), features: [.tag(tag)])))
        }
        return facets.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// `#word` after the start or a space: the run up to the next space, trailing punctuation dropped; at least one
    /// character that is not a digit or punctuation (so "#1" is no tag); at most 64 graphemes and 640 bytes.
    static func hashtags(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = 0
        while i < scalars.count {
            let isHash = scalars[i] == "#" || scalars[i] == "\u{FF03}"
            let afterSpace = i == 0 || scalars[i - 1].properties.isWhitespace
            guard isHash, afterSpace else { i += 1; continue }
            var end = i + 1
            while end < scalars.count, !scalars[end].properties.isWhitespace, !invisible(scalars[end]) { end += 1 }
            var last = end
            while last > i + 1, isPunctuation(scalars[last - 1]) { last -= 1 }
            let body = scalars[(i + 1)..<last]
            let meaningful = body.contains { !isPunctuation($0) && !($0.properties.numericType != nil && $0.isASCII) }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: body)
            let tag = String(text)
            if meaningful, body.first != "\u{FE0F}", tag.count <= 64, tag.utf8.count <= 640 { result.append(i..<last) }
            i = max(end, i + 1)
        }
        return result
    }

    private static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation: true
        default: false
        }
    }

    private static func invisible(_ s: Unicode.Scalar) -> Bool {
        ["\u{00AD}", "\u{2060}", "\u{200A}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{20E2}"].contains(s)
    }
}
