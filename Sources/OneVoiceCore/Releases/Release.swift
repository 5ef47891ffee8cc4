import Foundation

/// A press release for an incident. Its text lives in revisions; the release itself carries the lifecycle.
public struct Release: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var incidentID: Int64
    public var kind: ReleaseKind
    /// The release this one updates or corrects.
    public var parentID: Int64?
    public var templateID: String?
    public var isHolding: Bool
    public var status: ReleaseStatus
    public var title: String
    public var currentRevision: Int
    public var createdBy: Int64
    public var createdAt: Date

    public init(id: Int64 = 0, incidentID: Int64, kind: ReleaseKind = .original, parentID: Int64? = nil, templateID: String?,
                isHolding: Bool, status: ReleaseStatus = .draft, title: String, currentRevision: Int = 1, createdBy: Int64, createdAt: Date) {
        self.id = id
        self.incidentID = incidentID
        self.kind = kind
        self.parentID = parentID
        self.templateID = templateID
        self.isHolding = isHolding
        self.status = status
        self.title = title
        self.currentRevision = currentRevision
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

public enum ReleaseKind: String, Codable, Sendable, CaseIterable {
    case original
    case update
    case correction

    /// The marker a linked release carries in its text ("UPDATE", "CORRECTION").
    public var marker: String? {
        switch self {
        case .original: nil
        case .update: "UPDATE"
        case .correction: "CORRECTION"
        }
    }
}

/// draft → in review → approved (content locked) → scheduled → released.
public enum ReleaseStatus: String, Codable, Sendable, CaseIterable {
    case draft
    case inReview = "in_review"
    case approved
    case scheduled
    case released

    public var label: String {
        switch self {
        case .draft: "draft"
        case .inReview: "in review"
        case .approved: "approved"
        case .scheduled: "scheduled"
        case .released: "released"
        }
    }
}

/// One saved version of a release's text and its per-channel renditions. Never changed once written.
public struct ReleaseRevision: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var releaseID: Int64
    public var number: Int
    public var text: String
    /// Channel slug → the text that goes out on that channel.
    public var renditions: [String: String]
    public var authorID: Int64
    public var createdAt: Date
    /// SHA-256 (hex) of the canonical content: what an approval signs.
    public var contentHash: String

    public init(id: Int64 = 0, releaseID: Int64, number: Int, text: String, renditions: [String: String], authorID: Int64, createdAt: Date) {
        self.id = id
        self.releaseID = releaseID
        self.number = number
        self.text = text
        self.renditions = renditions
        self.authorID = authorID
        self.createdAt = createdAt
        self.contentHash = ReleaseRevision.hash(text: text, renditions: renditions)
    }

    /// The canonical content (text and every rendition) hashed for sign-off.
    public static func hash(text: String, renditions: [String: String]) -> String {
        struct Content: Encodable { let renditions: [String: String]; let text: String }
        return Hashing.sha256Hex(CanonicalJSON.string(Content(renditions: renditions, text: text)))
    }
}
