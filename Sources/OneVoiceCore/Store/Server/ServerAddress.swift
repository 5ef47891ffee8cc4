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
            // Shown without its password, and without a control character that would forge a line or a colour.
            .invalid(oneLine("\(redacted(text)) is not a usable PostgreSQL address (\(why)); write it as postgres://USER@HOST:PORT/DATABASE."))
        }
        guard let components = URLComponents(string: text) else { throw refuse("it is not a URL") }
        guard let host = components.host, !host.isEmpty else { throw refuse("it names no host") }
        // As libpq: no user means the name this machine's user signed in with.
        // The raw (still escaped) parts, each decoded once: URLComponents' own `user` and `path` are decoded
        // already, so an escaped "/" in a database name would read as a slash, and "%2541" would decode twice.
        func decoded(_ raw: String?) -> String? { raw.map { $0.removingPercentEncoding ?? $0 } }
        let user = decoded(components.percentEncodedUser).flatMap { $0.isEmpty ? nil : $0 }
            ?? ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refuse("the port is out of range") }
        let rawPath = components.percentEncodedPath
        let rawDatabase = rawPath.hasPrefix("/") ? String(rawPath.dropFirst()) : rawPath
        guard !rawDatabase.contains("/") else { throw refuse("the database name holds a slash") }
        let database = rawDatabase.isEmpty ? user : decoded(rawDatabase) ?? rawDatabase
        let password = decoded(components.percentEncodedPassword).flatMap { $0.isEmpty ? nil : $0 }
        // A control character (a NUL, a line feed) would end the name early in the protocol, or forge a line in a message.
        for (what, value) in [("host", host), ("user", user), ("database name", database), ("password", password ?? "")]
        where value.unicodeScalars.contains(where: breaksText) {
            throw refuse("the \(what) holds a control character")
        }
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
                             password: password, database: database, tls: tls)
    }

    /// An address as a message may show it: its password replaced, on one line.
    static func shown(_ text: String) -> String { oneLine(redacted(text)) }

    /// `text` with every character that would break a line or the terminal replaced.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { breaksText($0) ? "\u{FFFD}" : $0 }))
    }

    /// A control character or a line or paragraph separator: what would end a name early or start a new line.
    static func breaksText(_ scalar: Unicode.Scalar) -> Bool {
        [.control, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
    }

    /// The address without its password: what messages and file names may show.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)"
    }

    /// `text` with any password replaced, for a message about an address that did not parse. Written for
    /// addresses no URL parser accepts too: everything between the user's name and the last `@` of the
    /// authority goes, so a password with an unescaped `@`, `/` or space never shows either.
    static func redacted(_ text: String) -> String {
        // By scalars, not characters: "@" followed by a joiner is one character, and would hide the "@".
        let scalars = Array(text.unicodeScalars)
        guard let scheme = text.unicodeScalars.firstRange(of: "://".unicodeScalars) else { return text }
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: scheme.upperBound)
        guard let at = scalars.lastIndex(of: "@"), at >= start,
              let colon = scalars[start..<at].firstIndex(of: ":") else { return text }
        var shown = String.UnicodeScalarView(scalars[...colon])
        shown.append("…")
        shown.append(contentsOf: scalars[at...])
        return String(shown)
    }
}
