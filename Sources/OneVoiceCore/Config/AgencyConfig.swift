import Foundation

/// The agency's configuration file, `$XDG_CONFIG_HOME/onevoice/config.toml`.
///
/// Format (TOML, UTF-8; every key is optional, a missing file means all defaults):
/// ```toml
/// theme = "dark"                          # the dashboard's colour theme
///
/// [agency]
/// phone = "217-555-0100"                  # {{agency.phone}}: public information or tip line
/// email = "pio@springfieldpd.gov"         # {{agency.email}}: media e-mail address
/// website = "https://springfieldpd.gov"   # {{agency.website}}
/// release_url = "https://springfieldpd.gov/news/{id}"  # where a release can be read; {id} = its number
/// next_update = "at 4 p.m. on our website"  # {{next_update}}, read after "the next update will be"
/// cap_sender = "pio@springfieldpd.gov"    # CAP <sender>: no spaces, commas, < or &
/// media_from = "pio@springfieldpd.gov"    # From: address of the media list e-mail
///
/// [limits]                                # channel slug = length limit, replacing the default
/// mastodon = 1000
///
/// [policy]
/// rules_file = "rules.toml"               # the agency's own rules; relative to this file
///
/// [scheduler]
/// grace_minutes = 10                      # late posts older than this wait for a person
///
/// [delivery]
/// mastodon_instance = "https://mastodon.example"
/// webhook_url = "https://hooks.example/onevoice"
/// sendmail = "/usr/sbin/sendmail"
/// mastodon_token = "..."                  # secret: the file must be chmod 600
/// webhook_secret = "..."                  # secret: the file must be chmod 600
///
/// [delivery.x]                            # X API v2; the section or ONEVOICE_X_TOKEN turns it on
/// api_base = "https://api.x.com"
/// token = "..."                           # secret: an OAuth 2.0 user-context access token
///
/// [delivery.bluesky]                      # on when it names a handle
/// service = "https://bsky.social"
/// handle = "rivertonpd.bsky.social"
/// app_password = "..."                    # secret: an app password
///
/// [delivery.facebook]                     # on when it names a page_id
/// graph_base = "https://graph.facebook.com"
/// page_id = "104563218765432"
/// token = "..."                           # secret: a Page access token
///
/// [retention]                             # read elsewhere; accepted here
/// ```
/// Secrets may also come from `ONEVOICE_MASTODON_TOKEN`, `ONEVOICE_WEBHOOK_SECRET`, `ONEVOICE_X_TOKEN`,
/// `ONEVOICE_BLUESKY_APP_PASSWORD` and `ONEVOICE_FACEBOOK_TOKEN`, which win over the file. Unknown keys are problems, so that a misspelt key does not silently vanish.
public struct AgencyConfig: Sendable, Equatable {
    /// Where delivery goes and the credentials it uses. Descriptions never show the secrets.
    public struct Delivery: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
        public var mastodonInstance: URL?
        public var webhookURL: URL?
        /// An absolute path to a sendmail-compatible program.
        public var sendmail: String?
        public var mastodonToken: String?
        public var webhookSecret: String?
        /// `[delivery.x]`: posting to X is on when the section is there or `ONEVOICE_X_TOKEN` is set.
        public var x: PlatformAccount?
        /// `[delivery.bluesky]`: on when the section names a handle.
        public var bluesky: PlatformAccount?
        /// `[delivery.facebook]`: on when the section names a page_id.
        public var facebook: PlatformAccount?

        public init(mastodonInstance: URL? = nil, webhookURL: URL? = nil, sendmail: String? = nil,
                    mastodonToken: String? = nil, webhookSecret: String? = nil,
                    x: PlatformAccount? = nil, bluesky: PlatformAccount? = nil, facebook: PlatformAccount? = nil) {
            self.mastodonInstance = mastodonInstance
            self.webhookURL = webhookURL
            self.sendmail = sendmail
            self.mastodonToken = mastodonToken
            self.webhookSecret = webhookSecret
            self.x = x
            self.bluesky = bluesky
            self.facebook = facebook
        }

        public var description: String {
            "Delivery(mastodonInstance: \(mastodonInstance?.absoluteString ?? "nil"), webhookURL: \(webhookURL?.absoluteString ?? "nil"), "
                + "sendmail: \(sendmail ?? "nil"), mastodonToken: \(mastodonToken == nil ? "nil" : "<redacted>"), "
                + "webhookSecret: \(webhookSecret == nil ? "nil" : "<redacted>"), x: \(x?.description ?? "nil"), "
                + "bluesky: \(bluesky?.description ?? "nil"), facebook: \(facebook?.description ?? "nil"))"
        }

