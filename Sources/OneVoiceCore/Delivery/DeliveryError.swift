import Foundation

/// Why a delivery failed, as one plain sentence, and whether trying again can help.
/// Messages never contain a secret (deliverers pass anything a server said through
/// `DeliverySecrets.redact`).
public enum DeliveryError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The item cannot be delivered as it is (a missing reference, a bad sender id, a bad key).
    case invalidItem(String)
    /// A setting is missing or wrong (no token, a bad URL, plain http to a remote host).
    case configuration(String)
    /// Exercise output goes only to the exercise outbox; this deliverer reaches the public.
    case exerciseNotSent(channel: Channel)
    /// A file could not be written; nothing half-written was left behind.
    case fileWrite(path: String, reason: String)
    /// The server could not be reached or did not answer in time.
    case unreachable(service: String, reason: String)
    /// The server answered with an HTTP error status.
    case http(service: String, status: Int, detail: String, retryAfter: TimeInterval?)
    /// The server said yes but its answer could not be read.
    case badResponse(service: String, detail: String)
    /// A local command (sendmail) failed.
    case command(path: String, status: Int32, detail: String)
    /// The request may have reached the platform but no answer came (a timeout or a reset after sending): it is
    /// never sent again by itself, since the platform has no idempotency key; a person checks and decides.
    case ambiguous(service: String, reason: String)
    /// The platform refused the credentials (HTTP 401 or 403, or Graph's expired-token error).
    case credentials(service: String, detail: String)
    /// The platform's rate limit (HTTP 429): nothing was posted; try again at `until` (its reset time), if it said.
    case rateLimited(service: String, until: Date?, after: TimeInterval?, detail: String)

    /// True when the same attempt later may succeed; false when a person must change something first.
    public var isRetryable: Bool {
        switch self {
        case .invalidItem, .configuration, .exerciseNotSent, .badResponse, .ambiguous, .credentials: false
        case .fileWrite, .unreachable, .rateLimited: true
        case .http(_, let status, _, _): status == 408 || status == 425 || status == 429 || (500...599).contains(status)
        // sysexits: EX_TEMPFAIL (75) and EX_OSERR (71) are temporary; the rest need a person.
        case .command(_, let status, _): status == 75 || status == 71
        }
    }

    /// How long the server asked us to wait (HTTP Retry-After), if it did.
    public var retryAfter: TimeInterval? {
        if case .http(_, _, _, let after) = self { return after }
        return nil
    }

    public var description: String {
        switch self {
        case .invalidItem(let reason):
            return "This post cannot be delivered: \(reason)."
        case .configuration(let reason):
            return "Delivery is not set up correctly: \(reason)."
        case .exerciseNotSent(let channel):
            return "This is an exercise post, so it was not sent to \(channel.displayName); exercise output goes only to the exercise outbox."
        case .fileWrite(let path, let reason):
            return "Could not write \(path): \(reason); nothing was changed, and it will be tried again."
        case .unreachable(let service, let reason):
            return "\(service) could not be reached (\(reason)); it will be tried again."
        case .http(let service, let status, let detail, _):
            let tail = detail.isEmpty ? "" : ": \(detail)"
            let next = isRetryable ? "it will be tried again" : Self.advice(status: status)
            return "\(service) answered HTTP \(status)\(tail); \(next)."
        case .badResponse(let service, let detail):
            return "\(service) accepted the post but its answer could not be read (\(detail)); check the account before sending it again."
        case .command(let path, let status, let detail):
            let tail = detail.isEmpty ? "" : ": \(detail)"
            return "\(path) exited with status \(status)\(tail); " + (isRetryable ? "it will be tried again." : "check the mail setup.")
        case .ambiguous(let service, let reason):
            return "\(service) may have received the post but gave no answer (\(reason)); it was not sent again: check \(service), then mark it sent or resend it."
        case .credentials(let service, let detail):
            let tail = detail.isEmpty ? "" : " (\(detail))"
            return "Credentials expired for \(service)\(tail); put in a new token, check it with `onevoice channel test`, then resend the post."
        case .rateLimited(let service, _, _, let detail):
            let tail = detail.isEmpty ? "" : " (\(detail))"
            return "\(service) is limiting the rate of posts\(tail); nothing was posted, and it will be tried again when the limit resets."
        }
    }

    public var errorDescription: String? { description }

    private static func advice(status: Int) -> String {
        switch status {
        case 300...399: "the address redirects elsewhere; put the new address in the settings"
        case 401, 403: "check the access token or shared secret"
        case 404: "check the address in the settings"
        case 413, 422: "the platform refused the post as written; edit it and send again"
        default: "a person must look at it before it is sent again"
        }
    }

    /// Keeps a server's answer short and on one line for a message.
    static func brief(_ text: String, limit: Int = 200) -> String {
        let line = DeliveryText.singleLine(text)
        return line.count <= limit ? line : String(line.prefix(limit)) + "…"
    }
}
