import Foundation

/// The one JSON form that hashes and signatures are computed over: keys sorted,
/// no insignificant whitespace, slashes unescaped, times as UTC ISO 8601 with milliseconds.
public enum CanonicalJSON {
    public static func data(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamps.iso8601(date))
        }
        // Encoding our own value types cannot fail; a failure here is a programming error.
        return try! encoder.encode(value)
    }

    public static func string(_ value: some Encodable) -> String {
        String(decoding: data(value), as: UTF8.self)
    }

    /// Pretty, still sorted: for people reading `--json` output and exports.
    public static func pretty(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamps.iso8601(date))
        }
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }
}

/// Time conversions used in records: whole milliseconds, UTC.
public enum Timestamps {
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Drops sub-millisecond precision so a time survives a trip through the database unchanged.
    public static func truncated(_ date: Date) -> Date { Self.date(milliseconds: milliseconds(date)) }

    public static func iso8601(_ date: Date) -> String {
        let ms = milliseconds(date)
        var seconds = ms / 1000
        var millis = ms % 1000
        if millis < 0 { millis += 1000; seconds -= 1 }
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(millis))
    }
}
