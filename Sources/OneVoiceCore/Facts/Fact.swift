import Foundation

/// One checkable statement about an incident, with who said it and where it stands.
public struct Fact: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var incidentID: Int64
    /// A slug templates refer to as `{{fact:KEY}}` (e.g. "injured"); optional.
    public var key: String?
    public var text: String
    public var source: String
    public var sourceKind: SourceKind
    public var status: FactStatus
    public var recordedBy: Int64
    public var recordedAt: Date
    /// Who last changed the status, and when (the attestation holds the signature).
    public var statusBy: Int64?
    public var statusAt: Date?
    public var clearedForRelease: Bool

    public init(id: Int64 = 0, incidentID: Int64, key: String?, text: String, source: String, sourceKind: SourceKind,
                status: FactStatus = .unverified, recordedBy: Int64, recordedAt: Date,
                statusBy: Int64? = nil, statusAt: Date? = nil, clearedForRelease: Bool = false) {
        self.id = id
        self.incidentID = incidentID
        self.key = key
        self.text = text
        self.source = source
        self.sourceKind = sourceKind
        self.status = status
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.statusBy = statusBy
        self.statusAt = statusAt
        self.clearedForRelease = clearedForRelease
    }

    /// Keys are what templates type: lower-case letters, digits and `-`/`_`.
    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.count <= 40 && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}

public enum FactStatus: String, Codable, Sendable, CaseIterable {
    case unverified
    case verified
    case disputed
    case retracted
}

public enum SourceKind: String, Codable, Sendable, CaseIterable {
    case officialRecord = "official-record"
    case incidentCommander = "incident-commander"
    case onSceneOfficer = "on-scene-officer"
    case hospital
    case witness
    case socialMedia = "social-media"
    case other
}
