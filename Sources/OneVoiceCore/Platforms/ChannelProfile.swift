/// What a channel accepts: how it counts, its limits, its link and character rules, and
/// what a post for it needs besides text. One profile per `Channel`; limits can be replaced
/// per agency with `ChannelLimits`.
public struct ChannelProfile: Sendable, Equatable {
    public let channel: Channel
    public let lengthRule: LengthRule
    /// The length limit unless `ChannelLimits` replaces it; nil for no limit.
    public let defaultLimit: Int?
    /// A second limit in UTF-8 bytes (Bluesky: 3,000).
    public let byteLimit: Int?
    /// The title's limit, for channels whose posts carry a separate title (YouTube: 100).
    public let titleLimit: Int?
    /// A longer limit the channel allows when configured for it (CAP: 360-character WEA).
    public let extendedLimit: Int?
    public let linkRule: LinkRule
    /// At most this many links (Threads: 5).
    public let maxLinks: Int?
    /// At most this many hashtags (Instagram: 30).
    public let maxHashtags: Int?
    /// Characters the channel refuses (YouTube: `<` and `>`).
    public let forbiddenCharacters: [Character]
    /// A post needs an area (CAP `<area>` with `areaDesc`).
    public let needsArea: Bool
    /// A post needs recipients (the media e-mail list).
    public let needsRecipients: Bool

    public init(channel: Channel, lengthRule: LengthRule, defaultLimit: Int?, byteLimit: Int? = nil,
                titleLimit: Int? = nil, extendedLimit: Int? = nil, linkRule: LinkRule = .literal,
                maxLinks: Int? = nil, maxHashtags: Int? = nil, forbiddenCharacters: [Character] = [],
                needsArea: Bool = false, needsRecipients: Bool = false) {
        self.channel = channel
        self.lengthRule = lengthRule
        self.defaultLimit = defaultLimit
        self.byteLimit = byteLimit
        self.titleLimit = titleLimit
        self.extendedLimit = extendedLimit
        self.linkRule = linkRule
        self.maxLinks = maxLinks
        self.maxHashtags = maxHashtags
        self.forbiddenCharacters = forbiddenCharacters
        self.needsArea = needsArea
        self.needsRecipients = needsRecipients
    }

    public static func profile(for channel: Channel) -> ChannelProfile {
        switch channel {
        case .x:
            // twitter-text v3: 280 weighted; links 23.
            ChannelProfile(channel: .x, lengthRule: .xWeighted, defaultLimit: 280, linkRule: .countsAs(23))
        case .mastodon:
            // Mastodon's default MAX_CHARS; servers set their own (pass it in ChannelLimits).
            ChannelProfile(channel: .mastodon, lengthRule: .mastodon, defaultLimit: 500, linkRule: .countsAs(23))
        case .bluesky:
            // app.bsky.feed.post `text`: maxGraphemes 300, maxLength 3000 (UTF-8 bytes).
            ChannelProfile(channel: .bluesky, lengthRule: .graphemes, defaultLimit: 300, byteLimit: 3000)
        case .threads:
            // Threads API: 500 characters, at most 5 links per post.
            ChannelProfile(channel: .threads, lengthRule: .graphemes, defaultLimit: 500, maxLinks: 5)
        case .facebook:
            ChannelProfile(channel: .facebook, lengthRule: .graphemes, defaultLimit: 63_206)
        case .instagram:
            // Instagram Graph API: caption 2,200 characters, at most 30 hashtags.
            ChannelProfile(channel: .instagram, lengthRule: .graphemes, defaultLimit: 2_200, maxHashtags: 30)
        case .nextdoor:
            // Nextdoor publishes no hard limit for agency posts; its guidance is to keep alerts
            // to a few hundred characters. 500 is our house limit; agencies may change it.
            ChannelProfile(channel: .nextdoor, lengthRule: .graphemes, defaultLimit: 500)
        case .youtube:
            // YouTube Data API: title 100, description 5,000 characters; neither may hold < or >.
            ChannelProfile(channel: .youtube, lengthRule: .graphemes, defaultLimit: 5_000, titleLimit: 100,
                           forbiddenCharacters: ["<", ">"])
        case .website:
            ChannelProfile(channel: .website, lengthRule: .unlimited, defaultLimit: nil)
        case .media:
            ChannelProfile(channel: .media, lengthRule: .unlimited, defaultLimit: nil, needsRecipients: true)
        case .cap:
            // WEA text: 90 characters, 360 where the alerting authority sends WEA 3.0 long text.
            ChannelProfile(channel: .cap, lengthRule: .graphemes, defaultLimit: 90, extendedLimit: 360,
                           needsArea: true)
        case .webhook:
            ChannelProfile(channel: .webhook, lengthRule: .unlimited, defaultLimit: nil)
        }
    }

    /// Every channel's profile, in channel order.
    public static let all: [ChannelProfile] = Channel.allCases.map(profile(for:))
}

extension Channel {
    public var profile: ChannelProfile { ChannelProfile.profile(for: self) }
}
