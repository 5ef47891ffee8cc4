import Foundation

/// The dates a records request names: `YYYY-MM-DD` in the agency's zone (a whole day) or a full ISO 8601 time.
public enum RecordDate {
    /// The first moment of `text` (`from`): midnight of a day in `timeZone`, or the exact time given.
    public static func start(_ text: String, timeZone: TimeZone) throws -> Date {
        if let day = try day(text, timeZone: timeZone) { return day.start }
        return try exact(text, timeZone: timeZone)
    }

    /// The last moment of `text` (`to`): the last millisecond of a day in `timeZone`, or the exact time given.
    public static func end(_ text: String, timeZone: TimeZone) throws -> Date {
        if let day = try day(text, timeZone: timeZone) { return day.end }
        return try exact(text, timeZone: timeZone)
    }

    private static func day(_ text: String, timeZone: TimeZone) throws -> (start: Date, end: Date)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: Int(parts[0]), month: Int(parts[1]), day: Int(parts[2]))
        guard components.isValidDate(in: calendar), let start = calendar.date(from: components),
              let next = calendar.date(byAdding: .day, value: 1, to: start) else { throw SearchError.badDate(text) }
        return (Timestamps.truncated(start), Timestamps.truncated(next.addingTimeInterval(-0.001)))
    }

    private static func exact(_ text: String, timeZone: TimeZone) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return Timestamps.truncated(date) }
        }
        // A local time without a zone is read in the agency's zone.
        for pattern in ["yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = pattern
            formatter.isLenient = false
            if let date = formatter.date(from: trimmed) { return Timestamps.truncated(date) }
        }
        throw SearchError.badDate(text)
    }

    /// Parses the ISO 8601 UTC form `Timestamps.iso8601` writes ("2026-11-18T10:13:20.123Z"), to the millisecond.
    public static func parseTimestamp(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
              bytes[16] == 0x3A, bytes[19] == 0x2E, bytes[23] == 0x5A else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (0x30...0x39).contains(bytes[i]) else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23) else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = Int64(timegm(&parts))
        return Timestamps.date(milliseconds: seconds * 1000 + Int64(millis))
    }
}
