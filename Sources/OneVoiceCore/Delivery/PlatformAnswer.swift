import Foundation

/// How the platform clients (X, Bluesky, Facebook) read an HTTP status, the same way for all three.
///
/// - 2xx: posted.
/// - 401, 403: the credentials were refused: held for a person ("credentials expired").
/// - 429: nothing was posted; try again when the limit resets (`x-rate-limit-reset` or `ratelimit-reset`,
///   epoch seconds, else `Retry-After`).
/// - 500, 502, 504 on a request the platform cannot recognise as a repeat: a gateway may have passed it on
///   before failing, so it is ambiguous (held for a person), never retried blindly. 503 means not taken.
/// - anything else: `DeliveryError.http`, retried or not as `isRetryable` says.
enum PlatformAnswer {
    static func check(_ response: HTTPPoster.Response, service: String, detail: String, repeatsAreHarmful: Bool,
                      secrets: DeliverySecrets) throws(DeliveryError) {
        switch response.status {
        case 200...299:
            return
        case 401, 403:
            throw .credentials(service: service, detail: "HTTP \(response.status)" + (detail.isEmpty ? "" : ": \(detail)"))
        case 429:
            throw .rateLimited(service: service, until: response.rateLimitReset, after: response.retryAfter, detail: detail)
        case _ where repeatsAreHarmful && [500, 502, 504].contains(response.status):
            throw .ambiguous(service: service, reason: "HTTP \(response.status)" + (detail.isEmpty ? "" : ": \(detail)"))
        default:
            throw .http(service: service, status: response.status, detail: response.redirectDetail(redacting: secrets) ?? detail,
                        retryAfter: response.retryAfter)
        }
    }

    /// JSON with sorted keys and unescaped slashes: the same request is the same bytes.
    static func json<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// A platform id that is safe inside a URL path: letters, digits, '_', '-', '.', and not "." or "..".
    static func isSafePathSegment(_ text: String) -> Bool {
        DeliveryText.isSafeFileComponent(text)
    }
}
