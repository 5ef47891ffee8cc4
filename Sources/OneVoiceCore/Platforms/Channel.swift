/// A place a release goes out to. The slug is what users type and what files carry.
public enum Channel: String, CaseIterable, Codable, Sendable, Comparable {
    case x
    case mastodon
    case bluesky
    case threads
    case facebook
    case instagram
    case nextdoor
    case youtube
    case website
    case media
    case cap
    case webhook

    public var slug: String { rawValue }

    public var displayName: String {
        switch self {
        case .x: "X"
        case .mastodon: "Mastodon"
        case .bluesky: "Bluesky"
        case .threads: "Threads"
        case .facebook: "Facebook"
        case .instagram: "Instagram"
        case .nextdoor: "Nextdoor"
        case .youtube: "YouTube"
        case .website: "Website"
        case .media: "Media list"
        case .cap: "CAP alert"
        case .webhook: "Webhook"
        }
    }

    public static func < (lhs: Channel, rhs: Channel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
