import Foundation

/// The workspace: one agency per database.
public struct Agency: Codable, Sendable, Hashable {
    public var name: String
    /// An IANA zone identifier such as "America/Chicago"; every time is shown in it.
    public var timeZoneIdentifier: String
    public var mode: WorkspaceMode
    public var createdAt: Date

    public init(name: String, timeZoneIdentifier: String, mode: WorkspaceMode, createdAt: Date) {
        self.name = name
        self.timeZoneIdentifier = timeZoneIdentifier
        self.mode = mode
        self.createdAt = createdAt
    }

    public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier) ?? .gmt }
}

/// EXERCISE or LIVE: the difference must be impossible to miss everywhere.
public enum WorkspaceMode: String, Codable, Sendable, CaseIterable {
    case exercise
    case live

    public var badge: String { self == .exercise ? "EXERCISE" : "LIVE" }
}
