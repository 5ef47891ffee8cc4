import ArgumentParser
import Foundation
import OneVoiceCore

struct ArchiveSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search every release revision, post, fact, rumor and records-log entry, newest first.",
        discussion: """
            Words are all required; "quoted words" are a phrase; a trailing * matches word beginnings (mercy*). \
            Nothing you type is read as search syntax. DATE is YYYY-MM-DD in the agency's time zone \
            (--from: the start of that day, --to: its end) or a full ISO 8601 time.
            """
    )

    @Argument(help: "What to look for.")
    var query: [String]

    @Option(help: "Only this incident.")
    var incident: Int64?

    @Option(help: ArgumentHelp("Only items from this date on.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only items up to this date.", valueName: "date"))
    var to: String?

    @Option(help: "At most this many hits.")
    var limit = 50

    @OptionGroup var store: StoreOptions

    struct Hit: Encodable {
        let type: String
        let id: Int64
        let incident: Int64?
        let time: Date
        let label: String
        let snippet: String
    }

    func run() throws {
        let workspace = try store.queryWorkspace()
        let zone = try workspace.agency().timeZone
        let hits = try workspace.search(query: query.joined(separator: " "), incidentID: incident,
                                        from: try from.map { try RecordDate.start($0, timeZone: zone) },
                                        to: try to.map { try RecordDate.end($0, timeZone: zone) }, limit: limit)
        if store.json {
            Output.json(hits.map { Hit(type: $0.type.rawValue, id: $0.id, incident: $0.incidentID, time: $0.time, label: $0.label,
                                       snippet: $0.snippet()) })
            return
        }
        if hits.isEmpty { print("Nothing matches."); return }
        let local = LocalTime(timeZone: zone)
        let bold = isatty(STDOUT_FILENO) != 0
        for hit in hits {
            let incident = hit.incidentID.map { "incident #\($0)" } ?? "agency"
            print("\(local.dateTime(hit.time))  \(hit.label)  [\(incident)]")
            print("    " + (bold ? hit.snippet(open: "\u{1B}[1m", close: "\u{1B}[0m") : hit.snippet()))
        }
    }
}
