import ArgumentParser
import Foundation
import OneVoiceCore

struct ArchiveExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the answer to a public-records request: JSON data, readable copies, index.csv, the log segment and a manifest.",
        discussion: """
            Give --incident, or --from and --to, or both. DATE is YYYY-MM-DD in the agency's time zone or a full \
            ISO 8601 time. An export for one incident holds nothing of another, and leaves out records-log entries \
            that belong to no incident (roster, agency settings). The export is written to a hidden folder and \
            renamed into place, so a failure leaves nothing half-written. Check it with `onevoice archive check-export`. \
            --dry-run lists what the export would hold and write, and writes nothing.
            """
    )

    @Option(help: ArgumentHelp("The new folder to write (with --zip: the .zip file).", valueName: "dir"))
    var out: String?

    @Flag(help: "List what the export would hold and the files it would write; write nothing.")
    var dryRun = false

    @Option(help: "Only this incident.")
    var incident: Int64?

    @Option(help: ArgumentHelp("Only records from this date on.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only records up to this date.", valueName: "date"))
    var to: String?

    @Flag(help: "Pack the export into one .zip file (needs the zip program).")
    var zip = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if out == nil && !dryRun { throw ValidationError("Give --out DIR, the new folder to write (or --dry-run to only list what it would hold).") }
    }

    func run() throws {
        let workspace = try store.readableWorkspace()
        let zone = try workspace.agency().timeZone
        let scope = ExportScope(incidentID: incident, from: try from.map { try RecordDate.start($0, timeZone: zone) },
                                to: try to.map { try RecordDate.end($0, timeZone: zone) })
        guard let out, !dryRun else { return try showPlan(workspace.planExport(scope: scope)) }
        let summary = try workspace.exportRecords(scope: scope, to: URL(fileURLWithPath: out), zip: zip)
        if store.json { Output.json(summary); return }
        print("Exported \(scope.summary) to \(summary.path): \(summary.files) files, \(summary.logEntries) log entries.")
        print("Chain head at export: entry \(summary.chainHead.seq), \(summary.chainHead.hash).")
        print("manifest.json SHA-256: \(summary.manifestSHA256)")
    }

    /// What `--dry-run` prints: the counts, the files by folder and the chain head the manifest would record.
    private func showPlan(_ plan: ExportPlan) {
        if store.json {
            Output.json(PlannedExport(scope: plan.scope.summary, counts: plan.counts, files: plan.files, chainHead: plan.chainHead))
            return
        }
        let counts = plan.namedCounts.filter { $0.count > 0 }.map { "\($0.count) \($0.noun)" }
        print("An export of \(plan.scope.summary) would hold \(counts.isEmpty ? "nothing" : counts.joined(separator: ", ")).")
        print("It would write \(plan.files.count) files:")
        Output.table(["WHERE", "FILES", "HOLDS"], plan.fileGroups.map { [$0.location, "\($0.files)", $0.holds] })
        print("Chain head it would record: entry \(plan.chainHead.seq). Nothing was written.")
    }

    private struct PlannedExport: Encodable {
        let scope: String
        let counts: [String: Int]
        let files: [String]
        let chainHead: ExportManifest.ChainHead
    }
}
