import ArgumentParser
import Foundation
import OneVoiceCore

@main
struct OneVoiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onevoice",
        abstract: "OneVoice: one voice for a public-safety agency, from verified fact to signed, timed release.",
        discussion: """
            Every change is signed by the key you hold (--identity or ONEVOICE_IDENTITY) and recorded in a \
            tamper-evident log. The database is --db, ONEVOICE_DB, the config's [database] url, or \
            ~/.local/share/onevoice/onevoice.sqlite; a postgres://USER@HOST:PORT/DB address is a server shared by \
            several machines (a joint information center).
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
            ChannelCommand.self,
            WorkspaceCommand.self,
            AgencyCommand.self,
            ArchiveCommand.self,
            DatabaseCommand.self,
            BenchCommand.self,
            ManualCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// Parses and runs like ArgumentParser's own `main`, with two additions: a mistyped subcommand gets a
    /// "did you mean", and under `--json` an error is one JSON value on standard output
    /// (`{"error": {"exitCode": 1, "message": "..."}}`) with the same exit status.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            // Help, version, and an exit status a command chose after printing its own answer, go as they are.
            guard code != .success, !(error is ExitCode) else { exit(withError: error) }
            var sentence = message(for: error)
            if code == .validationFailure, let (typed, best) = CommandSuggestion.suggestion(for: arguments, root: self) {
                sentence = "\"\(typed)\" is not a command here; did you mean \"\(best)\"? (\(sentence))"
                if !arguments.contains("--json") { Output.error(sentence) }
            }
            if arguments.contains("--json") {
                Output.jsonError(sentence, exitCode: code.rawValue)
                Foundation.exit(code.rawValue)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { Output.error(message) }
            exit(withError: code)
        }
    }
}

