import Foundation

/// The tombstone of a record disposed of at the end of its retention period: what, why, when and who.
/// The record's own row and its records-log entries stay; it leaves search and later exports.
public struct Disposal: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var subjectType: String
    public var subjectID: Int64
    public var incidentID: Int64?
    public var reason: String
    public var disposedAt: Date
    public var disposedBy: Int64
    /// The admin's signed statement (verdict "disposed") over the record's content hash.
    public var attestationID: Int64

    public init(id: Int64 = 0, subjectType: String, subjectID: Int64, incidentID: Int64?, reason: String, disposedAt: Date,
                disposedBy: Int64, attestationID: Int64) {
        self.id = id
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.incidentID = incidentID
        self.reason = reason
        self.disposedAt = disposedAt
        self.disposedBy = disposedBy
        self.attestationID = attestationID
    }
}

/// A record whose retention period has passed.
public struct RetentionItem: Codable, Sendable, Hashable {
    public var kind: RecordKind
    public var id: Int64
    public var incidentID: Int64?
    public var summary: String
    /// When its retention clock started (the later of its last change and its incident's closing).
    public var retainedSince: Date
    /// When its period ran out.
    public var disposableFrom: Date
    public var period: String

    public init(kind: RecordKind, id: Int64, incidentID: Int64?, summary: String, retainedSince: Date, disposableFrom: Date,
                period: String = "") {
        self.kind = kind
        self.id = id
        self.incidentID = incidentID
        self.summary = summary
        self.retainedSince = retainedSince
        self.disposableFrom = disposableFrom
        self.period = period
    }
}
