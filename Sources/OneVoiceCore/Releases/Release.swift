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

extension Release {
    /// The title as the public reads it (CAP headline, feed title, e-mail subject), before the
    /// delivery formats add their own markers: see `publicHeadline(_:)`.
    public var headline: String { Release.publicHeadline(title) }

    /// Labels that are for the office, not the public, or that the delivery formats add themselves.
    static let internalLabels = ["holding statement", "release", "update", "correction", "exercise", "[exercise]", "draft"]

    /// `title` without leading internal labels or markers ("Holding statement:", "UPDATE:",
    /// "CORRECTION:", "EXERCISE:"), however often they were repeated; never empty when the title is not.
    public static func publicHeadline(_ title: String) -> String {
        var rest = Substring(title.trimmingCharacters(in: .whitespacesAndNewlines))
        var stripped = true
        while stripped {
            stripped = false
            for label in internalLabels {
                guard rest.count > label.count, rest.lowercased().hasPrefix(label) else { continue }
                var after = rest.dropFirst(label.count)
                if after.hasPrefix("[") || label.hasSuffix("]") {
                    // "[EXERCISE] text"
                } else {
                    guard after.first == ":" || after.first == "-" || after.first == "–" else { continue }
                    after = after.dropFirst()
                }
                let trimmed = after.drop { $0.isWhitespace }
                guard !trimmed.isEmpty else { continue }
                rest = trimmed
                stripped = true
            }
        }
        return String(rest)
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
    /// The CAP fields chosen for this revision (nil on revisions saved before they existed: the
    /// defaults then apply). Columns of the `v7-checks-cap-fields` migration.
    public var capUrgency: String?
    public var capSeverity: String?
    public var capCertainty: String?
    public var capMsgType: String?
    public var capExpiresAt: Date?

    public init(id: Int64 = 0, releaseID: Int64, number: Int, text: String, renditions: [String: String], authorID: Int64, createdAt: Date,
                cap: CAPFields? = nil) {
        self.id = id
        self.releaseID = releaseID
        self.number = number
        self.text = text
        self.renditions = renditions
        self.authorID = authorID
        self.createdAt = createdAt
        self.contentHash = ReleaseRevision.hash(text: text, renditions: renditions)
        self.cap = cap
    }

    /// The CAP fields of this revision, when they were chosen.
    public var cap: CAPFields? {
        get {
            guard let capUrgency, let capSeverity, let capCertainty, let capMsgType else { return nil }
            return CAPFields(urgency: capUrgency, severity: capSeverity, certainty: capCertainty, msgType: capMsgType, expires: capExpiresAt)
        }
        set {
            capUrgency = newValue?.urgency
            capSeverity = newValue?.severity
            capCertainty = newValue?.certainty
            capMsgType = newValue?.msgType
            capExpiresAt = newValue?.expires
        }
    }

    /// The canonical content (text and every rendition) hashed for sign-off.
    public static func hash(text: String, renditions: [String: String]) -> String {
        struct Content: Encodable { let renditions: [String: String]; let text: String }
        return Hashing.sha256Hex(CanonicalJSON.string(Content(renditions: renditions, text: text)))
    }
}
