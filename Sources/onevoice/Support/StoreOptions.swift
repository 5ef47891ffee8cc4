import ArgumentParser
import Foundation
import OneVoiceCore

/// The options every command that reads or writes data takes.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file, or a shared server as postgres://USER@HOST:PORT/DB (default: $ONEVOICE_DB, the config's [database] url, or ~/.local/share/onevoice/onevoice.sqlite).", valueName: "path|url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Your private key (default: $ONEVOICE_IDENTITY or ~/.config/onevoice/identity.key).", valueName: "path"))
    var identity: String?

    @Flag(name: .long, help: "Print one JSON value instead of text.")
    var json = false

    var paths: XDGPaths { XDGPaths() }
    /// The database file, for what only a file can be.
    var databaseURL: URL { get throws { try paths.databaseURL(explicit: db) } }
    /// The file or server: --db, $ONEVOICE_DB, the config's `[database] url`, the default file.
    var databaseLocation: DatabaseLocation {
        get throws {
            let configured = (try? Self.loadedSettings.get())?.databaseURL
            return try paths.databaseLocation(explicit: db, configured: configured)
        }
    }
    var identityURL: URL { paths.identityURL(explicit: identity) }

    /// The agency's configuration, templates and rules, read once per process
    /// (`$XDG_CONFIG_HOME/onevoice/config.toml` and `templates/`).
    static let loadedSettings: Result<WorkspaceSettings, AgencyConfigError> = Result { () throws(AgencyConfigError) in
        try WorkspaceSettings.load(paths: XDGPaths())
    }

    /// The settings every workspace of this process uses; a broken configuration stops the command.
    func workspaceSettings() throws -> WorkspaceSettings {
        try Self.loadedSettings.get()
    }

    /// The workspace for a command that changes data: the key must load.
    func writableWorkspace() throws -> Workspace {
        let settings = try workspaceSettings()
        let key = try IdentityKey.load(from: identityURL)
        let database = try AppDatabase.open(databaseLocation, copies: paths.serverCopiesDirectory)
        return Workspace(database: database, identity: key, identityPath: identityURL.path, settings: settings)
    }

    /// The workspace for a command that never writes anything (a printed screen, a list, a search): as
    /// `readableWorkspace`, on one read-only connection when the schema is current.
    func queryWorkspace() throws -> Workspace {
        let settings = try workspaceSettings()
        let key = try? IdentityKey.load(from: identityURL)
        let database = try AppDatabase.openForQuerying(databaseLocation, copies: paths.serverCopiesDirectory)
        return Workspace(database: database, identity: key, identityPath: identityURL.path, settings: settings)
    }

    /// The workspace for a command that only reads: a key is used when there is one, and a database
    /// file that cannot be written is opened read-only.
    func readableWorkspace() throws -> Workspace {
        let settings = try workspaceSettings()
        let key = try? IdentityKey.load(from: identityURL)
        let database = try AppDatabase.openForReading(databaseLocation, copies: paths.serverCopiesDirectory)
        return Workspace(database: database, identity: key, identityPath: identityURL.path, settings: settings)
    }
}
