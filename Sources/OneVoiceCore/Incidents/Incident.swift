import Foundation

/// What happened: the unit every fact, release and post belongs to.
public struct Incident: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var kind: IncidentKind
    public var title: String
    /// General location only (a block or an area), never a private address.
    public var location: String
    public var status: IncidentStatus
    public var severity: Int
    public var spokespersonID: Int64?
    public var isExercise: Bool
    public var openedAt: Date
    public var closedAt: Date?
    public var openedBy: Int64
    /// The agency whose incident this is (`AgencyID.host` for incidents from before agencies were kept).
    public var agencyID: Int64
    /// The other agencies taking part when it is a joint incident, by id, ascending; empty otherwise.
    public var jointAgencies: [Int64]

    public init(id: Int64 = 0, kind: IncidentKind, title: String, location: String, status: IncidentStatus = .active,
                severity: Int = 2, spokespersonID: Int64? = nil, isExercise: Bool, openedAt: Date, closedAt: Date? = nil, openedBy: Int64,
                agencyID: Int64 = AgencyID.host, jointAgencies: [Int64] = []) {
        self.id = id
        self.kind = kind
        self.title = title
        self.location = location
        self.status = status
        self.severity = severity
        self.spokespersonID = spokespersonID
        self.isExercise = isExercise
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.openedBy = openedBy
        self.agencyID = agencyID
        self.jointAgencies = Array(Set(jointAgencies).subtracting([agencyID])).sorted()
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int64.self, forKey: .id), kind: try c.decode(IncidentKind.self, forKey: .kind),
                  title: try c.decode(String.self, forKey: .title), location: try c.decode(String.self, forKey: .location),
                  status: try c.decode(IncidentStatus.self, forKey: .status), severity: try c.decode(Int.self, forKey: .severity),
                  spokespersonID: try c.decodeIfPresent(Int64.self, forKey: .spokespersonID),
                  isExercise: try c.decode(Bool.self, forKey: .isExercise), openedAt: try c.decode(Date.self, forKey: .openedAt),
                  closedAt: try c.decodeIfPresent(Date.self, forKey: .closedAt), openedBy: try c.decode(Int64.self, forKey: .openedBy),
                  agencyID: try c.decodeIfPresent(Int64.self, forKey: .agencyID) ?? AgencyID.host,
                  jointAgencies: try c.decodeIfPresent([Int64].self, forKey: .jointAgencies) ?? [])
    }

    public var isActive: Bool { status != .closed }

    /// Every agency taking part: the owner first, then the joint ones.
    public var participatingAgencies: [Int64] { [agencyID] + jointAgencies }

    public var isJoint: Bool { !jointAgencies.isEmpty }

    /// Whether a person of `agencyID` may act on this incident: their agency owns it or takes part in it.
    public func admits(agency agencyID: Int64) -> Bool { self.agencyID == agencyID || jointAgencies.contains(agencyID) }
}

public enum IncidentStatus: String, Codable, Sendable, CaseIterable {
    case active
    case monitoring
    case closed
}
