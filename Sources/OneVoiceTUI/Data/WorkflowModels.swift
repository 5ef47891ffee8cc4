import Foundation
import OneVoiceCore

/// One finding of the checks, placed in the text.
public struct FindingRow: Sendable, Equatable {
    public var rule: String
    /// Blocks sign-off (else a warning the spokesperson acknowledges).
    public var blocking: Bool
    /// 1-based line and column (in characters) of the text.
    public var line: Int
    public var column: Int
    /// Characters to highlight from `column` (0: something is missing).
    public var length: Int
    public var message: String
    public var suggestion: String?

    public init(rule: String, blocking: Bool, line: Int, column: Int, length: Int, message: String, suggestion: String?) {
        self.rule = rule
        self.blocking = blocking
        self.line = line
        self.column = column
        self.length = length
        self.message = message
        self.suggestion = suggestion
    }
}

/// One channel's text of a release with its live counter.
public struct RenditionPreview: Sendable, Equatable {
    public var slug: String
    public var channel: String
    public var text: String
    public var length: Int
    public var limit: Int?
    /// Why it cannot go out as it is (over the limit, too many links...); empty when it can.
    public var problems: [String]

    public init(slug: String, channel: String, text: String, length: Int, limit: Int?, problems: [String]) {
        self.slug = slug
        self.channel = channel
        self.text = text
        self.length = length
        self.limit = limit
        self.problems = problems
    }

    public var counter: String { limit.map { "\(length)/\($0)" } ?? "\(length)" }
}

/// Everything the release view shows about one release (its current revision).
public struct ReleaseDetail: Sendable, Equatable {
    public var id: ReleaseID
    public var incidentID: IncidentID
    public var incidentTitle: String
    public var title: String
    public var stage: ReleaseStage
    public var revision: Int
    public var text: String
    public var renditions: [RenditionPreview]
    public var findings: [FindingRow]
    public var legalReviewRequired: Bool
    public var legalClearedBy: String?
    public var approvedBy: String?
    public var spokesperson: String?
    /// SHA-256 of the text and every rendition: what an approval signs.
    public var contentHash: String
    /// The release's posts and their delivery state.
    public var posts: [PostRow]
    /// The template's default channels (slugs): pre-ticked when scheduling; empty: every channel.
    public var defaultChannels: [String] = []

    /// The renditions the schedule form ticks first: the template's default channels, else all.
    public var preTicked: Set<Int> {
        let ticked = renditions.indices.filter { defaultChannels.contains(renditions[$0].slug) }
        return ticked.isEmpty ? Set(renditions.indices) : Set(ticked)
    }

    public init(id: ReleaseID, incidentID: IncidentID, incidentTitle: String, title: String, stage: ReleaseStage, revision: Int, text: String,
                renditions: [RenditionPreview], findings: [FindingRow], legalReviewRequired: Bool, legalClearedBy: String?,
                approvedBy: String?, spokesperson: String?, contentHash: String, posts: [PostRow]) {
        self.id = id
        self.incidentID = incidentID
        self.incidentTitle = incidentTitle
        self.title = title
        self.stage = stage
        self.revision = revision
        self.text = text
        self.renditions = renditions
        self.findings = findings
        self.legalReviewRequired = legalReviewRequired
        self.legalClearedBy = legalClearedBy
        self.approvedBy = approvedBy
        self.spokesperson = spokesperson
        self.contentHash = contentHash
        self.posts = posts
    }

    public var blocking: [FindingRow] { findings.filter(\.blocking) }
    public var warnings: [FindingRow] { findings.filter { !$0.blocking } }
}

/// One post on the schedule view.
public struct ScheduleRow: Sendable, Equatable {
    public var postID: PostID
    public var releaseID: ReleaseID
    public var incidentID: IncidentID
    public var releaseTitle: String
    public var channel: String
    /// The delivery state itself: what views test.
    public var status: PostState
    /// "scheduled", "held", "failed", "missed: awaiting sign-off", "overdue: confirm to send", "delivering".
    public var state: String
    public var at: Date?
    /// When a failed post is tried again.
    public var retryAt: Date?
    public var lastError: String?

    public init(postID: PostID, releaseID: ReleaseID, incidentID: IncidentID, releaseTitle: String, channel: String, status: PostState,
                state: String, at: Date?, retryAt: Date?, lastError: String?) {
        self.status = status
        self.postID = postID
        self.releaseID = releaseID
        self.incidentID = incidentID
        self.releaseTitle = releaseTitle
        self.channel = channel
        self.state = state
        self.at = at
        self.retryAt = retryAt
        self.lastError = lastError
    }

    /// Failed, missed or overdue: shown in the error colour (`PostState.needsPerson`, as on every screen).
    public var isTrouble: Bool { status.needsPerson }
}

