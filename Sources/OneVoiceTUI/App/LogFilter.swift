import Foundation

/// Which records the records log shows, searches and exports: one incident and/or a date range, as a
/// public-records request names them (the same scope `onevoice archive export` takes).
public struct LogFilter: Equatable, Sendable {
    public var incidentID: IncidentID?
    /// The first moment in range (the start of a day typed as YYYY-MM-DD).
    public var from: Date?
    /// The last moment in range (the end of a day typed as YYYY-MM-DD).
    public var to: Date?
    /// The dates as typed, to show in the header and to fill the dialog again.
    public var fromText: String
    public var toText: String

    public init(incidentID: IncidentID? = nil, from: Date? = nil, to: Date? = nil, fromText: String = "", toText: String = "") {
        self.incidentID = incidentID
        self.from = from
        self.to = to
        self.fromText = fromText
        self.toText = toText
    }

    /// One incident's whole log (the incident view's Log tab and search).
    public static func incident(_ id: IncidentID) -> LogFilter { LogFilter(incidentID: id) }

    public var isEmpty: Bool { incidentID == nil && from == nil && to == nil }

    /// "incident 5, from 2026-11-01 to 2026-11-18", or "every record".
    public var summary: String {
        var parts: [String] = []
        if let incidentID { parts.append("incident \(incidentID)") }
        let dates = [from.map { _ in "from \(fromText)" }, to.map { _ in "to \(toText)" }].compactMap { $0 }
        if !dates.isEmpty { parts.append(dates.joined(separator: " ")) }
        return parts.isEmpty ? "every record" : parts.joined(separator: ", ")
    }
}
