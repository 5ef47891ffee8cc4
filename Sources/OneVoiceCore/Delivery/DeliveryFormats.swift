import Foundation

/// Escaping and time formats shared by the XML and e-mail writers.
enum XMLText {
    /// Text safe inside an element or a double-quoted attribute. Characters XML 1.0 forbids
    /// (most C0 controls, lone surrogates cannot occur in Swift strings, U+FFFE/U+FFFF) are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

enum DeliveryTime {
    /// CAP 1.2 `YYYY-MM-DDThh:mm:ss+hh:mm` in `zone`: no fractions, never "Z"; UTC is "-00:00".
    static func cap(_ date: Date, in zone: TimeZone) -> String {
        let seconds = Int(floor(date.timeIntervalSince1970))
        let whole = Date(timeIntervalSince1970: TimeInterval(seconds))
        let offset = zone.secondsFromGMT(for: whole)
        let parts = civil(seconds + offset)
        let sign = offset < 0 || offset == 0 ? "-" : "+"
        let abs = Swift.abs(offset)
        return "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day))T\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))"
            + "\(sign)\(pad(abs / 3600)):\(pad(abs % 3600 / 60))"
    }

    /// RFC 3339 in UTC, whole seconds ("2026-11-22T14:05:09Z"): Atom dates and iCalendar's base.
    static func rfc3339UTC(_ date: Date) -> String {
        let p = civil(Int(floor(date.timeIntervalSince1970)))
        return "\(pad(p.year, 4))-\(pad(p.month))-\(pad(p.day))T\(pad(p.hour)):\(pad(p.minute)):\(pad(p.second))Z"
    }

    /// iCalendar UTC date-time ("20261122T140509Z").
    static func iCalendarUTC(_ date: Date) -> String {
        let p = civil(Int(floor(date.timeIntervalSince1970)))
        return "\(pad(p.year, 4))\(pad(p.month))\(pad(p.day))T\(pad(p.hour))\(pad(p.minute))\(pad(p.second))Z"
    }

    /// RFC 5322 `Date:` ("Sun, 22 Nov 2026 08:05:09 -0600") in `zone`; English names whatever the locale.
    static func rfc5322(_ date: Date, in zone: TimeZone) -> String {
        let seconds = Int(floor(date.timeIntervalSince1970))
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let local = seconds + offset
        let p = civil(local)
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"] // 1970-01-01 was a Thursday
        let dayIndex = ((local >= 0 ? local / 86400 : (local - 86399) / 86400) % 7 + 7) % 7
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let sign = offset < 0 ? "-" : "+"
        let abs = Swift.abs(offset)
        return "\(days[dayIndex]), \(pad(p.day)) \(months[p.month - 1]) \(pad(p.year, 4)) \(pad(p.hour)):\(pad(p.minute)):\(pad(p.second)) "
            + "\(sign)\(pad(abs / 3600))\(pad(abs % 3600 / 60))"
    }

    static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Proleptic Gregorian date and time of a count of seconds since 1970 (Howard Hinnant's algorithm),
    /// so the formats never depend on the process's locale, calendar or TZ.
    static func civil(_ seconds: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rest = seconds - days * 86400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
    }
}
