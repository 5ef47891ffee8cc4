/// One `:` command.
public struct DashboardCommand: Sendable {
    public var name: String
    public var aliases: [String]
    /// How to type it, e.g. ":theme NAME".
    public var usage: String
    public var summary: String
    /// Changes the state for the given arguments and asks for effects; returns an error sentence for bad arguments.
    public var run: @Sendable (inout DashboardState, [String]) -> Result<[Effect], CommandError>

    public init(name: String, aliases: [String] = [], usage: String, summary: String,
                run: @escaping @Sendable (inout DashboardState, [String]) -> Result<[Effect], CommandError>) {
        self.name = name
        self.aliases = aliases
        self.usage = usage
        self.summary = summary
        self.run = run
    }
}

/// A command that could not run, as one sentence for the user.
public struct CommandError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The `:` commands; later features add theirs with `adding(_:)`.
public struct CommandRegistry: Sendable {
    public private(set) var commands: [DashboardCommand]

    public init(commands: [DashboardCommand]) {
        self.commands = commands
    }

    public func adding(_ command: DashboardCommand) -> CommandRegistry {
        var copy = self
        copy.commands.append(command)
        return copy
    }

    public func command(named name: String) -> DashboardCommand? {
        commands.first { $0.name == name || $0.aliases.contains(name) }
    }

    public static let standard = CommandRegistry(commands: [
        DashboardCommand(name: "q", aliases: ["quit"], usage: ":q", summary: "Quit the dashboard") { state, _ in
            state.quitRequested = true
            return .success([])
        },
        DashboardCommand(name: "help", aliases: ["h"], usage: ":help", summary: "Show the keys and commands") { state, _ in
            state.showHelp = true
            return .success([])
        },
        DashboardCommand(name: "theme", usage: ":theme NAME", summary: "Switch theme (default, high-contrast, light, monochrome)") { state, args in
            guard let name = args.first else { return .failure(CommandError("Say which theme, e.g. :theme high-contrast.")) }
            return .success([.loadTheme(name)])
        },
        DashboardCommand(name: "incident", aliases: ["i"], usage: ":incident ID", summary: "Open an incident by its id") { state, args in
            guard let id = args.first else { return .failure(CommandError("Say which incident, e.g. :incident INC-0042.")) }
            return .success(Update.open(incident: id, state: &state))
        },
        DashboardCommand(name: "log", usage: ":log", summary: "Show the records log") { state, _ in
            .success(Update.go(to: .log, state: &state))
        },
        DashboardCommand(name: "board", usage: ":board", summary: "Show the incident board") { state, _ in
            .success(Update.go(to: .board, state: &state))
        },
        DashboardCommand(name: "schedule", usage: ":schedule", summary: "Show the schedule: the next 24 hours and what needs a person") { state, _ in
            .success(Update.go(to: .schedule, state: &state))
        },
        DashboardCommand(name: "release", aliases: ["r"], usage: ":release ID", summary: "Open a release by its id") { state, args in
            guard let id = args.first else { return .failure(CommandError("Say which release, e.g. :release 12.")) }
            return .success(Update.openRelease(id, state: &state))
        },
        DashboardCommand(name: "as", usage: ":as ROLE", summary: "Demo only: act as admin, drafter, verifier, legal, spokesperson or pio") { state, args in
            guard let role = args.first else {
                return .failure(CommandError("Say who to act as, e.g. :as legal (admin, drafter, verifier, legal, spokesperson, pio)."))
            }
            return .success([.operate(.actAs(role))])
        },
    ])
}
