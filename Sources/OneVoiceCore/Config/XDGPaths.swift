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

    /// `--db` wins, then `ONEVOICE_DB`, then the config's `[database] url`, then the default file in the data folder.
    ///
    /// A path is the embedded SQLite database; so is a `file:` URL. `postgres://` names a shared server. A URL of
    /// any other scheme is refused, never taken as a relative path (`postgres://host/db` once made a folder
    /// named "postgres:").
    public func databaseLocation(explicit: String?, configured: String? = nil) throws(StoreError) -> DatabaseLocation {
        if let explicit, !explicit.isEmpty { return try DatabaseLocation.parse(explicit) }
        if let env = environment["ONEVOICE_DB"], !env.isEmpty { return try DatabaseLocation.parse(env) }
        if let configured, !configured.isEmpty { return try DatabaseLocation.parse(configured) }
        return .file(dataDirectory.appendingPathComponent("onevoice.sqlite"))
    }

    /// The database file, for what only a file can be (the bench, a demo): a server address is refused.
    public func databaseURL(explicit: String?) throws(StoreError) -> URL {
        try Self.file(of: try databaseLocation(explicit: explicit))
    }

    static func databaseFile(_ location: String) throws(StoreError) -> URL {
        try file(of: try DatabaseLocation.parse(location))
    }

    private static func file(of location: DatabaseLocation) throws(StoreError) -> URL {
        guard let url = location.fileURL else { throw .needsFile(location: location.description) }
        return url
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

    /// `$XDG_CACHE_HOME/onevoice` (default `~/.cache/onevoice`): this machine's working copies of servers' logs.
    public var cacheDirectory: URL {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.cache"
        return URL(fileURLWithPath: base).appendingPathComponent("onevoice")
    }

    /// Where the working copies of shared servers' logs are kept.
    public var serverCopiesDirectory: URL { cacheDirectory.appendingPathComponent("servers") }

    public var templatesDirectory: URL { configDirectory.appendingPathComponent("templates") }
    public var configFile: URL { configDirectory.appendingPathComponent("config.toml") }
}
