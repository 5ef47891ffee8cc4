import Foundation

/// The identifier a release went out under on one channel: the Atom entry id (website), the CAP
/// identifier (cap) or the e-mail Message-ID (media). Stored at the first delivery on that channel
/// (table `publishedIdentity`) and never computed again: a later change of settings must neither make
/// a feed reader show a duplicate nor make a CAP Update reference an identifier that was never sent.
public struct PublishedIdentity: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var releaseID: Int64
    public var channel: Channel
    public var value: String
    /// The time the release was sent under this identifier (CAP `sent`, which a reference repeats).
    public var sentAt: Date
    public var postID: Int64
    public var createdAt: Date

    public init(id: Int64 = 0, releaseID: Int64, channel: Channel, value: String, sentAt: Date, postID: Int64, createdAt: Date) {
        self.id = id
        self.releaseID = releaseID
        self.channel = channel
        self.value = value
        self.sentAt = sentAt
        self.postID = postID
        self.createdAt = createdAt
    }

    /// The channels whose identifiers are kept.
    public static let channels: Set<Channel> = [.website, .cap, .media]

    /// What the identities are minted from, once, at the first delivery.
    public struct Minter: Sendable, Hashable {
        /// The feed's tag authority ("riverton.gov,2026").
        public var feedTagAuthority: String
        /// The domain of the media list's address.
        public var mediaDomain: String

        public init(feedTagAuthority: String, mediaDomain: String) {
            self.feedTagAuthority = feedTagAuthority
            self.mediaDomain = mediaDomain
        }

        /// The identifier for an item on its channel, or nil for a channel whose ids are not kept.
        public func identifier(for item: DeliveryItem) -> String? {
            switch item.channel {
            case .website:
                "tag:\(feedTagAuthority):\(item.isExercise ? "exercise-" : "")release-\(item.releaseID)"
            case .cap:
                CAPAlertWriter.identifier(sender: item.agencySenderID, releaseID: item.releaseID, isExercise: item.isExercise)
            case .media:
                MediaMessageWriter.messageID(for: item, domain: mediaDomain)
            default:
                nil
            }
        }
    }
}
