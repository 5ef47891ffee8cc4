import Foundation
import OneVoiceCore

/// Times as the dashboard shows them: in the agency's zone, with the zone's abbreviation.
public struct TimeText: Sendable, Equatable {
    public let zone: TimeZone
    private let calendar: Calendar
    /// Core's one formatter of agency-zone times (the CLI, exports and this dashboard all say times its way).
    private let local: LocalTime

    public init(zoneIdentifier: String?) {
        let zone = zoneIdentifier.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        self.local = LocalTime(timeZone: zone)
    }

    public static func == (a: TimeText, b: TimeText) -> Bool { a.zone.identifier == b.zone.identifier }

    /// The zone's abbreviation at `date` ("CST", "CDT").
    public func abbreviation(_ date: Date) -> String { local.abbreviation(date) }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// "14:05".
    public func clock(_ date: Date) -> String { local.format(date, "HH:mm") }

    /// "14:05 CST".
    public func clockWithZone(_ date: Date) -> String { local.time(date) }

    /// "11-22 14:05" (month-day and time).
    public func dayAndClock(_ date: Date) -> String { local.format(date, "MM-dd HH:mm") }

    /// "2026-11-22 14:05".
    public func full(_ date: Date) -> String { local.format(date, "yyyy-MM-dd HH:mm") }

    /// A time of day if it is today, else month-day: "14:05" or "11-23".
    public func short(_ date: Date, now: Date) -> String {
        if calendar.isDate(date, inSameDayAs: now) { return clock(date) }
        let c = calendar.dateComponents([.month, .day], from: date)
        return "\(Self.two(c.month ?? 0))-\(Self.two(c.day ?? 0))"
    }

    /// An elapsed time: "<1m", "45m", "3h12m", "2d4h", "34d".
    public static func age(from start: Date, to now: Date) -> String {
        let minutes = max(0, Int(now.timeIntervalSince(start) / 60))
        if minutes < 1 { return "<1m" }
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 24 { return "\(hours)h\(two(minutes % 60))m" }
        let days = hours / 24
        if days < 10 { return "\(days)d\(hours % 24)h" }
        return "\(days)d"
    }

    /// A countdown: "in 25m", "in 2h05m", "due now", "3m late".
    public static func countdown(to target: Date, now: Date) -> String {
        let seconds = target.timeIntervalSince(now)
        if seconds > -60, seconds < 60 { return "due now" }
        if seconds < 0 { return "\(age(from: target, to: now)) late" }
        return "in \(age(from: now, to: target))"
    }
}
