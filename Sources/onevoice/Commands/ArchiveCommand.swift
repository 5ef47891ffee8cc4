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
            commandName: "verify",
            abstract: "Replay the signed records log and check every stored record against it.",
            discussion: """
                Checks the hash chain and every entry's signature, replays the whole log into a fresh state (who was \
                allowed to do what at each point), compares that with every row of every table of record and with \
                the search index, and checks every chain head noted outside the database (deliveries, exports, \
                earlier verifications). Exits 0 when everything holds, 1 naming each difference otherwise.
                """
        )

        @OptionGroup var store: StoreOptions

        @Flag(help: "Only what changed since your last verification that held: the whole chain re-hashed, and the signatures and rows of the entries after it (a full run replays everything and checks the whole file's storage).")
        var sinceCheckpoint = false

        func run() throws {
            let workspace = try store.readableWorkspace()
            let verifier = ChainVerifier(database: workspace.database, anchors: workspace.anchors)
            let checkpoint = sinceCheckpoint ? try verifier.latestCheckpoint() : nil
            // SQLite's own check reads every page of the file (seconds at a million entries): the full run's part.
            if checkpoint == nil { try verifier.checkStorage() }
            let report: ChainVerifier.Report
            if let checkpoint {
                report = try verifier.verifyIncremental(since: checkpoint)
                if !store.json && report.isIntact {
                    print("Since the verification at entry \(checkpoint.seq): \(report.signaturesChecked) new entries signed and their rows as recorded; the chain of \(report.entries) entries re-hashed; head \(report.headHash.prefix(16)) at entry \(report.headSeq).")
                }
                if !report.problems.isEmpty && !store.json { for problem in report.problems.prefix(50) { Output.error(problem.message) } }
                if store.json { Output.json(report) }
                if !report.isIntact { throw ExitCode(1) }
                return
            }
            report = try verifier.verify()
            if store.json {
                Output.json(report)
            } else if report.isIntact {
                let founder = report.foundingKey.map { "; founding key \(KeyFingerprint.of(publicKeyBase64: $0))" } ?? ""
                let anchors = report.anchors.isEmpty ? "" : "; \(report.anchors.count) chain head\(report.anchors.count == 1 ? "" : "s") kept outside the database still in the log"
                let sealed = report.sealed ? " (\(report.unsignedEntries) from before the signed log, sealed)" : ""
                print("The records log holds: \(report.entries) entries\(sealed), \(report.signaturesChecked) signatures, \(report.attestations) attestations and \(report.revisions) revisions checked, every record matches its replay; head \(report.headHash.prefix(16)) at entry \(report.headSeq)\(founder)\(anchors).")
            }
            if !report.problems.isEmpty && !store.json {
                for problem in report.problems.prefix(50) { Output.error(problem.message) }
                if report.problems.count > 50 { Output.error("… and \(report.problems.count - 50) more.") }
            }
            if !report.isIntact { throw ExitCode(1) }
        }
    }
}
