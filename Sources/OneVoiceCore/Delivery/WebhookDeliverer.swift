import Crypto
import Foundation

/// Channel (e): an HTTP POST of the item as JSON, signed with the shared secret.
///
/// Headers: `Content-Type: application/json`, `Idempotency-Key: <key>` (the receiver drops a
/// repeat), `X-OneVoice-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>`. One attempt
/// per call: a retryable error goes back to the scheduler, which schedules the next attempt with
/// `RetryPolicy` (so nothing sleeps and a retry survives a restart). Exercise items are refused.
public struct WebhookDeliverer: Deliverer {
    public var url: URL
    public var secrets: DeliverySecrets
    public var timeout: TimeInterval

    public static let signatureHeader = "X-OneVoice-Signature"

    public init(url: URL, secrets: DeliverySecrets, timeout: TimeInterval = RetryPolicy.standard.requestTimeout) {
        self.url = url
        self.secrets = secrets
        self.timeout = timeout
    }

    /// The body: the item as canonical JSON (sorted keys, UTC times), so the same item is the same bytes.
    public static func body(for item: DeliveryItem) -> Data { CanonicalJSON.data(item) }

    /// "sha256=<hex>" of HMAC-SHA256(body, secret).
    public static func signature(body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + Hashing.hex(mac)
    }

    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        guard !item.isExercise else { throw .exerciseNotSent(channel: item.channel) }
        guard let secret = secrets.webhookSecret, !secret.isEmpty else {
            throw .configuration("no webhook secret is set (\(DeliverySecrets.webhookSecretVariable))")
        }
        try HTTPPoster.checkSecure(url, service: "webhook")
        let body = Self.body(for: item)
        let headers = [
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Idempotency-Key": item.idempotencyKey,
            Self.signatureHeader: Self.signature(body: body, secret: secret),
        ]
        let service = "The webhook at \(url.host ?? "?")"
        let response = try HTTPPoster(timeout: timeout).post(url, headers: headers, body: body, service: service)
        guard (200...299).contains(response.status) else {
            let said = response.redirectDetail(redacting: secrets)
                ?? DeliveryError.brief(secrets.redact(String(decoding: response.body.prefix(2000), as: UTF8.self)))
            throw .http(service: service, status: response.status, detail: said, retryAfter: response.retryAfter)
        }
        return DeliveryReceipt(channel: item.channel, externalID: response.header("X-Request-Id"), url: url.absoluteString)
    }
}
