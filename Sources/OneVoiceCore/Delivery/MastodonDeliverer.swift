import Foundation

/// Channel (f): `POST {instance}/api/v1/statuses` with a Bearer token, form-encoded
/// `status=…&visibility=public`, and `Idempotency-Key` (Mastodon returns the first status again for
/// a repeated key, so a retry after a lost answer does not post twice). Returns the status id. A correction or
/// update replies to the status of the release it follows (`in_reply_to_id`).
/// Exercise items are refused: exercise output goes only to the exercise outbox.
public struct MastodonDeliverer: Deliverer {
    /// The server, e.g. https://mastodon.example (a path prefix is kept).
    public var instance: URL
    public var secrets: DeliverySecrets
    public var timeout: TimeInterval
    public var visibility: String

    public init(instance: URL, secrets: DeliverySecrets, timeout: TimeInterval = RetryPolicy.standard.requestTimeout, visibility: String = "public") {
        self.instance = instance
        self.secrets = secrets
        self.timeout = timeout
        self.visibility = visibility
    }

    public var statusesURL: URL { instance.appendingPathComponent("api/v1/statuses") }

    /// `application/x-www-form-urlencoded` body: everything but unreserved characters percent-encoded.
    public static func formBody(_ fields: [(String, String)]) -> Data {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._*")
        func encode(_ s: String) -> String {
            (s.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }
        return Data(fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&").utf8)
    }

    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        guard !item.isExerciseOrMarkedAsOne else { throw .exerciseNotSent(channel: item.channel) }
        guard let token = secrets.mastodonToken, !token.isEmpty else {
            throw .configuration("no Mastodon access token is set (\(DeliverySecrets.mastodonTokenVariable))")
        }
        try HTTPPoster.checkSecure(instance, service: "Mastodon")
        let service = "Mastodon (\(instance.host ?? "?"))"
        var fields = [("status", item.markedText), ("visibility", visibility)]
        // A correction or update follows the status it corrects, as a reply (`in_reply_to_id`).
        if let parent = item.replyTo?.id, !parent.isEmpty, parent.utf8.count <= 64, parent.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            fields.append(("in_reply_to_id", parent))
        }
        let body = Self.formBody(fields)
        let headers = [
            "Authorization": "Bearer \(token)",
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Idempotency-Key": item.idempotencyKey,
        ]
        let response = try HTTPPoster(timeout: timeout).post(statusesURL, headers: headers, body: body, service: service)
        guard (200...299).contains(response.status) else {
            let said = response.redirectDetail(redacting: secrets) ?? Self.errorText(response.body, secrets: secrets)
            throw .http(service: service, status: response.status, detail: said,
                        retryAfter: response.retryAfter)
        }
        struct Status: Decodable { let id: String; let url: String? }
        guard let status = try? JSONDecoder().decode(Status.self, from: response.body), !status.id.isEmpty else {
            throw .badResponse(service: service, detail: "no status id in the answer")
        }
        return DeliveryReceipt(channel: item.channel, externalID: status.id, url: status.url)
    }

    /// Mastodon's `{"error": "…"}` text when there is one, else the start of the body; secrets removed.
    static func errorText(_ body: Data, secrets: DeliverySecrets) -> String {
        struct Failure: Decodable { let error: String }
        let text = (try? JSONDecoder().decode(Failure.self, from: body))?.error ?? String(decoding: body.prefix(2000), as: UTF8.self)
        return DeliveryError.brief(secrets.redact(text))
    }
}
