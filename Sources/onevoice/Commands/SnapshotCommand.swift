import ArgumentParser
import Foundation
import OneVoiceCore
import OneVoiceTUI

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one dashboard screen as plain text (exactly H lines of at most W columns).",
        discussion: "The same render code as the live dashboard; for scripts, tests and documentation."
    )

    enum View: String, ExpressibleByArgument, CaseIterable {
        case board, incident, log, help, schedule, release
    }

    @Flag(help: "Use the demo agency (re-made first, as for the dashboard).") var demo = false
    @Option(help: "board, incident, log, help, schedule or release.") var view: View = .board
    @Option(help: "The incident to show with --view incident (default: the first on the board).") var incident: Int64?
    @Option(help: "The release to show with --view release (default: the newest of the first incident).") var release: Int64?
    @Option(help: "1 Overview, 2 Facts, 3 Releases, 4 Posts, 5 Log (with --view incident).") var tab: Int = 1
    @Option(help: "Columns.") var width: Int = 120
    @Option(help: "Lines.") var height: Int = 40
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (20...1000).contains(width), (5...500).contains(height) else {
            throw ValidationError("Width must be 20 to 1000 and height 5 to 500.")
        }
        guard (1...5).contains(tab) else { throw ValidationError("The tab is a number from 1 to 5.") }
    }

    func run() throws {
        let workspace = try demo ? DemoWorkspace.open(actingAs: "spokesperson") : store.queryWorkspace()
        let source = StoreDashboardSource(workspace: workspace)
        let snapshotView: SnapshotView
        switch view {
        case .board: snapshotView = .board
        case .log: snapshotView = .log
        case .help: snapshotView = .help
        case .schedule: snapshotView = .schedule
        case .release:
            var id = release
            if id == nil, let first = try workspace.incidents().first { id = try workspace.releases(incidentID: first.id).last?.id }
            guard let id else { throw ValidationError("There is no release to show.") }
            snapshotView = .release("\(id)")
        case .incident:
            let id = try incident ?? workspace.incidents().first?.id
            guard let id else { throw ValidationError("There is no incident to show.") }
            snapshotView = .incident("\(id)", tab: IncidentTab(rawValue: tab) ?? .overview)
        }
        // The text ends with its last line's newline: exactly `height` lines.
        print(SnapshotRenderer.render(view: snapshotView, source: source, width: width, height: height, now: workspace.clock.now()), terminator: "")
    }
}
