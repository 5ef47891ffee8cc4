import Foundation

/// A PostgreSQL server named by a `postgres://user:password@host:port/database?sslmode=MODE` URL, as libpq
/// reads one: the user defaults to this machine's user, the port to 5432, the database to the user's name, and
/// `sslmode` to `prefer`.
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain text only.
        case disable
        /// TLS when the server offers it (libpq's default).
        case prefer
        /// TLS or nothing.
        case require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    static func parse(_ text: String) throws(StoreError) -> ServerAddress {
        func refuse(_ why: String) -> StoreError {
            .invalid("\(redacted(text)) is not a usable PostgreSQL address (\(why)); write it as postgres://USER@HOST:PORT/DATABASE.")
        }
        guard let components = URLComponents(string: text) else { throw refuse("it is not a URL") }
        guard let host = components.host, !host.isEmpty else { throw refuse("it names no host") }
        // As libpq: no user means the name this machine's user signed in with.
        let user = components.user.flatMap { $0.isEmpty ? nil : $0 }
            ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refuse("the port is out of range") }
        var database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        if database.isEmpty { database = user }
        guard !database.contains("/") else { throw refuse("the database name holds a slash") }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw refuse("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            default:
                throw refuse("OneVoice does not know the setting \"\(item.name)\"")
            }
        }
        return ServerAddress(host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: port, user: user,
                             password: components.password?.removingPercentEncoding ?? components.password,
                             database: database.removingPercentEncoding ?? database, tls: tls)
    }

    /// The address without its password: what messages and file names may show.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)"
    }

    /// `text` with any password replaced, for a message about an address that did not parse.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "…"
        return components.string ?? text
    }
}
