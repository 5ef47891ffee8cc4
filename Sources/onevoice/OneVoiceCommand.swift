import ArgumentParser
import OneVoiceCore

@main
struct OneVoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onevoice",
        abstract: "OneVoice: one voice for a public-safety agency, from verified fact to signed, timed release.",
        discussion: """
            Every change is signed by the key you hold (--identity or ONEVOICE_IDENTITY) and recorded in a \
            tamper-evident log. The database is --db, ONEVOICE_DB, or ~/.local/share/onevoice/onevoice.sqlite.
            """,
        version: OneVoiceVersion.string,
        subcommands: [
            DashboardCommand.self,
            SnapshotCommand.self,
            InitCommand.self,
            KeyCommand.self,
            RosterCommand.self,
            IncidentCommand.self,
            FactCommand.self,
            NamedCommand.self,
            TemplateCommand.self,
            ReleaseCommand.self,
            ScheduleCommand.self,
            SchedulerCommand.self,
            ContactCommand.self,
            RumorCommand.self,
            PostCommand.self,
            WorkspaceCommand.self,
            ArchiveCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// ArgumentParser's own main, except that an error's sentence (which may quote stored text or what
    /// was typed) reaches the terminal with control and escape characters shown, never obeyed.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { Output.error(message) }
            exit(withError: code)
        }
    }
}

