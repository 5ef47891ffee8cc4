import ArgumentParser
import Foundation
import OneVoiceCore

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "The release schedule.",
        subcommands: [List.self, Export.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List waiting posts, soonest first, in the agency's time.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.readableWorkspace()
            let (posts, unreadable) = try workspace.upcomingPostsNamingUnreadable()
            for row in unreadable { Output.error("Skipped: \(row).") }
            if store.json { Output.json(posts); return }
            let local = LocalTime(timeZone: try workspace.agency().timeZone)
            Output.table(["POST", "RELEASE", "CHANNEL", "TIME", "STATE"], posts.map {
                ["\($0.id)", "\($0.releaseID)", $0.channel.slug, $0.scheduledAt.map(local.dateTime) ?? "-",
                 $0.state.label + ($0.lastError.map { " (\($0))" } ?? "")]
            })
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Export the schedule as iCalendar (RFC 5545).")
        @Flag(help: "Write iCalendar (the only format for now).") var ics = false
        @Option(help: "Write to this file instead of standard output.") var out: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            guard ics else { throw ValidationError("Say which format: --ics.") }
            let workspace = try store.readableWorkspace()
            let calendar = try workspace.scheduleCalendar()
            if let out {
                try FileSafety.writeAtomically(Data(calendar.utf8), to: URL(fileURLWithPath: out))
                if !store.json { print("Wrote the schedule to \(out).") }
            } else if isatty(1) != 0 {
                // On a terminal the calendar is for reading: CRLF line ends become plain ones, and stored
                // text shows its control characters instead of sending them.
                print(calendar.replacingOccurrences(of: "\r\n", with: "\n"), terminator: "")
            } else {
                FileHandle.standardOutput.write(Data(calendar.utf8))
            }
        }
    }
}