        public var debugDescription: String { description }
    }

    /// One platform account (`[delivery.x]`, `[delivery.bluesky]`, `[delivery.facebook]`): where its API is, which
    /// account, and its secret (a token or app password). The description never shows the secret.
    public struct PlatformAccount: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
        /// `api_base` (X), `service` (Bluesky) or `graph_base` (Facebook); nil: the platform's own.
        public var base: URL?
        /// Bluesky `handle` or Facebook `page_id`.
        public var account: String?
        /// X `token`, Bluesky `app_password`, Facebook `token` (the environment's wins).
        public var secret: String?

        public init(base: URL? = nil, account: String? = nil, secret: String? = nil) {
            self.base = base
            self.account = account
            self.secret = secret
        }

        public var description: String {
            "PlatformAccount(base: \(base?.absoluteString ?? "default"), account: \(account ?? "nil"), secret: \(secret == nil ? "nil" : "<redacted>"))"
        }

        public var debugDescription: String { description }
    }

    /// The environment variables that supply secrets; they win over the file.
    public static let mastodonTokenVariable = "ONEVOICE_MASTODON_TOKEN"
    public static let webhookSecretVariable = "ONEVOICE_WEBHOOK_SECRET"
    public static let defaultGraceMinutes = 10

    /// The file this came from, if there was one.
    public var file: URL?
    /// The dashboard's theme name.
    public var theme: String?
    public var phone: String?
    public var email: String?
    public var website: String?
    /// A URL with `{id}` where the release number goes.
    public var releaseURLPattern: String?
    public var nextUpdate: String?
    public var capSender: String?
    public var mediaFrom: String?
    public var limits: ChannelLimits
    /// The agency's rules file, resolved to an absolute path.
    public var rulesFile: URL?
    public var graceMinutes: Int
    public var delivery: Delivery
    /// `[database] url`: where the record lives when neither --db nor ONEVOICE_DB says (a file path or a
    /// `postgres://` server).
    public var databaseURL: String?

    public init(file: URL? = nil, theme: String? = nil, phone: String? = nil, email: String? = nil, website: String? = nil,
                releaseURLPattern: String? = nil, nextUpdate: String? = nil, capSender: String? = nil, mediaFrom: String? = nil,
                limits: ChannelLimits = .default, rulesFile: URL? = nil, graceMinutes: Int = AgencyConfig.defaultGraceMinutes,
                delivery: Delivery = Delivery()) {
        self.file = file
        self.theme = theme
        self.phone = phone
        self.email = email
        self.website = website
        self.releaseURLPattern = releaseURLPattern
        self.nextUpdate = nextUpdate
        self.capSender = capSender
        self.mediaFrom = mediaFrom
        self.limits = limits
        self.rulesFile = rulesFile
        self.graceMinutes = graceMinutes
        self.delivery = delivery
    }

    /// Reads the configuration at `url`. A missing file gives the defaults (with secrets from the
    /// environment). A file that holds a secret must not be readable by group or others.
    public static func load(from url: URL, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(AgencyConfigError) -> AgencyConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            var config = AgencyConfig()
            config.applySecrets(from: environment)
            return config
        }
        if isDirectory.boolValue { throw .unreadable(file: url.path, reason: "it is a folder, not a file") }
        let source: String
        do {
            source = try TextInput.readSource(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
        let (config, holdsSecret) = try parse(source: source, file: url.path, environment: environment)
        if holdsSecret, let mode = permissions(of: url), mode & 0o077 != 0 {
            throw .secretsReadableByOthers(file: url.path, mode: mode)
        }
        return config
    }

    /// The built-in rules plus the agency's `rules_file`, if any.
    public func ruleSet(builtIn: URL? = PolicyRuleSet.builtInURL) throws(AgencyConfigError) -> PolicyRuleSet {
        do {
            return try PolicyRuleSet.load(builtIn: builtIn, agencyFile: rulesFile)
        } catch {
            throw .rules(error)
        }
    }

    /// The secrets from the environment, where set, replace the file's.
    mutating func applySecrets(from environment: [String: String]) {
        if let token = environment[Self.mastodonTokenVariable], !token.isEmpty { delivery.mastodonToken = token }
        if let secret = environment[Self.webhookSecretVariable], !secret.isEmpty { delivery.webhookSecret = secret }
        func value(_ name: String) -> String? {
            guard let v = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }
        // X needs nothing but its token: the variable alone turns it on. Bluesky and Facebook also need an account.
        if let token = value(DeliverySecrets.xTokenVariable) { delivery.x = delivery.x ?? PlatformAccount(); delivery.x?.secret = token }
        if let password = value(DeliverySecrets.blueskyAppPasswordVariable), delivery.bluesky != nil { delivery.bluesky?.secret = password }
        if let token = value(DeliverySecrets.facebookTokenVariable), delivery.facebook != nil { delivery.facebook?.secret = token }
    }

    static func permissions(of url: URL) -> Int? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
        return (attributes[.posixPermissions] as? NSNumber)?.intValue
    }

    /// Parses configuration text; `file` names it in messages and anchors a relative `rules_file`.
    /// Returns whether the file itself holds a secret. Every problem is reported at once.
    public static func parse(source: String, file: String, environment: [String: String] = [:])
        throws(AgencyConfigError) -> (config: AgencyConfig, holdsSecret: Bool) {
        var parser = AgencyConfigParser(source: source, file: file)
        guard let parsed = parser.parse(), parser.problems.isEmpty else {
            throw .problems(parser.problems.sorted { ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message) })
        }
        var config = parsed.config
        config.applySecrets(from: environment)
        return (config, parsed.holdsSecret)
    }
}
