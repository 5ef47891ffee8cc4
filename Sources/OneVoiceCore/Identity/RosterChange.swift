import Foundation

/// What `roster.remove` records: who was taken off the roster, when and why.
public struct RosterRemoval: Codable, Sendable, Equatable {
    public var personID: Int64
    public var handle: String
    public var reason: String
    public var removedAt: Date
}

/// What `roster.roles` records: a person's roles before and after.
public struct RosterRoleChange: Codable, Sendable, Equatable {
    public var personID: Int64
    public var handle: String
    public var from: [Role]
    public var to: [Role]
    public var changedAt: Date
}
