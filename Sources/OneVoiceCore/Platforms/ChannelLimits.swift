/// Per-agency replacements for channels' default length limits (for example a Mastodon
/// server that allows 1,000 characters, or CAP alerts sent as 360-character WEA 3.0 text).
/// Callers build it from agency configuration; an override of zero or less is ignored.
public struct ChannelLimits: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public private(set) var overrides: [Channel: Int]

    public init(_ overrides: [Channel: Int] = [:]) {
        self.overrides = overrides.filter { $0.value > 0 }
    }

    public init(dictionaryLiteral elements: (Channel, Int)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// No overrides: every channel keeps its profile's limit.
    public static let `default` = ChannelLimits()

    /// The limit in force for `channel`: the override if any, else the profile's default
    /// (nil when the channel has no limit).
    public func limit(for channel: Channel) -> Int? {
        overrides[channel] ?? ChannelProfile.profile(for: channel).defaultLimit
    }

    /// A copy with `limit` for `channel` (ignored when zero or less).
    public func setting(_ channel: Channel, to limit: Int) -> ChannelLimits {
        var copy = self
        if limit > 0 { copy.overrides[channel] = limit }
        return copy
    }
}
