import ArgumentParser
import Foundation
import OneVoiceCore

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Move the record between a database file and a shared PostgreSQL server.",
        subcommands: [Copy.self]
    )

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy the whole record, entry for entry, from a file to an empty server or from a server to a new file.",
            discussion: """
                The source must pass `archive verify` first, and the copy must pass it after, ending at the same \
                chain head. The target must be empty: a server database with no records log, or a file that does not \
                exist yet. Example: onevoice db copy --from ~/.local/share/onevoice/onevoice.sqlite --to postgres://pio@jic.example.org/jic
                """
        )
        @Option(help: ArgumentHelp("The record to copy: a database file or a postgres:// server.", valueName: "path|url"))
        var from: String
        @Option(help: ArgumentHelp("Where to copy it: a new database file or an empty postgres:// server.", valueName: "path|url"))
        var to: String
        @Flag(name: .long, help: "Print one JSON value instead of text.")
        var json = false

        func run() throws {
            let paths = XDGPaths()
            let source = try DatabaseLocation.parse(from)
            let target = try DatabaseLocation.parse(to)
            guard source != target else {
                throw ValidationError("--from and --to name the same record; nothing was copied.")
            }
            let database = try AppDatabase.openForReading(source, copies: paths.serverCopiesDirectory)
            let summary = try DatabaseCopy.copy(from: database, to: target, copies: paths.serverCopiesDirectory)
            if json { Output.json(summary); return }
            print("Copied \(summary.entries) log entries from \(summary.from) to \(summary.to); both end at entry \(summary.headSeq) (\(summary.headHash.prefix(16))) and pass archive verify.")
        }
    }
}
