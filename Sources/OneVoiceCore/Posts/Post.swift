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

    public var label: String {
        switch self {
        case .missed: "missed: awaiting sign-off"
        case .awaitingConfirmation: "overdue: confirm to send"
        default: rawValue
        }
    }
}
