import ArgumentParser
import Foundation
import OneVoiceCore

struct ArchiveRetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "List the records whose retention period has passed.",
        discussion: """
            Periods per kind of record come from [retention] in $XDG_CONFIG_HOME/onevoice/config.toml \
            (e.g. release = "5y", post = 3, fact = "60m", rumor = "3y"); the defaults are releases, facts and \
            named people 5 years, posts and rumors 3 years; incidents, attestations and the log are permanent. \
            A record's clock starts at the later of its last change and its incident's closing.
            """
    )

    @Option(help: ArgumentHelp("The config file (default: $XDG_CONFIG_HOME/onevoice/config.toml).", valueName: "path"))
    var config: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let policy = try RetentionPolicy.load(from: config.map { URL(fileURLWithPath: $0) } ?? store.paths.configFile)
        let workspace = try store.readableWorkspace()
        let due = try workspace.retentionDue(policy: policy)
        if store.json { Output.json(due); return }
        if due.isEmpty { print("Nothing has passed its retention period."); return }
        let local = LocalTime(timeZone: try workspace.agency().timeZone)
        Output.table(["TYPE", "ID", "INCIDENT", "KEPT SINCE", "DUE SINCE", "PERIOD", "SUMMARY"], due.map {
            [$0.kind.rawValue, "\($0.id)", $0.incidentID.map { "#\($0)" } ?? "-", local.dateTime($0.retainedSince),
             local.dateTime($0.disposableFrom), $0.period, $0.summary]
        })
    }
}
