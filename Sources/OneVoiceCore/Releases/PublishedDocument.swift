import Foundation

/// Everything of a release that is published, as one value: what the spokesperson's approval (and legal's
/// clearance) signs. The revision's text and every channel's rendition (so the channels too), the headline
/// (the release's title: e-mail subject, CAP headline, Atom title), the incident's title, its location (CAP
/// areaDesc) and kind (CAP event), the release's kind (an update or correction is a CAP Update) and whether it
/// is an exercise, the revision's CAP fields, and the agencies it speaks for. A change to any of these after the approval, through OneVoice or around it, leaves a
/// document nobody signed: the scheduler does not send it, and `archive verify` names it.
public struct PublishedDocument: Codable, Sendable, Hashable {
    public var revisionHash: String
    public var headline: String
    public var releaseKind: String
    public var incidentTitle: String
    public var area: String
    public var event: String
    public var channels: [String]
    public var isExercise: Bool
    /// The CAP fields chosen for this revision (urgency, severity, certainty, message type, expiry).
    public var cap: CAPFields?
    /// The agencies the release goes out for, by id, its incident's own first: nil for the host agency alone
    /// (so documents signed before agencies were kept hash as they did), else every agency taking part.
    public var agencies: [Int64]?

    public init(release: Release, revision: ReleaseRevision, incident: Incident) {
        revisionHash = revision.contentHash
        headline = release.title
        releaseKind = release.kind.rawValue
        incidentTitle = incident.title
        area = incident.location
        event = incident.kind.rawValue
        channels = revision.renditions.keys.sorted()
        isExercise = incident.isExercise
        cap = revision.cap
        agencies = incident.participatingAgencies == [AgencyID.host] ? nil : incident.participatingAgencies
    }

    /// SHA-256 of the canonical JSON: the content hash a sign-off carries.
    public var hash: String { Hashing.sha256Hex(CanonicalJSON.data(self)) }
}

extension Attestation {
    /// Whether this statement signs exactly what would be published now. Statements made before sign-off
    /// covered the whole document (databases upgraded from then) signed the revision's content alone.
    public func signs(_ release: Release, _ revision: ReleaseRevision, _ incident: Incident) -> Bool {
        signs(documentHash: PublishedDocument(release: release, revision: revision, incident: incident).hash, revision: revision)
    }

    /// `signs` given the document's hash, for callers that keep it across many statements.
    func signs(documentHash: String, revision: ReleaseRevision) -> Bool {
        contentHash == documentHash || contentHash == revision.contentHash
    }
}
