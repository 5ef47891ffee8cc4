import Foundation
import OneVoiceCore

/// Whether output is real (LIVE) or a drill (EXERCISE).
public enum WorkspaceMode: String, Sendable, Equatable {
    case live
    case exercise
}

/// The signed-in operator.
public struct OperatorInfo: Sendable, Equatable {
    public var handle: String
    /// Every role held, as the top bar says it: "drafter+spokesperson" (or "no role").
    public var role: String
    /// The roles held: what the dashboard checks before it opens a form the workspace would refuse.
    public var roles: Set<Role>

    /// From the roles' words joined with "+" ("drafter+spokesperson"); words that name no role are only shown.
    public init(handle: String, role: String) {
        self.handle = handle
        self.role = role
        self.roles = Set(role.split(separator: "+").compactMap { Role(rawValue: String($0)) })
    }

    public init(handle: String, roles: Set<Role>) {
        self.handle = handle
        self.roles = roles
        self.role = roles.isEmpty ? "no role" : roles.sorted().map(\.rawValue).joined(separator: "+")
    }

    /// Whether the person holds one of `roles`.
    public func holds(any roles: Set<Role>) -> Bool { !self.roles.isDisjoint(with: roles) }
}

/// The next release due to go out, for the top bar's countdown.
public struct NextReleaseInfo: Sendable, Equatable {
    public var incidentID: IncidentID
    public var title: String
    public var at: Date
    public init(incidentID: IncidentID, title: String, at: Date) {
        self.incidentID = incidentID
        self.title = title
        self.at = at
    }
}

/// What the top bar shows on every screen.
public struct HeaderInfo: Sendable, Equatable {
    public var agencyName: String
    public var mode: WorkspaceMode
    /// IANA zone of the agency (e.g. "America/Chicago"); times are shown in it with its abbreviation.
    public var timeZoneIdentifier: String
    /// nil when no identity is configured: the dashboard is read-only.
    public var operatorInfo: OperatorInfo?
    public var nextRelease: NextReleaseInfo?

    public init(agencyName: String, mode: WorkspaceMode, timeZoneIdentifier: String, operatorInfo: OperatorInfo?, nextRelease: NextReleaseInfo?) {
        self.agencyName = agencyName
        self.mode = mode
        self.timeZoneIdentifier = timeZoneIdentifier
        self.operatorInfo = operatorInfo
        self.nextRelease = nextRelease
    }
}

public enum IncidentStatusValue: String, Sendable, Equatable, CaseIterable {
    case active, monitoring, closed
}

/// Position of a row in board order (active, then monitoring, then closed; newest opened first; then id).
/// `rank` is 0 active, 1 monitoring, 2 closed. Sources compare cursors in exactly this order.
public struct BoardCursor: Sendable, Hashable, Comparable {
    public var rank: Int
    public var openedAt: Date
    public var id: IncidentID
    public init(rank: Int, openedAt: Date, id: IncidentID) {
        self.rank = rank
        self.openedAt = openedAt
        self.id = id
    }
    public static func < (a: BoardCursor, b: BoardCursor) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        if a.openedAt != b.openedAt { return a.openedAt > b.openedAt }
        return a.id < b.id
    }
}

/// One line of the incident board.
public struct BoardRow: Sendable, Equatable {
    public var id: IncidentID
    public var status: IncidentStatusValue
    /// Short kind label, e.g. "Officer-involved shooting".
    public var kind: String
    public var title: String
    public var openedAt: Date
    public var spokesperson: String?
    public var unverifiedFacts: Int
    public var awaitingSignOff: Int
    public var nextReleaseAt: Date?
    public var isExercise: Bool
    /// Posts that need a person, loudly: "missed: awaiting sign-off", "failed, retry 14:05" (nil: none).
    public var alert: String?

    public init(id: IncidentID, status: IncidentStatusValue, kind: String, title: String, openedAt: Date, spokesperson: String?,
                unverifiedFacts: Int, awaitingSignOff: Int, nextReleaseAt: Date?, isExercise: Bool, alert: String? = nil) {
        self.alert = alert
        self.id = id
        self.status = status
        self.kind = kind
        self.title = title
        self.openedAt = openedAt
        self.spokesperson = spokesperson
        self.unverifiedFacts = unverifiedFacts
        self.awaitingSignOff = awaitingSignOff
        self.nextReleaseAt = nextReleaseAt
        self.isExercise = isExercise
    }

    public var cursor: BoardCursor {
        BoardCursor(rank: status == .active ? 0 : status == .monitoring ? 1 : 2, openedAt: openedAt, id: id)
    }
}

