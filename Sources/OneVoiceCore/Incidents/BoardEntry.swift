import Foundation

/// One incident as the board shows it, with the counts a PIO scans for.
public struct BoardEntry: Sendable, Hashable {
    public var incident: Incident
    public var spokesperson: String?
    public var unverifiedFacts: Int
    /// Releases in review, waiting for the spokesperson's sign-off.
    public var awaitingSignOff: Int
    /// The earliest scheduled post.
    public var nextReleaseAt: Date?
    /// Posts that need a person: missed (unapproved at their time), overdue, or failed.
    public var postsNeedingAttention: Int
}

/// A position on the board: active, then monitoring, then closed; newest opened first; then id.
public struct BoardPosition: Sendable, Hashable {
    public var rank: Int
    public var openedAt: Date
    public var id: Int64

    public init(rank: Int, openedAt: Date, id: Int64) {
        self.rank = rank
        self.openedAt = openedAt
        self.id = id
    }

    public init(_ incident: Incident) {
        self.init(rank: incident.status == .active ? 0 : incident.status == .monitoring ? 1 : 2, openedAt: incident.openedAt, id: incident.id)
    }
}
