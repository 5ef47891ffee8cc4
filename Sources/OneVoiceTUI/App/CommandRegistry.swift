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
        DashboardCommand(name: "incident", aliases: ["i"], usage: ":incident NUMBER", summary: "Open an incident by its number") { state, args in
            guard let id = args.first else { return .failure(CommandError("Say which incident, e.g. :incident 42 (the number on the board).")) }
            return .success(Update.open(incident: IncidentID(id), state: &state))
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
        DashboardCommand(name: "release", aliases: ["r"], usage: ":release NUMBER", summary: "Open a release by its number") { state, args in
            guard let id = args.first else { return .failure(CommandError("Say which release, e.g. :release 12.")) }
            return .success(Update.openRelease(ReleaseID(id), state: &state))
        },
        DashboardCommand(name: "fact", usage: ":fact", summary: "Add a fact to the incident (its key picked from the template)") { state, _ in
            .success(IncidentActions.addFact(state: &state))
        },
        DashboardCommand(name: "spokesperson", usage: ":spokesperson", summary: "Assign or hand over the incident's spokesperson (from the roster)") { state, _ in
            .success(IncidentActions.assignSpokesperson(state: &state))
        },
        DashboardCommand(name: "edit", usage: ":edit", summary: "Edit the incident: title, kind, severity, location") { state, _ in
            .success(IncidentActions.edit(state: &state))
        },
        DashboardCommand(name: "close", usage: ":close", summary: "Close the incident (asks first)") { state, _ in
            .success(IncidentActions.close(state: &state))
        },
        DashboardCommand(name: "update", usage: ":update", summary: "Start an UPDATE of the released release on screen") { state, _ in
            .success(ReleaseActions.followUp(correction: false, state: &state))
        },
        DashboardCommand(name: "correct", usage: ":correct", summary: "Start a CORRECTION of the released release on screen") { state, _ in
            .success(ReleaseActions.followUp(correction: true, state: &state))
        },
        DashboardCommand(name: "rumor", usage: ":rumor [CLAIM]", summary: "Record a rumor about the incident and where it was seen") { state, args in
            .success(AgencyCommands.rumor(args, state: &state))
        },
        DashboardCommand(name: "answer", usage: ":answer", summary: "Answer a rumor with a verified fact (drafts the answer)") { state, _ in
            .success(AgencyCommands.answer(state: &state))
        },
        DashboardCommand(name: "named", usage: ":named [NAME]", summary: "Record a person named in the incident (drives the name holds)") { state, args in
            .success(AgencyCommands.named(args, state: &state))
        },
        DashboardCommand(name: "notified", usage: ":notified", summary: "Record that a named person's next of kin were notified (verifier)") { state, _ in
            .success(AgencyCommands.notified(state: &state))
        },
        DashboardCommand(name: "contacts", usage: ":contacts", summary: "Show the media list") { _, _ in
            .success([.loadForm(.contacts)])
        },
        DashboardCommand(name: "contact", usage: ":contact", summary: "Add someone to the media list") { state, _ in
            .success(AgencyCommands.contact(state: &state))
        },
        DashboardCommand(name: "mode", usage: ":mode exercise|live", summary: "Switch the workspace between EXERCISE and LIVE (admin; asks first)") { state, args in
            AgencyCommands.mode(args, state: &state)
        },
        DashboardCommand(name: "roster", usage: ":roster [add]", summary: "Show the roster, or add someone (admin)") { state, args in
            AgencyCommands.roster(args, state: &state)
        },
        DashboardCommand(name: "posted", usage: ":posted [ADDRESS]",
                         summary: "Mark the selected post (or the release's) posted by hand, at ADDRESS") { state, args in
            let effects = PostActions.perform(.markPosted, state: &state)
            if var dialog = state.dialog, case .post(var form) = dialog.form {
                form.address.text = args.joined(separator: " ")
                dialog.focus = form.position(of: \.address) ?? 0
                dialog.form = .post(form)
                state.dialog = dialog
            }
            return .success(effects)
        },
        DashboardCommand(name: "resend", usage: ":resend", summary: "Resend a post to check or one held for expired credentials (asks first)") { state, _ in
            .success(PostActions.perform(.resend, state: &state))
        },
        DashboardCommand(name: "as", usage: ":as ROLE", summary: "Demo only: act as admin, drafter, verifier, legal, spokesperson or pio") { state, args in
            guard let role = args.first else {
                return .failure(CommandError("Say who to act as, e.g. :as legal (admin, drafter, verifier, legal, spokesperson, pio)."))
            }
            return .success([.operate(.actAs(role))])
        },
    ])
}
