import Foundation

/// The CAP 1.2 fields chosen for one release revision: how urgent, severe and certain it is, what kind of
/// message it is, and when it expires. Defaults come from the template (or the incident kind) and the
/// release kind; the spokesperson can change them per release (`release edit --cap-...`).
public struct CAPFields: Codable, Sendable, Hashable {
    public static let urgencies = ["Immediate", "Expected", "Future", "Past", "Unknown"]
    public static let severities = ["Extreme", "Severe", "Moderate", "Minor", "Unknown"]
    public static let certainties = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"]
    /// The message types a release can be sent as (Ack and Error are for system exchanges, not releases).
    public static let messageTypes = ["Alert", "Update", "Cancel"]
    /// When a revision names no expiry, the alert expires this long after it is sent.
    public static let defaultLifetime: TimeInterval = 24 * 3600

    public var urgency: String
    public var severity: String
    public var certainty: String
    public var msgType: String
    /// Nil: `defaultLifetime` after the alert is sent.
    public var expires: Date?

    public init(urgency: String, severity: String, certainty: String, msgType: String = "Alert", expires: Date? = nil) {
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.msgType = msgType
        self.expires = expires
    }

    /// The defaults for a release: the template's CAP profile (or the incident kind's), an Update for a
    /// follow-up. A follow-up that says the danger is over gives urgency Past and severity Minor, so an
    /// all-clear does not stay Immediate/Extreme.
    public static func defaults(kind: IncidentKind, releaseKind: ReleaseKind, text: String = "", template: Template? = nil) -> CAPFields {
        let profile = CAPProfile.standard(for: template?.kind ?? kind)
        let chosen = template?.capDefaults ?? [:]
        var fields = CAPFields(urgency: chosen["urgency"] ?? profile.urgency, severity: chosen["severity"] ?? profile.severity,
                               certainty: chosen["certainty"] ?? profile.certainty,
                               msgType: releaseKind == .original ? "Alert" : "Update")
        if releaseKind != .original, saysAllClear(text) {
            fields.urgency = "Past"
            fields.severity = "Minor"
        }
        return fields
    }

    /// Whether a text says the danger is over ("all clear", "lifted", "reopened", "no longer a threat").
    public static func saysAllClear(_ text: String) -> Bool {
        let plain = NormalizedText(text).text.lowercased()
        let phrases = ["all clear", "all-clear", "has been lifted", "have been lifted", "is lifted", "are lifted", "no longer",
                       "has reopened", "have reopened", "is reopened", "are reopened", "has been reopened", "have been reopened",
                       "is over", "has ended", "has been cancelled", "has been canceled", "safe to return", "may return"]
        return phrases.contains { plain.contains($0) }
    }

    /// The first problem with the values, as one sentence, or nil when they are all valid CAP.
    public var problem: String? {
        if let bad = Self.invalid(urgency, Self.urgencies, "urgency") { return bad }
        if let bad = Self.invalid(severity, Self.severities, "severity") { return bad }
        if let bad = Self.invalid(certainty, Self.certainties, "certainty") { return bad }
        if let bad = Self.invalid(msgType, Self.messageTypes, "message type") { return bad }
        return nil
    }

    private static func invalid(_ value: String, _ allowed: [String], _ name: String) -> String? {
        allowed.contains(value) ? nil : "\"\(value)\" is not a CAP \(name); use one of \(allowed.joined(separator: ", "))."
    }

    /// A value as CAP spells it, whatever the case the person typed ("immediate" → "Immediate").
    public static func canonical(_ value: String, in allowed: [String]) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return allowed.first { $0.caseInsensitiveCompare(trimmed) == .orderedSame } ?? trimmed
    }
}
