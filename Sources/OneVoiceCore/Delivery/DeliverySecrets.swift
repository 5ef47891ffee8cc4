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

    public init(webhookSecret: String? = nil, mastodonToken: String? = nil) {
        self.webhookSecret = webhookSecret
        self.mastodonToken = mastodonToken
    }

    public static let webhookSecretVariable = "ONEVOICE_WEBHOOK_SECRET"
    public static let mastodonTokenVariable = "ONEVOICE_MASTODON_TOKEN"

    /// Reads `ONEVOICE_WEBHOOK_SECRET` and `ONEVOICE_MASTODON_TOKEN`; empty values count as missing.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DeliverySecrets {
        func value(_ name: String) -> String? {
            guard let v = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }
        return DeliverySecrets(webhookSecret: value(webhookSecretVariable), mastodonToken: value(mastodonTokenVariable))
    }

    /// `text` with every secret replaced by "[redacted]": for anything a server said that goes into a message.
    public func redact(_ text: String) -> String {
        var out = text
        for secret in [webhookSecret, mastodonToken].compactMap({ $0 }) where secret.count >= 4 {
            out = out.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return out
    }

    public var description: String {
        "DeliverySecrets(webhookSecret: \(webhookSecret == nil ? "none" : "set"), mastodonToken: \(mastodonToken == nil ? "none" : "set"))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
