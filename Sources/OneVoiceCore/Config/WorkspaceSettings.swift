import Foundation

/// What an agency configures around its database: pre-plan templates, release-of-information
/// rules, channel limits and its public contacts. Loaded once per process.
public struct WorkspaceSettings: Sendable {
    public var templates: TemplateLibrary
    public var ruleSet: PolicyRuleSet
    public var limits: ChannelLimits
    /// The agency's published contacts, filled into `{{agency.phone}}` and friends.
    public var agencyPhone: String?
    public var agencyEmail: String?
    public var agencyWebsite: String?
    /// Where the full text of a release can be read; `{id}` becomes the release number.
    public var releaseURLPattern: String?
    /// The default "when is the next update" sentence for `{{next_update}}`.
    public var nextUpdate: String?

    public init(templates: TemplateLibrary, ruleSet: PolicyRuleSet, limits: ChannelLimits = .default,
                agencyPhone: String? = nil, agencyEmail: String? = nil, agencyWebsite: String? = nil,
                releaseURLPattern: String? = nil, nextUpdate: String? = nil) {
        self.templates = templates
        self.ruleSet = ruleSet
        self.limits = limits
        self.agencyPhone = agencyPhone
        self.agencyEmail = agencyEmail
        self.agencyWebsite = agencyWebsite
        self.releaseURLPattern = releaseURLPattern
        self.nextUpdate = nextUpdate
    }

    /// What `{{next_update}}` says when the agency has not set its own wording.
    public static let defaultNextUpdate = "within two hours, on our website and social media accounts"

    /// The built-in templates and rules only (tests, and agencies without configuration).
    public static let builtIn: WorkspaceSettings = WorkspaceSettings(
        templates: TemplateLibrary.builtIn(),
        ruleSet: (try? PolicyRuleSet.load()) ?? PolicyRuleSet(rules: []))

    public func releaseLink(id: Int64) -> String? {
        releaseURLPattern.map { $0.replacingOccurrences(of: "{id}", with: "\(id)") }
    }

    /// The agency's own contacts, which the identifier rules must not flag.
    public var publicContacts: [String] { [agencyPhone, agencyEmail].compactMap { $0 } }
}
