import Foundation
import Synchronization

/// Times as people read them: in the agency's zone, with the zone's abbreviation.
public struct LocalTime: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// "2026-11-22 14:05 CST" (one pattern, one pass through ICU: lists print a thousand of these)
    public func dateTime(_ date: Date) -> String { format(date, "yyyy-MM-dd HH:mm zzz") }

    /// "14:05 CST"
    public func time(_ date: Date) -> String { format(date, "HH:mm zzz") }

    /// "14:05:09"
    public func clock(_ date: Date) -> String { format(date, "HH:mm:ss") }

    /// The zone's abbreviation at that moment (CST in winter, CDT in summer).
    public func abbreviation(_ date: Date) -> String {
        // ICU's "zzz" knows the common names (CST, CDT, EST…), where TimeZone.abbreviation says "GMT-6" on Linux.
        format(date, "zzz")
    }

    public func format(_ date: Date, _ pattern: String) -> String {
        // Making a DateFormatter costs far more than using one (ICU builds its pattern tables), and exports
        // and screens format thousands of times: keep one per zone and pattern, used under a lock.
        let key = timeZone.identifier + "\u{1F}" + pattern
        return Self.formatters.withLock { formatters in
            if let formatter = formatters[key] { return formatter.string(from: date) }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = pattern
            formatters[key] = formatter
            return formatter.string(from: date)
        }
    }

    private static let formatters = Mutex<[String: DateFormatter]>([:])

    /// "3h 12m", "2d 4h", "45s": how long ago or until, for boards and countdowns.
    public static func span(_ seconds: TimeInterval) -> String {
        let s = Int(abs(seconds))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h \(s % 3600 / 60)m" }
        return "\(s / 86400)d \(s % 86400 / 3600)h"
    }
}
