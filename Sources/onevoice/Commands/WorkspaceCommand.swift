import ArgumentParser
import Foundation
import OneVoiceCore

struct WorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace",
        abstract: "The agency's workspace: show it, or switch between EXERCISE and LIVE (admin).",
        subcommands: [Show.self, Mode.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the agency, its mode and time zone.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let agency = try store.readableWorkspace().agency()
            if store.json { Output.json(agency); return }
            print("\(agency.name): \(agency.mode.badge), time zone \(agency.timeZoneIdentifier).")
        }
    }

    struct Mode: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "mode", abstract: "Switch the workspace to exercise or live (admin; signed and logged).")
        @Argument(help: "exercise or live.") var mode: WorkspaceMode
        @Option(help: "Why (kept with your signature).") var note: String = ""
        @OptionGroup var store: StoreOptions

        func run() throws {
            let agency = try store.writableWorkspace().setWorkspaceMode(mode, note: note)
            if store.json { Output.json(agency) } else { print("The workspace is now \(agency.mode.badge).") }
        }
    }
}

extension WorkspaceMode: ExpressibleByArgument {}
