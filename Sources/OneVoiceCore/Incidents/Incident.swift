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

    public init(id: Int64 = 0, kind: IncidentKind, title: String, location: String, status: IncidentStatus = .active,
                severity: Int = 2, spokespersonID: Int64? = nil, isExercise: Bool, openedAt: Date, closedAt: Date? = nil, openedBy: Int64) {
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
    }

    public var isActive: Bool { status != .closed }
}

public enum IncidentStatus: String, Codable, Sendable, CaseIterable {
    case active
    case monitoring
    case closed
}
