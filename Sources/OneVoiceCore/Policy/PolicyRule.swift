/// One release-of-information rule, as data. Built-in rules live in
/// `Resources/Policy/rules.toml`; an agency file can add rules or override them by id.
///
/// Matching: every pattern is an ICU regular expression, matched case-insensitively
/// (`(?-i:...)` turns that off locally, e.g. for capitalised names). Each match is a finding,
/// unless
/// - the rule has `incidentKinds` and the context's kind is not among them,
/// - `onlyWhen` is set and does not match anywhere in the text (the rule needs a context,
///   e.g. a sex-crime word for the victim rule),
/// - `exceptWhen` matches anywhere in the text (e.g. a fugitive warning for prior record),
/// - one of `exceptWhenContext` holds for the `PolicyContext`,
/// - an `allow` pattern matches the whole matched text (e.g. `pio@...` role mailboxes),
/// - the rule is `contacts` and the match is one of `PolicyContext.publicContacts`.
public struct PolicyRule: Sendable, Equatable, Identifiable {
    public var id: String
    public var severity: PolicySeverity
    public var patterns: [String]
    public var message: String
    public var suggestion: String?
    public var exceptWhen: String?
    public var onlyWhen: String?
    public var exceptWhenContext: [PolicyCondition]
    public var allow: [String]
    /// When set, the rule applies only to these kinds.
    public var incidentKinds: [IncidentKind]?
    /// A match that equals one of the agency's published contacts is not a finding.
    public var skipPublicContacts: Bool
    public var enabled: Bool

    public init(
        id: String, severity: PolicySeverity, patterns: [String], message: String,
        suggestion: String? = nil, exceptWhen: String? = nil, onlyWhen: String? = nil,
        exceptWhenContext: [PolicyCondition] = [], allow: [String] = [],
        incidentKinds: [IncidentKind]? = nil, skipPublicContacts: Bool = false,
        enabled: Bool = true
    ) {
        self.id = id
        self.severity = severity
        self.patterns = patterns
        self.message = message
        self.suggestion = suggestion
        self.exceptWhen = exceptWhen
        self.onlyWhen = onlyWhen
        self.exceptWhenContext = exceptWhenContext
        self.allow = allow
        self.incidentKinds = incidentKinds
        self.skipPublicContacts = skipPublicContacts
        self.enabled = enabled
    }
}
