import Foundation

/// The shared secrets delivery needs, loaded by the caller from config or the environment.
///
/// Deliberately not `Codable`: it is never written to a file. Its description and reflection
/// show no secret, so it cannot leak through logging or `dump`.
public struct DeliverySecrets: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Signs webhook bodies (HMAC-SHA256).
    public var webhookSecret: String?
    /// The Mastodon access token (Bearer).
    public var mastodonToken: String?
    /// X: an OAuth 2.0 user-context access token (Bearer) with tweet.write.
    public var xToken: String?
    /// Bluesky: an app password (Settings → Privacy and security → App passwords), never the account password.
    public var blueskyAppPassword: String?
    /// Facebook: a Page access token of the agency's Page.
    public var facebookToken: String?

    public init(webhookSecret: String? = nil, mastodonToken: String? = nil, xToken: String? = nil,
                blueskyAppPassword: String? = nil, facebookToken: String? = nil) {
        self.webhookSecret = webhookSecret
        self.mastodonToken = mastodonToken
        self.xToken = xToken
        self.blueskyAppPassword = blueskyAppPassword
        self.facebookToken = facebookToken
    }

    public static let webhookSecretVariable = "ONEVOICE_WEBHOOK_SECRET"
    public static let mastodonTokenVariable = "ONEVOICE_MASTODON_TOKEN"
    public static let xTokenVariable = "ONEVOICE_X_TOKEN"
    public static let blueskyAppPasswordVariable = "ONEVOICE_BLUESKY_APP_PASSWORD"
    public static let facebookTokenVariable = "ONEVOICE_FACEBOOK_TOKEN"

    /// Reads `ONEVOICE_WEBHOOK_SECRET` and `ONEVOICE_MASTODON_TOKEN`; empty values count as missing.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DeliverySecrets {
        func value(_ name: String) -> String? {
            guard let v = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }
        return DeliverySecrets(webhookSecret: value(webhookSecretVariable), mastodonToken: value(mastodonTokenVariable),
                               xToken: value(xTokenVariable), blueskyAppPassword: value(blueskyAppPasswordVariable),
                               facebookToken: value(facebookTokenVariable))
    }

    /// `text` with every secret replaced by "[redacted]": for anything a server said that goes into a message.
    public func redact(_ text: String) -> String {
        var out = text
        for secret in [webhookSecret, mastodonToken, xToken, blueskyAppPassword, facebookToken].compactMap({ $0 }) where secret.count >= 4 {
            out = out.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return out
    }

    public var description: String {
        func shown(_ value: String?) -> String { value == nil ? "none" : "set" }
        return "DeliverySecrets(webhookSecret: \(shown(webhookSecret)), mastodonToken: \(shown(mastodonToken)), xToken: \(shown(xToken)), "
            + "blueskyAppPassword: \(shown(blueskyAppPassword)), facebookToken: \(shown(facebookToken)))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
