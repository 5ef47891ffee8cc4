import Foundation

/// The rendition of a release for one channel, with its schedule and delivery state.
public struct Post: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var releaseID: Int64
    public var incidentID: Int64
    public var revisionNumber: Int
    public var channel: Channel
    public var text: String
    public var scheduledAt: Date?
    public var state: PostState
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var deliveredAt: Date?
    public var externalID: String?
    public var lastError: String?
    /// Sent with every delivery attempt so a platform can drop a repeat.
    public var idempotencyKey: String
    public var isExercise: Bool
    public var createdAt: Date
    /// The scheduler delivering it now, and since when (a claim outlives a killed process until taken over).
    public var claimedBy: String?
    public var claimedAt: Date?
    /// The post's public web address on the platform (from its answer, or given by the person who posted it by hand).
    public var publicURL: String?
    /// Bluesky: the record's content id (a reply's strong reference needs the uri and the cid).
    public var externalCID: String?
    /// Bluesky: the thread's first post (uri and cid) when this post is itself a reply; replies to it keep that root.
    public var threadRootID: String?
    public var threadRootCID: String?

    public init(id: Int64 = 0, releaseID: Int64, incidentID: Int64, revisionNumber: Int, channel: Channel, text: String,
                scheduledAt: Date?, state: PostState, attempts: Int = 0, nextAttemptAt: Date? = nil, deliveredAt: Date? = nil,
                externalID: String? = nil, lastError: String? = nil, idempotencyKey: String, isExercise: Bool, createdAt: Date) {
        self.id = id
        self.releaseID = releaseID
        self.incidentID = incidentID
        self.revisionNumber = revisionNumber
        self.channel = channel
        self.text = text
        self.scheduledAt = scheduledAt
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.externalID = externalID
        self.lastError = lastError
        self.idempotencyKey = idempotencyKey
        self.isExercise = isExercise
        self.createdAt = createdAt
        self.claimedBy = nil
        self.claimedAt = nil
        self.publicURL = nil
        self.externalCID = nil
        self.threadRootID = nil
        self.threadRootCID = nil
    }

    /// Where it stands on its platform, for replies that must follow it.
    public var platformReference: PlatformReference? {
        guard state == .delivered, let externalID, !externalID.isEmpty else { return nil }
        return PlatformReference(id: externalID, cid: externalCID, rootID: threadRootID ?? externalID,
                                 rootCID: threadRootID == nil ? externalCID : threadRootCID)
    }
}

public enum PostState: String, Codable, Sendable, CaseIterable {
    case scheduled
    case held
    /// Claimed by a scheduler that is delivering it now.
    case delivering
    case delivered
    /// Failed; retried at `nextAttemptAt`.
    case failed
    /// Its time came before sign-off: never sent, shown loudly.
    case missed
    /// Overdue beyond the grace window after downtime: waits for a person.
    case awaitingConfirmation = "awaiting_confirmation"
    case cancelled
    /// A channel OneVoice does not post to (or one without settings): a person posts the text and marks it posted.
    case handOff = "hand_off"
    /// A hand-off still not marked posted beyond the grace window after its time: shown loudly, like a missed post.
    case handOffOverdue = "hand_off_overdue"
    /// The request may have reached the platform (no answer came, or the scheduler stopped while sending):
    /// a person checks the platform, then marks it sent or resends it. Never retried by itself.
    case needsCheck = "needs_check"
    /// The platform refused the credentials (HTTP 401 or 403): held until a person puts in a new token and resends.
    case credentialsExpired = "credentials_expired"

    /// States that need a person now: the board shows them red.
    public static let needingAttention: Set<PostState> = [.missed, .awaitingConfirmation, .failed, .handOffOverdue, .needsCheck, .credentialsExpired]

    public var label: String {
        switch self {
        case .missed: "missed: awaiting sign-off"
        case .awaitingConfirmation: "overdue: confirm to send"
        case .handOff: "to post by hand"
        case .handOffOverdue: "overdue: to post by hand"
        case .needsCheck: "check: may have gone out; mark sent or resend"
        case .credentialsExpired: "held: credentials expired"
        default: rawValue
        }
    }
}
