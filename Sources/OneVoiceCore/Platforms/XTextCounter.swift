/// Counts a post the way X does: twitter-text v3's `parseTweet` with config `v3.json`.
///
/// The text is NFC-normalised; every link (with or without `https://`, see `LinkScanner`)
/// weighs 23; every emoji sequence (skin tones, ZWJ families, flags, keycaps) weighs 2; any
/// other code point weighs 1 in the ranges U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and
/// U+2032–U+2037, and 2 elsewhere (CJK, most symbols, astral characters).
public enum XTextCounter {
    /// twitter-text's configuration; `v3` is what X uses today.
    public struct Configuration: Sendable, Equatable {
        public var maxWeightedTweetLength: Int
        public var scale: Int
        public var defaultWeight: Int
        public var transformedURLLength: Int
        public var ranges: [WeightedRange]
        public var emojiParsingEnabled: Bool

        public init(maxWeightedTweetLength: Int, scale: Int, defaultWeight: Int, transformedURLLength: Int,
                    ranges: [WeightedRange], emojiParsingEnabled: Bool) {
            self.maxWeightedTweetLength = maxWeightedTweetLength
            self.scale = scale
            self.defaultWeight = defaultWeight
            self.transformedURLLength = transformedURLLength
            self.ranges = ranges
            self.emojiParsingEnabled = emojiParsingEnabled
        }

        public static let v3 = Configuration(
            maxWeightedTweetLength: 280, scale: 100, defaultWeight: 200, transformedURLLength: 23,
            ranges: [
                WeightedRange(start: 0x0000, end: 0x10FF, weight: 100),
                WeightedRange(start: 0x2000, end: 0x200D, weight: 100),
                WeightedRange(start: 0x2010, end: 0x201F, weight: 100),
                WeightedRange(start: 0x2032, end: 0x2037, weight: 100),
            ],
            emojiParsingEnabled: true)
    }

    /// A range of code points and the weight each has (in 1/scale units).
    public struct WeightedRange: Sendable, Equatable {
        public var start: UInt32
        public var end: UInt32
        public var weight: Int

        public init(start: UInt32, end: UInt32, weight: Int) {
            self.start = start
            self.end = end
            self.weight = weight
        }
    }

    /// What `parseTweet` answers (less the display ranges).
    public struct Result: Sendable, Equatable {
        /// The weighted length, in characters (280 is the limit).
        public var weightedLength: Int
        /// Not empty, no invalid character (U+FFFE, U+FEFF, U+FFFF), within the limit.
        public var valid: Bool
        /// Thousandths of the limit used (rounded down).
        public var permillage: Int
        public var hasInvalidCharacters: Bool
        /// How many links counted as `transformedURLLength` each.
        public var linkCount: Int
    }

    public static func parse(_ text: String, configuration: Configuration = .v3) -> Result {
        let s = CanonicalComposition.scalars(text)
        let links = LinkScanner.links(in: s, dialect: .x)
        var nextLink = 0
        var weighted = 0
        var invalid = false
        var i = 0
        let n = s.count
        let urlWeight = configuration.transformedURLLength * configuration.scale
        while i < n {
            if nextLink < links.count, links[nextLink].lowerBound == i {
                weighted += urlWeight
                i = links[nextLink].upperBound
                nextLink += 1
                continue
            }
            let c = s[i]
            if configuration.emojiParsingEnabled, c > 0x7F || c == 0x23 || c == 0x2A || (c >= 0x30 && c <= 0x39),
               let end = EmojiScanner.sequenceEnd(s, at: i) {
                weighted += configuration.defaultWeight
                i = end
                continue
            }
            if ScalarClass.isInvalid(c) { invalid = true }
            weighted += weight(of: c, configuration)
            i += 1
        }
        let length = weighted / configuration.scale
        let valid = !invalid && length > 0 && length <= configuration.maxWeightedTweetLength
        return Result(weightedLength: length, valid: valid,
                      permillage: length * 1000 / configuration.maxWeightedTweetLength,
                      hasInvalidCharacters: invalid, linkCount: links.count)
    }

    /// The weighted length X shows against its 280 limit.
    public static func weightedLength(_ text: String) -> Int {
        parse(text).weightedLength
    }

    @inline(__always) static func weight(of c: UInt32, _ configuration: Configuration) -> Int {
        for r in configuration.ranges where c >= r.start && c <= r.end { return r.weight }
        return configuration.defaultWeight
    }
}