/// The Overview tab of one incident.
public struct IncidentDetail: Sendable, Equatable {
    public var id: IncidentID
    public var kind: String
    public var title: String
    public var status: IncidentStatusValue
    public var severity: String
    /// General location only (a block or area, never an address).
    public var location: String
    public var openedAt: Date
    public var closedAt: Date?
    public var spokesperson: String?
    public var isExercise: Bool
    public var factCounts: [FactStatusValue: Int]
    public var releaseCounts: [ReleaseStage: Int]
    public var postCount: Int
    /// The agencies of an incident that is not the host agency's alone (its own first); empty otherwise.
    public var agencies: [String]

    public init(id: IncidentID, kind: String, title: String, status: IncidentStatusValue, severity: String, location: String,
                openedAt: Date, closedAt: Date?, spokesperson: String?, isExercise: Bool,
                factCounts: [FactStatusValue: Int], releaseCounts: [ReleaseStage: Int], postCount: Int, agencies: [String] = []) {
        self.id = id
        self.kind = kind
        self.title = title
        self.status = status
        self.severity = severity
        self.location = location
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.spokesperson = spokesperson
        self.isExercise = isExercise
        self.factCounts = factCounts
        self.releaseCounts = releaseCounts
        self.postCount = postCount
        self.agencies = agencies
    }
}

public enum FactStatusValue: String, Sendable, Equatable, CaseIterable {
    case unverified, verified, disputed, retracted
}

/// One fact of an incident.
public struct FactRow: Sendable, Equatable {
    public var id: FactID
    public var statement: String
    public var status: FactStatusValue
    /// Who said it, e.g. "Lt. Ortiz (incident commander)".
    public var source: String
    public var verifiedBy: String?
    public var clearedForRelease: Bool

    public init(id: FactID, statement: String, status: FactStatusValue, source: String, verifiedBy: String?, clearedForRelease: Bool) {
        self.id = id
        self.statement = statement
        self.status = status
        self.source = source
        self.verifiedBy = verifiedBy
        self.clearedForRelease = clearedForRelease
    }
}

public enum ReleaseStage: String, Sendable, Equatable, CaseIterable {
    case draft
    case inReview = "in review"
    case approved
    case scheduled
    case released

    /// As it reads after "Release #3 is …": "a draft", "in review", "approved"...
    public var phrase: String { self == .draft ? "a draft" : rawValue }
}

/// One release of an incident (its latest revision).
public struct ReleaseRow: Sendable, Equatable {
    public var id: ReleaseID
    public var title: String
    public var stage: ReleaseStage
    public var revision: Int
    /// When it is scheduled (scheduled) or went out (released).
    public var at: Date?
    public var signedOffBy: String?

    public init(id: ReleaseID, title: String, stage: ReleaseStage, revision: Int, at: Date?, signedOffBy: String?) {
        self.id = id
        self.title = title
        self.stage = stage
        self.revision = revision
        self.at = at
        self.signedOffBy = signedOffBy
    }
}

/// One channel rendition of a release.
public struct PostRow: Sendable, Equatable {
    public var id: PostID
    public var channel: String
    public var releaseTitle: String
    /// The delivery state itself: what views test (`needsPerson`, `isWaiting`).
    public var status: PostState
    /// The state as words (`PostStateWords`), e.g. "scheduled", "sent", "failed, retry in 4m", "missed: awaiting sign-off".
    public var state: String
    public var at: Date?
    public var length: Int
    public var limit: Int?

    /// `state` defaults to the status's label ("sent" for delivered).
    public init(id: PostID, channel: String, releaseTitle: String, status: PostState, state: String? = nil, at: Date?, length: Int, limit: Int?) {
        self.id = id
        self.channel = channel
        self.releaseTitle = releaseTitle
        self.status = status
        self.state = state ?? PostStateWords.words(status, nextAttemptAt: nil, lastError: nil, now: .distantPast)
        self.at = at
        self.length = length
        self.limit = limit
    }
}

/// Position in the records log; entries are shown newest first (descending sequence).
public struct LogCursor: Sendable, Hashable {
    public var sequence: Int64
    public init(sequence: Int64) { self.sequence = sequence }
}

/// One entry of the records log.
public struct LogRow: Sendable, Equatable {
    public var sequence: Int64
    public var at: Date
    public var actor: String
    public var action: String
    public var subject: String
    public var incidentID: IncidentID?

    public init(sequence: Int64, at: Date, actor: String, action: String, subject: String, incidentID: IncidentID?) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.incidentID = incidentID
    }

    public var cursor: LogCursor { LogCursor(sequence: sequence) }
}
