import ArgumentParser
import Foundation
import OneVoiceCore
import OneVoiceTUI

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The terminal dashboard (the default when no command is given).",
        discussion: "Press ? for help. With --demo it opens a fictional agency in EXERCISE mode, in its own database."
    )

    @Flag(help: "Open a demo agency (EXERCISE, fictional, re-made at each start; never your real database).")
    var demo = false

    @Option(name: .customLong("as"), help: ArgumentHelp("In the demo, act as this role or handle: admin, drafter, verifier, legal, spokesperson, pio (drafter and spokesperson).", valueName: "role"))
    var actAs: String = "spokesperson"

    @Option(help: "A colour theme by name: default, high-contrast, light, monochrome, or NAME for NAME.toml in ~/.config/onevoice/themes.",
            completion: Completions.themes)
    var theme: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let theme, !ThemeLibrary.isValidName(theme) {
            throw ValidationError("--theme takes a theme name (lower-case letters, digits, '-' and '_'), not a path; put NAME.toml in ~/.config/onevoice/themes and pass NAME.")
        }
    }

    func run() throws {
        // Before seeding a demo or starting the scheduler: piped output gets the one-sentence pointer to the CLI.
        guard isatty(0) != 0, isatty(1) != 0 else { throw DashboardError.notATerminal }
        let workspace = try demo ? DemoWorkspace.open(actingAs: actAs) : store.readableWorkspace()
        // The dashboard delivers too while it is open (the lease keeps it to one deliverer at a time);
        // its failures show on the flash line and the schedule view.
        let loop = (try? Scheduler.standard(workspace: workspace)).map { SchedulerLoop(scheduler: $0) }
        loop?.start()
        defer {
            loop?.requestStop()
            loop?.scheduler.stop()
        }
        let options = DashboardOptions(themeName: theme ?? workspace.settings.theme, themesDirectory: nil)
        // On a shared server: other machines' changes arrive by LISTEN/NOTIFY.
        workspace.database.listenForChanges()
        let source = StoreDashboardSource(workspace: workspace, switchIdentity: demo ? DemoWorkspace.switcher(workspace) : nil)
        source.schedulerLoop = loop
        let exit = try Dashboard.run(source: source, options: options)
        if case .signal(let number) = exit { throw ExitCode(128 + number) }
    }
}

/// The demo's own folder and keys, beside (never inside) the real data.
enum DemoWorkspace {
    static var seeder: DemoSeeder {
        DemoSeeder(directory: XDGPaths().dataDirectory.appendingPathComponent("demo"))
    }

    static func open(actingAs role: String) throws -> Workspace {
        let seeder = self.seeder
        guard let keyURL = seeder.keyURL(forRoleOrHandle: role) else {
            throw ValidationError("\"\(role)\" is not a demo role; use \(roleNames).")
        }
        try seeder.seed(settings: StoreOptions.loadedSettings.get())
        let key = try IdentityKey.load(from: keyURL)
        return Workspace(database: try AppDatabase.open(at: seeder.databaseURL), identity: key,
                         identityPath: keyURL.path, settings: try StoreOptions.loadedSettings.get())
    }

    static var roleNames: String {
        "admin, drafter, verifier, legal, spokesperson, pio (drafter and spokesperson) or \(DemoSeeder.partner.person.handle) (of \(DemoSeeder.partner.name))"
    }

    /// `:as ROLE` in the demo: the same workspace acting with that role's key.
    static func switcher(_ workspace: Workspace) -> @Sendable (String) throws -> Workspace {
        let seeder = self.seeder
        return { name in
            guard let url = seeder.keyURL(forRoleOrHandle: name) else {
                throw OperationError("\"\(name)\" is not a demo role; use \(roleNames).")
            }
            return workspace.acting(as: try IdentityKey.load(from: url))
        }
    }
}

