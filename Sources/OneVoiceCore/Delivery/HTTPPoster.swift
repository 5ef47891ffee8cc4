import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// One HTTP request, answered or failed, with a timeout: the thin network step of the webhook and
/// Mastodon deliverers. It blocks the calling thread, so run deliveries off the interface loop.
struct HTTPPoster: Sendable {
    var timeout: TimeInterval

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
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.setValue("OneVoice/\(OneVoiceVersion.string)", forHTTPHeaderField: "User-Agent")
        request.httpBody = body

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
                result = .failure(.unreachable(service: service, reason: Self.reason(error)))
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
            throw .unreachable(service: service, reason: "no answer within \(Int(timeout)) seconds")
        }
        switch outcome.withLock({ $0 }) {
        case .success(let response): return response
        case .failure(let error): throw error
        case nil: throw .unreachable(service: service, reason: "the request ended without an answer")
        }
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