/// A pre-plan template offered in the draft picker.
public struct TemplateChoice: Sendable, Equatable {
    public var id: String
    public var name: String
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A change the dashboard asks the workspace to make (a Core operation, one transaction).
/// Ids are the dashboard's string ids; times are as typed.
public enum Operation: Sendable, Equatable {
    /// Demo only: act with another role's key.
    case actAs(String)
    case openIncident(title: String, kind: String, location: String, spokesperson: String?)
    case draftRelease(incidentID: IncidentID, templateID: String?, holding: Bool)
    case setFactStatus(factID: FactID, status: FactStatusValue, note: String)
    case clearFact(factID: FactID, note: String)
    case submitRelease(ReleaseID)
    case clearRelease(ReleaseID, note: String)
    /// Signs exactly the content with `contentHash` (refused if the release changed since it was shown).
    case approveRelease(ReleaseID, acknowledging: [String], contentHash: String)
    case scheduleRelease(ReleaseID, at: String, channels: [String])
    /// Moves every waiting post of the release to a new time.
    case rescheduleRelease(ReleaseID, at: String)
    case holdRelease(ReleaseID)
    case cancelRelease(ReleaseID)
    case releaseNow(ReleaseID)
    /// A person posted a hand-off by hand (or found a post to check on its platform); the address may be empty.
    case markPosted(postID: PostID, url: String)
    /// Sends a post to check, or one held for expired credentials, again at the scheduler's next pass.
    case resendPost(postID: PostID)
    /// Saves the file a person edited (`EditableRelease` format).
    case saveEditedRelease(ReleaseID, file: String)
    case addFact(incidentID: IncidentID, FactDraft)
    /// Corrects an unverified fact.
    case editFact(factID: FactID, FactDraft)
    /// Assigns or hands over the incident's one spokesperson (a roster handle).
    case assignSpokesperson(incidentID: IncidentID, handle: String)
    case editIncident(incidentID: IncidentID, IncidentDraft)
    case closeIncident(IncidentID)
    /// Starts a CORRECTION (or an UPDATE) of a released release: a new draft that points back to it.
    case followUp(releaseID: ReleaseID, correction: Bool)
    case addRumor(incidentID: IncidentID, text: String, seenAt: String)
    /// Links a rumor to the verified fact that answers it and drafts the answer.
    case answerRumor(rumorID: String, factID: FactID)
    case addNamedPerson(incidentID: IncidentID, name: String, category: String)
    /// Records that the next of kin of a named person were notified.
    case markNotified(namedID: String)
    case addContact(name: String, email: String, outlet: String)
    /// Switches the whole workspace between EXERCISE and LIVE (admin).
    case setMode(exercise: Bool)
    /// Adds a person to the roster (admin), in the agency of that code (nil: the admin's own); removing and
    /// changing roles are CLI-only for now.
    case addToRoster(handle: String, name: String, roles: [String], publicKey: String, agency: String? = nil)
}

/// What happened, for the flash line, and where to go next.
public struct OperationOutcome: Sendable, Equatable {
    public enum FollowUp: Sendable, Equatable {
        /// An incident was opened: show it and offer its templates.
        case pickTemplate(incidentID: IncidentID, choices: [TemplateChoice], preselected: Int)
        case openRelease(ReleaseID)
        /// A new incident and its holding statement, drafted at once: show the statement (Esc goes to the incident).
        case draftedHolding(incidentID: IncidentID, releaseID: ReleaseID)
        /// Show this incident (its Facts tab when `facts`).
        case openIncident(IncidentID, facts: Bool)
        /// Show a list (the roster, the media list) in a notice.
        case notice(title: String, lines: [String])
    }
    public var message: String
    public var followUp: FollowUp?

    public init(_ message: String, followUp: FollowUp? = nil) {
        self.message = message
        self.followUp = followUp
    }
}

/// Why a change was refused: one sentence for the flash line.
public struct OperationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The writes and the extra reads of the workflow. Sources that cannot write (tests' fakes, read-only) keep the defaults.
extension DashboardSource {
    public func incidentChoices(limit: Int) throws -> [BoardRow] { try boardRows(from: nil, direction: .forward, limit: limit) }
    public func releaseDetail(id: ReleaseID) throws -> ReleaseDetail? { nil }
    public func schedulerProblem() -> String? { nil }
    public func connectionProblem() -> String? { nil }
    public func unreadableRowCount() throws -> Int { 0 }
    /// Sources that cannot count matches say 0: the search still finds and wraps, without "N of M".
    public func boardMatchCount(containing text: String, before cursor: BoardCursor?) throws -> Int { 0 }
    public func scheduleRows(limit: Int) throws -> [ScheduleRow] { [] }
    public func templateChoices(incidentID: IncidentID) throws -> (choices: [TemplateChoice], preselected: Int) { ([], 0) }
    /// The release as the editor shows it (`EditableRelease.render`).
    public func editableText(releaseID: ReleaseID) throws -> String {
        throw OperationError("This dashboard is read-only.")
    }
    public func perform(_ operation: Operation) throws -> OperationOutcome {
        throw OperationError("This dashboard is read-only.")
    }
    public func formData(_ request: FormRequest) throws -> FormData {
        throw OperationError("This dashboard is read-only.")
    }
}
