import Foundation

/// Someone named in an incident (a victim, the deceased, an officer, a juvenile) whose name
/// a release may only carry when its hold allows: next of kin told, the officer-name hold over.
public struct NamedPerson: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var incidentID: Int64
    public var name: String
    public var category: NamedPersonCategory
    public var nextOfKinNotified: Bool
    public var notifiedAt: Date?
    public var recordedBy: Int64
    public var recordedAt: Date

    public init(id: Int64 = 0, incidentID: Int64, name: String, category: NamedPersonCategory, nextOfKinNotified: Bool = false,
                notifiedAt: Date? = nil, recordedBy: Int64, recordedAt: Date) {
        self.id = id
        self.incidentID = incidentID
        self.name = name
        self.category = category
        self.nextOfKinNotified = nextOfKinNotified
        self.notifiedAt = notifiedAt
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}

public enum NamedPersonCategory: String, Codable, Sendable, CaseIterable {
    case victim
    case deceased
    case officer
    case juvenile
    case suspect
    case other

    /// Victims and the deceased are held until their next of kin are notified.
    public var needsNextOfKin: Bool { self == .victim || self == .deceased }
}
