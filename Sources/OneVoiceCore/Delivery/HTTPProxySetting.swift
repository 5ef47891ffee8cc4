import AsyncHTTPClient
import Foundation

/// The proxy an agency's network may require, read the way curl and most tools read it: `https_proxy` (or
/// `HTTPS_PROXY`) for https addresses, `http_proxy` for http ones, and `no_proxy` naming hosts and domains that
/// are reached directly (`*` for all). This machine's own addresses never go through a proxy.
enum HTTPProxySetting {
    static func proxy(for url: URL, environment: [String: String], service: String) throws(DeliveryError) -> HTTPClient.Configuration.Proxy? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !HTTPPoster.isLoopback(host) else { return nil }
        let names = scheme == "https" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy"]
        guard let (name, setting) = names.lazy.compactMap({ name in environment[name].map { (name, $0) } })
            .first(where: { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
        if bypasses(host: host, noProxy: environment["no_proxy"] ?? environment["NO_PROXY"] ?? "") { return nil }

        let text = setting.trimmingCharacters(in: .whitespaces)
        guard let address = URL(string: text.contains("://") ? text : "http://" + text),
              address.scheme?.lowercased() == "http", let proxyHost = address.host, !proxyHost.isEmpty else {
            throw .configuration("the proxy in \(name) (\"\(DeliveryError.brief(withoutCredentials(text), limit: 80))\") is not an http:// address of a proxy, needed to reach \(service)")
        }
        let authorization = address.user.map { user in
            HTTPClient.Authorization.basic(username: user.removingPercentEncoding ?? user,
                                           password: (address.password ?? "").removingPercentEncoding ?? "")
        }
        return .server(host: proxyHost, port: address.port ?? 80, authorization: authorization)
    }

    /// The setting as a message may show it (a post's error is part of the public record): any user name and
    /// password before the host become `…`.
    static func withoutCredentials(_ text: String) -> String {
        let hostStart = text.range(of: "://").map(\.upperBound) ?? text.startIndex
        guard let at = text[hostStart...].lastIndex(of: "@") else { return text }
        return String(text[..<hostStart]) + "…@" + String(text[text.index(after: at)...])
    }

    /// `no_proxy` entries: a host, a domain (`example.org` or `.example.org` covers its subdomains), or `*`.
    static func bypasses(host: String, noProxy: String) -> Bool {
        for entry in noProxy.split(separator: ",") {
            var name = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if name == "*" { return true }
            if let colon = name.lastIndex(of: ":"), !name.contains("]"), name[name.index(after: colon)...].allSatisfy(\.isNumber) {
                name = String(name[..<colon])
            }
            while name.hasPrefix(".") { name.removeFirst() }
            if !name.isEmpty, host == name || host.hasSuffix("." + name) { return true }
        }
        return false
    }
}
