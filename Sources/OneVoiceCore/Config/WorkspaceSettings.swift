import Foundation

/// What an agency configures around its database: pre-plan templates, release-of-information
/// rules, channel limits and its public contacts. Loaded once per process.
public struct WorkspaceSettings: Sendable {
    /// The templates, read from their files the first time a command asks for them: most commands (the board,
    /// lists, search) never do, and reading and parsing a dozen TOML files was a tenth of their start.
    public var templates: TemplateLibrary {
        get { templateSource.value }
        set { templateSource = LoadOnce(newValue) }
    }
    private var templateSource: LoadOnce<TemplateLibrary>
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
    /// The dashboard's colour theme, by name (nil: the default theme).
    public var theme: String?
    /// CAP `<sender>`: the agency's identifier in alerts (no spaces, commas, `<` or `&`).
    public var capSender: String?
    /// The From: address of media-list e-mail.
    public var mediaFrom: String?
    /// Scheduled posts later than this wait for a person instead of going out.
    public var graceMinutes: Int
    /// Delivery endpoints and credentials.
    public var delivery: AgencyConfig.Delivery
    /// The configuration file these settings came from, if any.
    public var configFile: URL?
    /// The config's `[database] url`, if it has one.
    public var databaseURL: String?

    public init(templates: TemplateLibrary, ruleSet: PolicyRuleSet, limits: ChannelLimits = .default,
                agencyPhone: String? = nil, agencyEmail: String? = nil, agencyWebsite: String? = nil,
                releaseURLPattern: String? = nil, nextUpdate: String? = nil, theme: String? = nil,
                capSender: String? = nil, mediaFrom: String? = nil, graceMinutes: Int = AgencyConfig.defaultGraceMinutes,
                delivery: AgencyConfig.Delivery = .init(), configFile: URL? = nil) {
        self.templateSource = LoadOnce(templates)
        self.ruleSet = ruleSet
        self.limits = limits
        self.agencyPhone = agencyPhone
        self.agencyEmail = agencyEmail
        self.agencyWebsite = agencyWebsite
        self.releaseURLPattern = releaseURLPattern
        self.nextUpdate = nextUpdate
        self.theme = theme
        self.capSender = capSender
        self.mediaFrom = mediaFrom
        self.graceMinutes = graceMinutes
        self.delivery = delivery
        self.configFile = configFile
    }

    /// Settings from an agency configuration plus the templates and rules to use with it.
    public init(config: AgencyConfig, templates: TemplateLibrary, ruleSet: PolicyRuleSet) {
        self.init(templates: templates, ruleSet: ruleSet, limits: config.limits,
                  agencyPhone: config.phone, agencyEmail: config.email, agencyWebsite: config.website,
                  releaseURLPattern: config.releaseURLPattern, nextUpdate: config.nextUpdate, theme: config.theme,
                  capSender: config.capSender, mediaFrom: config.mediaFrom, graceMinutes: config.graceMinutes,
                  delivery: config.delivery, configFile: config.file)
        databaseURL = config.databaseURL
    }

    /// Everything an agency configures, from its files: `config.toml` (a missing file means the
    /// defaults), the built-in templates plus `templates/*.toml`, and the built-in rules plus the
    /// agency's `rules_file`. Secrets in the environment win over the file's.
    ///
    /// Broken user templates do not fail the load: they are in `templates.problems`.
    public static func load(paths: XDGPaths) throws(AgencyConfigError) -> WorkspaceSettings {
        let config = try AgencyConfig.load(from: paths.configFile, environment: paths.environment)
        let ruleSet = try config.ruleSet()
        var settings = WorkspaceSettings(config: config, templates: TemplateLibrary(), ruleSet: ruleSet)
        // Loading templates never fails (a broken file is one of `problems`), so it can wait for the first use.
        let directory = paths.templatesDirectory
        settings.templateSource = LoadOnce { TemplateLibrary.load(userDirectory: directory) }
        return settings
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
