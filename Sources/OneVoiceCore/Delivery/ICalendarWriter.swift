import Foundation

/// One scheduled post or release on the PIO's calendar.
public struct ScheduleEvent: Sendable, Hashable, Codable {
    /// Stable across exports ("post-42@riverton.gov"), so a calendar app updates rather than duplicates.
    public var uid: String
    /// When it goes out (written in UTC).
    public var start: Date
    public var summary: String
    public var description: String
    /// When this record of the event was made or last changed (DTSTAMP).
    public var stamp: Date
    public var isExercise: Bool
    /// How many times the event changed since it was first put on the calendar (RFC 5545 SEQUENCE):
    /// a calendar app takes a reschedule only when this grows.
    public var sequence: Int
    /// When the event last changed (LAST-MODIFIED), if known.
    public var lastModified: Date?

    public init(uid: String, start: Date, summary: String, description: String, stamp: Date, isExercise: Bool = false,
                sequence: Int = 0, lastModified: Date? = nil) {
        self.sequence = max(0, sequence)
        self.lastModified = lastModified
        self.uid = uid
        self.start = start
        self.summary = summary
        self.description = description
        self.stamp = stamp
        self.isExercise = isExercise
    }

    /// "post-42@riverton.gov" for a post, "release-7@riverton.gov" for a release.
    public static func uid(kind: String, id: Int64, domain: String) -> String { "\(kind)-\(id)@\(domain)" }
}

/// Part 7: the schedule as an RFC 5545 iCalendar (`.ics`), a pure function of the events.
///
/// CRLF line endings; content lines folded at 75 octets (a continuation line starts with one
/// space, which counts) and never inside a UTF-8 sequence; TEXT values escape `\`, `;`, `,` and
/// line breaks. Times are UTC (`…Z`), so no VTIMEZONE is needed and no calendar shifts them.
public struct ICalendarWriter: Sendable {
    public var productID: String

    public init(productID: String = "-//OneVoice//OneVoice \(OneVoiceVersion.string)//EN") {
        self.productID = productID
    }

    public static let octetLimit = 75

    public func write(events: [ScheduleEvent]) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(Self.escape(productID))", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        for event in events.sorted(by: { ($0.start, $0.uid) < ($1.start, $1.uid) }) {
            let summary = event.isExercise && !event.summary.hasPrefix("[EXERCISE]") ? "[EXERCISE] \(event.summary)" : event.summary
            lines += [
                "BEGIN:VEVENT",
                "UID:\(Self.escape(event.uid))",
                "DTSTAMP:\(DeliveryTime.iCalendarUTC(event.stamp))",
                "DTSTART:\(DeliveryTime.iCalendarUTC(event.start))",
                "SEQUENCE:\(event.sequence)",
            ]
            if let modified = event.lastModified { lines.append("LAST-MODIFIED:\(DeliveryTime.iCalendarUTC(modified))") }
            lines += [
                "SUMMARY:\(Self.escape(summary))",
                "DESCRIPTION:\(Self.escape(event.description))",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined()
    }

    /// TEXT escaping (RFC 5545 §3.3.11): `\` `;` `,` escaped, any line break written `\n`; other
    /// control characters (forbidden in content lines) dropped, tab kept.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in DeliveryText.unixLines(text).unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One content line folded to at most 75 octets per physical line, ending in CRLF. A break never
    /// falls inside a character's UTF-8 bytes (and, where it can, not inside a grapheme cluster).
    public static func fold(_ line: String) -> String {
        var out = ""
        var used = 0
        for character in line {
            let size = character.utf8.count
            if used + size > octetLimit {
                if size <= octetLimit - 1 {
                    out += "\r\n "
                    used = 1
                } else {
                    // A cluster longer than a whole line: break between its scalars instead.
                    for scalar in character.unicodeScalars {
                        let n = String(scalar).utf8.count
                        if used + n > octetLimit { out += "\r\n "; used = 1 }
                        out.unicodeScalars.append(scalar)
                        used += n
                    }
                    continue
                }
            }
            out.append(character)
            used += size
        }
        return out + "\r\n"
    }
}
