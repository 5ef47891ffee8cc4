import Foundation

/// Parses the times people type for a release: `+15m`, `+2h`, `HH:MM` or `YYYY-MM-DD HH:MM` in the agency's
/// zone, or ISO 8601 with an offset. A bare `HH:MM` means the next time the clock shows it (already past
/// today means tomorrow).
///
/// Around daylight-saving changes (tested in SchedulerDaylightSavingTests):
/// - a wall time in the skipped hour moves forward by the gap: 02:30 on a spring-forward day is 03:30 daylight time;
/// - `YYYY-MM-DD HH:MM` in the repeated hour means the first one (daylight time); write ISO 8601 with the
///   offset (`2026-11-01T01:30-06:00`) for the second;
/// - a bare `HH:MM` typed after the first of two readings means the second, not tomorrow's;
/// - `+Nm`, `+Nh`, `+Nd` are exact durations: `+2h` is always 7,200 s, and `+1d` is 24 hours.
/// Results are whole milliseconds, as the database keeps them.
public enum ScheduleTime {
    public static func parse(_ input: String, now: Date, timeZone: TimeZone) throws -> Date {
        Timestamps.truncated(try parseExact(input, now: now, timeZone: timeZone))
    }

    static func parseExact(_ input: String, now: Date, timeZone: TimeZone) throws -> Date {
        let text = input.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("+") {
            let body = text.dropFirst()
            guard let unit = body.last, let amount = Int(body.dropLast()), amount >= 0, amount <= 100_000 else { throw invalid(input) }
            switch unit {
            case "m": return now.addingTimeInterval(Double(amount) * 60)
            case "h": return now.addingTimeInterval(Double(amount) * 3600)
            case "d": return now.addingTimeInterval(Double(amount) * 86400)
            default: throw invalid(input)
            }
        }
        if let date = iso8601WithOffset(text) { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = text.split(separator: " ")
        if parts.count == 1, let (hour, minute) = clock(String(parts[0])) {
            var components = calendar.dateComponents([.year, .month, .day], from: now)
            components.hour = hour
            components.minute = minute
            guard var date = calendar.date(from: components) else { throw invalid(input) }
            if date < now.addingTimeInterval(-60) {
                // The hour repeated when clocks go back: the second reading may still be ahead today.
                let second = date.addingTimeInterval(3600)
                let shown = calendar.dateComponents([.day, .hour, .minute], from: second)
                if shown.day == components.day, shown.hour == hour, shown.minute == minute, second >= now.addingTimeInterval(-60) {
                    return second
                }
                date = calendar.date(byAdding: .day, value: 1, to: date) ?? date
            }
            return date
        }
        if parts.count == 2, let (hour, minute) = clock(String(parts[1])) {
            let day = parts[0].split(separator: "-").compactMap { Int($0) }
            guard day.count == 3 else { throw invalid(input) }
            var components = DateComponents(year: day[0], month: day[1], day: day[2], hour: hour, minute: minute)
            components.timeZone = timeZone
            // Calendar rolls a month 13 or a February 30 over into another date: refuse those instead.
            guard let date = calendar.date(from: components),
                  case let shown = calendar.dateComponents([.year, .month, .day], from: date),
                  shown.year == day[0], shown.month == day[1], shown.day == day[2]
            else {
                throw invalid(input)
            }
            return date
        }
        throw invalid(input)
    }

    static func clock(_ text: String) -> (Int, Int)? {
        let pieces = text.split(separator: ":")
        guard pieces.count == 2, pieces[1].count == 2, let h = Int(pieces[0]), let m = Int(pieces[1]),
              (0...23).contains(h), (0...59).contains(m) else { return nil }
        return (h, m)
    }

    static func iso8601WithOffset(_ text: String) -> Date? {
        guard text.contains("T") else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func invalid(_ input: String) -> StoreError {
        StoreError.invalid("\"\(input)\" is not a time; use +15m, +2h, HH:MM or YYYY-MM-DD HH:MM (agency time), or ISO 8601 with an offset.")
    }
}
