/// What the text-only checks need to know about the release's situation.
public struct PolicyContext: Sendable, Equatable {
    public var incidentKind: IncidentKind
    /// An active incident needs the ongoing-investigation caveat.
    public var incidentActive: Bool
    /// Set when the release warns the public about a fugitive. Rules may also derive this from
    /// the text with their `except_when` pattern (the built-in prior-record rule does).
    public var warnsOfFugitive: Bool
    /// Phone numbers and e-mail addresses the agency publishes itself (tip line, media desk).
    /// A phone or e-mail match equal to one of these is not a finding. Phones compare by digits,
    /// e-mail addresses case-insensitively.
    public var publicContacts: [String]

    public init(
        incidentKind: IncidentKind = .general,
        incidentActive: Bool = false,
        warnsOfFugitive: Bool = false,
        publicContacts: [String] = []
    ) {
        self.incidentKind = incidentKind
        self.incidentActive = incidentActive
        self.warnsOfFugitive = warnsOfFugitive
        self.publicContacts = publicContacts
    }

    /// Whether `match` is one of the agency's own published contacts.
    func isPublicContact(_ match: String) -> Bool {
        let digits = match.filter(\.isNumber)
        let lowered = match.lowercased()
        for contact in publicContacts {
            if contact.contains("@") {
                if contact.lowercased() == lowered { return true }
            } else {
                var contactDigits = contact.filter(\.isNumber)
                var matchDigits = digits
                // Ignore a leading US country code on either side.
                if contactDigits.count == 11, contactDigits.hasPrefix("1") { contactDigits.removeFirst() }
                if matchDigits.count == 11, matchDigits.hasPrefix("1") { matchDigits.removeFirst() }
                if !contactDigits.isEmpty, contactDigits == matchDigits { return true }
                // The local seven-digit form of the agency's own number ("555-0100" for 217-555-0100).
                if matchDigits.count == 7, contactDigits.count == 10, contactDigits.hasSuffix(matchDigits) { return true }
            }
        }
        return false
    }
}
