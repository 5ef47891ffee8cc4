import Foundation

/// Where an agency's record lives: the embedded SQLite file (the default), or a shared PostgreSQL server that
/// several machines of a joint information center use at once.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case file(URL)
    case server(ServerAddress)

    /// A path or `file:` URL is a file; `postgres://` or `postgresql://` is a server; any other scheme is refused.
    public static func parse(_ location: String) throws(StoreError) -> DatabaseLocation {
        guard let colon = location.firstIndex(of: ":"), location[colon...].hasPrefix("://") else {
            return .file(URL(fileURLWithPath: location))
        }
        let scheme = location[..<colon].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
            return .file(URL(fileURLWithPath: location))
        }
        // A file: URL names a local file; one with another host (file://server/share) is not ours to open.
        if scheme == "file", let url = URL(string: location), url.isFileURL, !url.path.isEmpty,
           (url.host ?? "").isEmpty || url.host == "localhost" {
            return .file(URL(fileURLWithPath: url.path))
        }
        if scheme == "postgres" || scheme == "postgresql" {
            return .server(try ServerAddress.parse(location))
        }
        // Named in the message as a server address would be: without a password, on one line.
        throw .unsupportedLocation(location: ServerAddress.shown(location), scheme: scheme)
    }

    /// The file, when this is one.
    public var fileURL: URL? {
        if case .file(let url) = self { return url }
        return nil
    }

    /// The path or the server's address without its password: what messages name.
    public var description: String {
        switch self {
        case .file(let url): url.path
        case .server(let address): address.description
        }
    }
}
