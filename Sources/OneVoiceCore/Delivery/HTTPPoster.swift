import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// One HTTP request, answered or failed, with a timeout: the thin network step of the webhook, Mastodon,
/// X, Bluesky and Facebook deliverers. It blocks the calling thread, so run deliveries off the interface loop.
struct HTTPPoster: Sendable {
    var timeout: TimeInterval
    /// For a request the platform cannot recognise as a repeat (X, Bluesky, Facebook have no idempotency key):
    /// a failure after the connection was made (a timeout, a reset) is `ambiguous`, never retried by itself.
    /// Only failures that prove nothing was sent (refused, unknown host, failed TLS) stay `unreachable`.
    var repeatsAreHarmful = false

    init(timeout: TimeInterval, repeatsAreHarmful: Bool = false) {
        self.timeout = timeout
        self.repeatsAreHarmful = repeatsAreHarmful
    }

    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data

        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        /// Retry-After in seconds (the delta form; an HTTP date is ignored).
        var retryAfter: TimeInterval? {
            header("Retry-After").flatMap { TimeInterval($0.trimmingCharacters(in: .whitespaces)) }.map { max($0, 0) }
        }

        /// When a rate limit resets, from an epoch-seconds header: X's `x-rate-limit-reset`, the AT Protocol's
        /// `ratelimit-reset`. Nil when absent or not a plausible time.
        var rateLimitReset: Date? {
            for name in ["x-rate-limit-reset", "ratelimit-reset"] {
                if let text = header(name), let seconds = Double(text.trimmingCharacters(in: .whitespaces)),
                   seconds.isFinite, seconds > 0, seconds < 1e11 {
                    return Date(timeIntervalSince1970: seconds)
                }
            }
            return nil
        }
    }

    /// A remote address must use https so a token or signed body never crosses the network in clear;
    /// plain http is allowed only to this machine (tests, a local relay).
    static func checkSecure(_ url: URL, service: String) throws(DeliveryError) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else {
            throw .configuration("the \(service) address \"\(DeliveryError.brief(url.absoluteString, limit: 100))\" is not a web address")
        }
        let local = host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]"
        guard scheme == "https" || (scheme == "http" && local) else {
            throw .configuration("the \(service) address must start with https://")
        }
    }

    func post(_ url: URL, headers: [String: String], body: Data, service: String) throws(DeliveryError) -> Response {
        try send("POST", url, headers: headers, body: body, service: service)
    }

    func get(_ url: URL, headers: [String: String], service: String) throws(DeliveryError) -> Response {
        try send("GET", url, headers: headers, body: nil, service: service)
    }

    func send(_ method: String, _ url: URL, headers: [String: String], body: Data?, service: String) throws(DeliveryError) -> Response {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.setValue("OneVoice/\(OneVoiceVersion.string)", forHTTPHeaderField: "User-Agent")
        request.httpBody = body
        let harmful = repeatsAreHarmful

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        // Redirects are not followed: a token or signed body must go only to the configured address.
        let session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }

        let outcome = Mutex<Result<Response, DeliveryError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            let result: Result<Response, DeliveryError>
            if let error {
                let reason = Self.reason(error)
                result = .failure(harmful && !Self.provesNothingWasSent(error)
                                  ? .ambiguous(service: service, reason: reason) : .unreachable(service: service, reason: reason))
            } else if let http = response as? HTTPURLResponse {
                var fields: [String: String] = [:]
                for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
                result = .success(Response(status: http.statusCode, headers: fields, body: data ?? Data()))
            } else {
                result = .failure(.badResponse(service: service, detail: "no HTTP answer"))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        // The session's own timeout ends the task first; this is a backstop.
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            let reason = "no answer within \(Int(timeout)) seconds"
            throw harmful ? .ambiguous(service: service, reason: reason) : .unreachable(service: service, reason: reason)
        }
        switch outcome.withLock({ $0 }) {
        case .success(let response): return response
        case .failure(let error): throw error
        case nil:
            let reason = "the request ended without an answer"
            throw harmful ? .ambiguous(service: service, reason: reason) : .unreachable(service: service, reason: reason)
        }
    }

    /// Failures that happen before any byte of the request can have reached the server.
    private static func provesNothingWasSent(_ error: any Error) -> Bool {
        let ns = error as NSError
        guard ns.domain == NSURLErrorDomain else { return false }
        return [NSURLErrorCannotConnectToHost, NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed, NSURLErrorNotConnectedToInternet,
                NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
                NSURLErrorBadURL, NSURLErrorUnsupportedURL].contains(ns.code)
    }

    private static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSURLErrorDomain {
            switch ns.code {
            case NSURLErrorTimedOut: return "no answer in time"
            case NSURLErrorCannotConnectToHost: return "connection refused"
            case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return "the server name was not found"
            case NSURLErrorNotConnectedToInternet, NSURLErrorNetworkConnectionLost: return "the network is down"
            case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate:
                return "the secure connection failed"
            default: break
            }
        }
        return DeliveryError.brief(ns.localizedDescription, limit: 120)
    }
}

/// Answers every redirect with "do not follow", so a 3xx comes back as the response.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
