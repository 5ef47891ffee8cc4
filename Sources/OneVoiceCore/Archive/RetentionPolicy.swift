import Foundation
import TOMLKit

/// The kinds of record a retention schedule names.
public enum RecordKind: String, Codable, Sendable, CaseIterable {
    case release
    case post
    case fact
    case rumor
    case namedPerson = "named-person"
    case incident
    case attestation
    case log

    /// Kinds an admin may dispose of once their period has passed; the others are kept for good.
    public var isDisposable: Bool {
        switch self {
        case .release, .post, .fact, .rumor, .namedPerson: true
        case .incident, .attestation, .log: false
        }
    }
}

/// How long one kind of record is kept after its retention clock starts.
public enum RetentionPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
    case permanent
    case years(Int)
    case months(Int)
    case days(Int)

    /// "5y", "36m", "90d", "permanent" (as the config file writes them).
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "permanent" || trimmed == "forever" { self = .permanent; return }
        guard let unit = trimmed.last, let number = Int(trimmed.dropLast()), number > 0 else { return nil }
        switch unit {
        case "y": self = .years(number)
        case "m": self = .months(number)
        case "d": self = .days(number)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .permanent: "permanent"
        case .years(let n): "\(n)y"
        case .months(let n): "\(n)m"
        case .days(let n): "\(n)d"
        }
    }

    /// The moment before which a clock must have started for the period to have passed by `now`.
    public func cutoff(before now: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        switch self {
        case .permanent: return nil
        case .years(let n): return calendar.date(byAdding: .year, value: -n, to: now)
        case .months(let n): return calendar.date(byAdding: .month, value: -n, to: now)
        case .days(let n): return calendar.date(byAdding: .day, value: -n, to: now)
        }
    }

    /// When a clock that started at `start` runs out.
    public func end(after start: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        switch self {
        case .permanent: return nil
        case .years(let n): return calendar.date(byAdding: .year, value: n, to: start)
        case .months(let n): return calendar.date(byAdding: .month, value: n, to: start)
        case .days(let n): return calendar.date(byAdding: .day, value: n, to: start)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = RetentionPeriod(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a retention period: \(text)"))
        }
        self = period
    }
}

/// The retention schedule: one period per kind of record. Data, not code: `[retention]` in config.toml overrides it.
///
/// A record's clock starts at the later of its last change and its incident's closing, so nothing of an
/// open incident is ever due. The records log and attestations are permanent and cannot be made otherwise.
public struct RetentionPolicy: Sendable, Hashable, Codable {
    public var periods: [RecordKind: RetentionPeriod]

    public static let defaults: [RecordKind: RetentionPeriod] = [
        .release: .years(5), .post: .years(3), .fact: .years(5), .rumor: .years(3), .namedPerson: .years(5),
        .incident: .permanent, .attestation: .permanent, .log: .permanent,
    ]

    public init(periods: [RecordKind: RetentionPeriod] = RetentionPolicy.defaults) {
        self.periods = RetentionPolicy.defaults.merging(periods) { _, new in new }
    }

    public func period(for kind: RecordKind) -> RetentionPeriod { periods[kind] ?? .permanent }

    /// Reads `[retention]` from a config file; a missing file gives the defaults.
    public static func load(from url: URL) throws -> RetentionPolicy {
        guard FileManager.default.fileExists(atPath: url.path) else { return RetentionPolicy() }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RetentionError.unreadable(path: url.path)
        }
        return try parse(text, path: url.path)
    }

    /// Parses a config file's text; errors name the file and the line.
    public static func parse(_ text: String, path: String) throws -> RetentionPolicy {
        let table: TOMLTable
        do {
            table = try TOMLReader.table(text)
        } catch let error as TOMLSyntaxError {
            throw RetentionError.syntax(path: path, line: error.line, detail: error.description)
        }
        guard let value = table["retention"] else { return RetentionPolicy() }
        guard let section = value.table else {
            throw RetentionError.invalid(path: path, line: line(of: "retention", in: text, section: nil),
                                         detail: "[retention] must be a table of kind = period")
        }
        var periods: [RecordKind: RetentionPeriod] = [:]
        for key in section.keys {
            let at = line(of: key, in: text, section: "retention")
            guard let kind = RecordKind(rawValue: key) ?? RecordKind(rawValue: key.replacingOccurrences(of: "_", with: "-"))
                    ?? (key == "releases" ? .release : key == "posts" ? .post : key == "facts" ? .fact : key == "rumors" ? .rumor : nil) else {
                throw RetentionError.invalid(path: path, line: at, detail: "\"\(key)\" is not a kind of record; use one of \(RecordKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let entry = section[key]
            var period: RetentionPeriod?
            if let years = entry?.int { period = years > 0 ? .years(years) : nil }
            else if let words = entry?.string { period = RetentionPeriod(text: words) }
            guard let period else {
                throw RetentionError.invalid(path: path, line: at, detail: "the period for \(kind.rawValue) must be a number of years, or text such as \"5y\", \"36m\", \"90d\" or \"permanent\"")
            }
            if !kind.isDisposable && period != .permanent {
                throw RetentionError.invalid(path: path, line: at, detail: "\(kind.rawValue) records are kept permanently and cannot be given a period")
            }
            periods[kind] = period
        }
        return RetentionPolicy(periods: periods)
    }

    /// The 1-based line where `key` is set (inside `[section]` when given), for error messages.
    static func line(of key: String, in text: String, section: String?) -> Int {
        var current: String?
        for (index, raw) in SourceLines.split(text).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                if section == nil && current == key { return index + 1 }
                continue
            }
            let name = line.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")) }
            if name == key && (section == nil || current == section) { return index + 1 }
        }
        return 1
    }
}

public enum RetentionError: Error, CustomStringConvertible, LocalizedError, Equatable {
    case unreadable(path: String)
    case syntax(path: String, line: Int, detail: String)
    case invalid(path: String, line: Int, detail: String)

    public var description: String {
        switch self {
        case .unreadable(let path): "Could not read the config file \(path); check its permissions."
        case .syntax(let path, let line, let detail): "The config file \(path) is not valid TOML at line \(line) (\(detail)); fix it and try again."
        case .invalid(let path, let line, let detail): "The config file \(path), line \(line): \(detail)."
        }
    }

    public var errorDescription: String? { description }
}
