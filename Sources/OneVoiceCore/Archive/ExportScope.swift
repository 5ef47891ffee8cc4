import Foundation

/// What a records request asks for: one incident, a date range, or both (an empty scope is everything).
///
/// Entries of the records log that belong to no incident (roster changes, the exercise/live switch,
/// agency set-up) are agency-wide: an export for one incident leaves them out, because they are not
/// about that incident; an export by dates alone includes those made in its dates.
public struct ExportScope: Sendable, Codable, Hashable {
    public var incidentID: Int64?
    public var from: Date?
    public var to: Date?

    public init(incidentID: Int64? = nil, from: Date? = nil, to: Date? = nil) {
        self.incidentID = incidentID
        self.from = from
        self.to = to
    }

    /// Far enough back and ahead to hold every record, as bounds SQL can compare.
    static let earliest = Date(timeIntervalSince1970: 0)
    static let latest = Date(timeIntervalSince1970: 253_402_300_799) // 9999-12-31T23:59:59Z

    public var lowerBound: Date { from ?? Self.earliest }
    public var upperBound: Date { to ?? Self.latest }

    public func contains(_ date: Date) -> Bool { date >= lowerBound && date <= upperBound }

    /// How the scope reads in a manifest and on screen.
    public var summary: String {
        var parts: [String] = []
        if let incidentID { parts.append("incident #\(incidentID)") }
        if let from { parts.append("from \(Timestamps.iso8601(from))") }
        if let to { parts.append("to \(Timestamps.iso8601(to))") }
        return parts.isEmpty ? "every record" : parts.joined(separator: ", ")
    }
}
