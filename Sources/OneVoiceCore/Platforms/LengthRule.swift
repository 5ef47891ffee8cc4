/// How a channel measures a post's length.
public enum LengthRule: String, Sendable, Equatable, CaseIterable {
    /// twitter-text v3 weighted length (`XTextCounter`).
    case xWeighted
    /// Mastodon's `StatusLengthValidator` (`MastodonTextCounter`).
    case mastodon
    /// Extended grapheme clusters: what a person sees as one character (Swift `Character`).
    case graphemes
    /// The channel has no length limit.
    case unlimited

    /// The unit a limit is given in, for messages ("weighted characters", "characters").
    public var unit: String {
        switch self {
        case .xWeighted: "weighted characters"
        case .mastodon, .graphemes, .unlimited: "characters"
        }
    }

    /// The length of `text` under this rule.
    public func length(of text: String) -> Int {
        switch self {
        case .xWeighted: XTextCounter.weightedLength(text)
        case .mastodon: MastodonTextCounter.countableLength(text)
        case .graphemes, .unlimited: text.count
        }
    }
}
