import Foundation

/// Where OneVoice keeps its files, following the XDG base-directory convention.
public struct XDGPaths: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    private var home: String { environment["HOME"] ?? NSHomeDirectory() }

    /// `$XDG_DATA_HOME/onevoice` (default `~/.local/share/onevoice`): the database, outboxes, feeds.
    public var dataDirectory: URL {
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        return URL(fileURLWithPath: base).appendingPathComponent("onevoice")
    }

    /// `$XDG_CONFIG_HOME/onevoice` (default `~/.config/onevoice`): identity key, config.toml, templates.
    public var configDirectory: URL {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return URL(fileURLWithPath: base).appendingPathComponent("onevoice")
    }

    /// `--db` wins, then `ONEVOICE_DB`, then the default file in the data folder.
    ///
    /// A path is the embedded SQLite database; so is a `file:` URL. A URL of any other scheme is refused, never
    /// taken as a relative path (`postgres://host/db` once made a folder named "postgres:").
    public func databaseURL(explicit: String?) throws(StoreError) -> URL {
        if let explicit, !explicit.isEmpty { return try Self.databaseFile(explicit) }
        if let env = environment["ONEVOICE_DB"], !env.isEmpty { return try Self.databaseFile(env) }
        return dataDirectory.appendingPathComponent("onevoice.sqlite")
    }

    static func databaseFile(_ location: String) throws(StoreError) -> URL {
        guard let colon = location.firstIndex(of: ":"), location[colon...].hasPrefix("://") else {
            return URL(fileURLWithPath: location)
        }
        let scheme = location[..<colon].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
            return URL(fileURLWithPath: location)
        }
        // A file: URL names a local file; one with another host (file://server/share) is not ours to open.
        if scheme == "file", let url = URL(string: location), url.isFileURL, !url.path.isEmpty,
           (url.host ?? "").isEmpty || url.host == "localhost" {
            return URL(fileURLWithPath: url.path)
        }
        throw .unsupportedLocation(location: location, scheme: scheme)
    }

    /// `--identity` wins, then `ONEVOICE_IDENTITY`, then `identity.key` in the config folder.
    public func identityURL(explicit: String?) -> URL {
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let env = environment["ONEVOICE_IDENTITY"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return configDirectory.appendingPathComponent("identity.key")
    }

    /// `$XDG_STATE_HOME/onevoice` (default `~/.local/state/onevoice`): chain heads seen, kept outside the database.
    public var stateDirectory: URL {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return URL(fileURLWithPath: base).appendingPathComponent("onevoice")
    }

    public var templatesDirectory: URL { configDirectory.appendingPathComponent("templates") }
    public var configFile: URL { configDirectory.appendingPathComponent("config.toml") }
}
