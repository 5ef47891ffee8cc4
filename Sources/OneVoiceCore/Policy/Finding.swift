import Foundation

/// One problem a check found in a draft's text. Other checks (unverified facts, holds, channel
/// length) create findings from outside with the initialisers below.
///
/// JSON: `{"rule": "...", "severity": "block"|"warn", "field": "text", "line": 1, "column": 1,
/// "message": "...", "excerpt": "...", "suggestion": "..."|null}`.
///
/// `field` names the published field the finding is in (see `PublishedField`): `text`, `headline`,
/// `area`, `incident-title` or `rendition:<channel>`; line and column count in that field.
public struct Finding: Codable, Sendable, Equatable, Hashable {
    /// The rule id, e.g. `address`, `unfilled-slot`, `missing-caveat`.
    public var rule: String
    public var severity: PolicySeverity
    /// 1-based line of the text.
    public var line: Int
    /// 1-based column, in characters of the line.
    public var column: Int
    /// The matched text (empty when the problem is something missing).
    public var excerpt: String
    public var message: String
    public var suggestion: String?
    /// The published field the finding is in; `text` (the release text) unless set.
    public var field: String

    public init(
        rule: String, severity: PolicySeverity, line: Int, column: Int,
        excerpt: String, message: String, suggestion: String? = nil, field: String = PublishedField.textName
    ) {
        self.field = field
        self.rule = rule
        self.severity = severity
        self.line = line
        self.column = column
        self.excerpt = excerpt
        self.message = message
        self.suggestion = suggestion
    }

    /// A finding for the text in `range` of `text`.
    public init(
        rule: String, severity: PolicySeverity, range: Range<String.Index>, in text: String,
        message: String, suggestion: String? = nil, field: String = PublishedField.textName
    ) {
        let position = TextPosition(of: range.lowerBound, in: text)
        self.init(
            rule: rule, severity: severity, line: position.line, column: position.column,
            excerpt: String(text[range]), message: message, suggestion: suggestion, field: field)
    }

    /// A finding for `substring`, a slice of `text` (e.g. from `text.range(of:)` or a split).
    public init(
        rule: String, severity: PolicySeverity, substring: Substring, in text: String,
        message: String, suggestion: String? = nil
    ) {
        self.init(
            rule: rule, severity: severity, range: substring.startIndex..<substring.endIndex,
            in: text, message: message, suggestion: suggestion)
    }

    /// A finding for a UTF-16 range (as `NSRegularExpression` reports) of `text`.
    public init(
        rule: String, severity: PolicySeverity, nsRange: NSRange, in text: String,
        message: String, suggestion: String? = nil
    ) {
        let range: Range<String.Index>
        if let converted = Range(nsRange, in: text) {
            range = converted
        } else {
            let lower = String.Index(utf16Offset: nsRange.location, in: text)
            let upper = String.Index(utf16Offset: nsRange.location + nsRange.length, in: text)
            range = lower..<max(lower, upper)
        }
        self.init(
            rule: rule, severity: severity, range: range, in: text,
            message: message, suggestion: suggestion)
    }

    /// "3:14: block [address] message"
    /// "headline 1:5: block [juvenile] message" for a field other than the text.
    public var summary: String {
        let place = field == PublishedField.textName ? "" : field + " "
        return "\(place)\(line):\(column): \(severity.rawValue) [\(rule)] \(message)"
    }

    private enum CodingKeys: String, CodingKey {
        case rule, severity, field, line, column, message, excerpt, suggestion
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            rule: try container.decode(String.self, forKey: .rule),
            severity: try container.decode(PolicySeverity.self, forKey: .severity),
            line: try container.decode(Int.self, forKey: .line),
            column: try container.decode(Int.self, forKey: .column),
            excerpt: try container.decode(String.self, forKey: .excerpt),
            message: try container.decode(String.self, forKey: .message),
            suggestion: try container.decodeIfPresent(String.self, forKey: .suggestion),
            field: try container.decodeIfPresent(String.self, forKey: .field) ?? PublishedField.textName)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(field, forKey: .field)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(message, forKey: .message)
        try container.encode(excerpt, forKey: .excerpt)
        try container.encode(suggestion, forKey: .suggestion)
    }
}
