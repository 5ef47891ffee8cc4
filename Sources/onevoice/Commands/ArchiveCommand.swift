import ArgumentParser
import Foundation
import OneVoiceCore

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "The public record: verify the log, search it, answer records requests, apply retention.",
        subcommands: [Verify.self, ArchiveSearchCommand.self, ArchiveExportCommand.self, ArchiveCheckExportCommand.self, ArchiveRetentionCommand.self, ArchiveDisposeCommand.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the whole records-log chain and every attestation signature.",
            discussion: "Exits 0 when everything holds, 1 naming the first bad entry otherwise."
        )

        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.readableWorkspace()
            let verifier = ChainVerifier(database: workspace.database)
            try verifier.checkStorage()
            let report = try verifier.verify()
            if store.json {
                Output.json(report)
            } else if report.isIntact {
                print("The records log holds: \(report.entries) entries, \(report.attestations) attestations and \(report.revisions) revisions checked; head \(report.headHash.prefix(16)) at entry \(report.headSeq).")
            }
            if let first = report.problems.first {
                Output.error(first.message)
                throw ExitCode(1)
            }
        }
    }
}
