import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP request, answered or failed, with a timeout: the thin network step of the webhook, Mastodon,
/// X, Bluesky and Facebook deliverers. It blocks the calling thread, so run deliveries off the interface loop.
///
/// AsyncHTTPClient on SwiftNIO, not Foundation's URLSession: FoundationNetworking links libcurl and 28 more
/// shared libraries behind it, which the dynamic loader bound at the start of every command (about 6 ms of
/// `onevoice --version`'s floor), whether or not the command ever sent anything.
struct HTTPPoster: Sendable {
    var timeout: TimeInterval
    /// For a request the platform cannot recognise as a repeat (X, Bluesky, Facebook have no idempotency key):
    /// a failure after the request was handed to the connection (a timeout, a reset) is `ambiguous`, never
    /// retried by itself. Only a failure before that (refused, unknown host, failed TLS) stays `unreachable`.
    var repeatsAreHarmful = false
    /// The process's environment, for `https_proxy` and `no_proxy` (tests pass their own).
    var environment: [String: String] = ProcessInfo.processInfo.environment
    /// The trust roots, as a folder of certificates named by subject hash (tests pass their own CA's).
    var trustFolder = TLSTrust.systemFolder

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

        /// A redirect's detail for its error: where it points, not its body (a page meant for browsers).
        /// Nil when this is not a redirect.
        func redirectDetail(redacting secrets: DeliverySecrets) -> String? {
            guard (300...399).contains(status) else { return nil }
            guard let location = header("Location"), !location.isEmpty else { return "" }
            return "it points to " + DeliveryError.brief(secrets.redact(location), limit: 120)
        }
    }

    /// A remote address must use https so a token or signed body never crosses the network in clear;
    /// plain http is allowed only to this machine (tests, a local relay).
    static func checkSecure(_ url: URL, service: String) throws(DeliveryError) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else {
            throw .configuration("the \(service) address \"\(DeliveryError.brief(url.absoluteString, limit: 100))\" is not a web address")
        }
        guard scheme == "https" || (scheme == "http" && isLoopback(host)) else {
            throw .configuration("the \(service) address must start with https://")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
    }

    func post(_ url: URL, headers: [String: String], body: Data, service: String) throws(DeliveryError) -> Response {
        try send("POST", url, headers: headers, body: body, service: service)
    }

    func get(_ url: URL, headers: [String: String], service: String) throws(DeliveryError) -> Response {
        try send("GET", url, headers: headers, body: nil, service: service)
    }

    func send(_ method: String, _ url: URL, headers: [String: String], body: Data?, service: String) throws(DeliveryError) -> Response {
        let proxy = try HTTPProxySetting.proxy(for: url, environment: environment, service: service)
        let wait = TimeAmount.nanoseconds(Int64((max(timeout, 0.001) * 1e9).rounded()))
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: TLSTrust.clientConfiguration(folder: trustFolder),
            // Redirects are not followed: a token or signed body must go only to the configured address.
            redirectConfiguration: .disallow,
            timeout: .init(connect: wait, read: wait, write: wait),
            proxy: proxy,
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled)
        // A refused connection fails at once instead of being retried until the deadline: the scheduler's
        // backoff decides when to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        defer { try? client.syncShutdown() }

        var fields = HTTPHeaders()
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { fields.replaceOrAdd(name: name, value: value) }
        fields.replaceOrAdd(name: "User-Agent", value: "OneVoice/\(OneVoiceVersion.string)")
        let collector = HTTPResponseCollector()
        let outcome: Result<Response, any Error>
        do {
            let request = try HTTPClient.Request(url: url, method: HTTPMethod(rawValue: method), headers: fields,
                                                 body: body.map { .bytes($0) })
            let task = client.execute(request: request, delegate: collector, deadline: .now() + wait)
            outcome = Result { try task.wait() }
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let response): return response
        case .failure(let error):
            let reason = HTTPFailure.reason(error, timeout: timeout)
            // Nothing of the request reached the connection: the platform cannot have it, so it is safe to retry.
            if !repeatsAreHarmful || !collector.requestWasSent { throw .unreachable(service: service, reason: reason) }
            throw .ambiguous(service: service, reason: reason)
        }
    }
}
