import ArgumentParser
import Foundation
import OneVoiceCore

struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident",
        abstract: "Open, list, show and close incidents.",
        subcommands: [Open.self, List.self, Show.self, Close.self, Spokesperson.self, Agencies.self]
    )

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Open an incident.")

        @Option(help: "A short title, e.g. \"Shooting near Elm Park\".")
        var title: String

        @Option(help: ArgumentHelp("The kind: \(IncidentKind.allCases.map(\.slug).joined(separator: ", ")).", valueName: "kind"))
        var kind: IncidentKind

        @Option(help: "The general location (a block or an area, never a private address).")
        var location: String = ""

        @Option(help: "The handle of the incident's one spokesperson.")
        var spokesperson: String?

        @Option(name: .customLong("with"), help: ArgumentHelp("Make it a joint incident with this agency, by code (repeat for several).", valueName: "agency"))
        var jointWith: [String] = []

        @OptionGroup var store: StoreOptions

        func run() throws {
            let incident = try store.writableWorkspace().openIncident(title: title, kind: kind, location: location,
                                                                      spokesperson: spokesperson, jointWith: jointWith)
            if store.json { Output.json(CreatedID(id: incident.id)) } else {
                print("Opened incident #\(incident.id): \(incident.title).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List incidents, active first.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.queryWorkspace()
            let incidents = try workspace.incidents()
            if store.json { Output.json(incidents); return }
            let local = LocalTime(timeZone: try workspace.agency().timeZone)
            let directory = try workspace.agencyDirectory()
            // One agency's list reads as it always did; a joint center's says whose each incident is.
            if directory.partners.isEmpty {
                Output.table(["ID", "STATUS", "KIND", "OPENED", "TITLE"], incidents.map {
                    ["\($0.id)", $0.status.rawValue, $0.kind.slug, local.dateTime($0.openedAt), $0.title]
                })
            } else {
                Output.table(["ID", "STATUS", "KIND", "OPENED", "AGENCIES", "TITLE"], incidents.map {
                    ["\($0.id)", $0.status.rawValue, $0.kind.slug, local.dateTime($0.openedAt),
                     $0.participatingAgencies.map { directory.code(of: $0) ?? "#\($0)" }.joined(separator: "+"), $0.title]
                })
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one incident.")

        @Argument(help: "The incident's number.")
        var id: Int64

        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.readableWorkspace()
            let incident = try workspace.incident(id: id)
            let facts = try workspace.facts(incidentID: id)
            let people = Dictionary(try workspace.roster().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            if store.json {
                Output.json(IncidentDetail(incident: incident, facts: facts,
                                           spokesperson: incident.spokespersonID.flatMap { people[$0]?.handle }))
                return
            }
            let local = LocalTime(timeZone: try workspace.agency().timeZone)
            print("Incident #\(incident.id): \(incident.title)\(incident.isExercise ? "  [EXERCISE]" : "")")
            print("Kind:         \(incident.kind.label)")
            print("Status:       \(incident.status.rawValue)")
            print("Location:     \(incident.location.isEmpty ? "(not given)" : incident.location)")
            print("Opened:       \(local.dateTime(incident.openedAt))")
            if let closed = incident.closedAt { print("Closed:       \(local.dateTime(closed))") }
            print("Spokesperson: \(incident.spokespersonID.flatMap { people[$0]?.handle } ?? "(none assigned)")")
            if incident.participatingAgencies != [AgencyID.host] {
                let directory = try workspace.agencyDirectory()
                print("Agencies:     \(directory.names(of: incident).joined(separator: "; "))\(incident.isJoint ? " (joint)" : "")")
            }
            print("Facts:        \(facts.count) (\(facts.filter { $0.status == .unverified }.count) unverified)")
        }
    }

    struct Agencies: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agencies",
            abstract: "Add agencies to a joint incident, or take them off (someone of an agency taking part; signed and logged).")

        @Argument(help: "The incident's number.") var id: Int64
        @Option(help: ArgumentHelp("An agency that takes part from now on, by code (repeat for several).", valueName: "agency")) var add: [String] = []
        @Option(help: ArgumentHelp("An agency that no longer takes part, by code (repeat for several).", valueName: "agency")) var remove: [String] = []
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.writableWorkspace()
            let incident = try workspace.setJointAgencies(incidentID: id, adding: add, removing: remove)
            if store.json { Output.json(CreatedID(id: incident.id)); return }
            let names = try workspace.agencyDirectory().names(of: incident)
            print("Incident #\(id) is now \(incident.isJoint ? "a joint incident of" : "an incident of") \(TerminalText.safe(AgencyDirectory.phrase(names))).")
        }
    }

    struct IncidentDetail: Encodable {
        let incident: Incident
        let facts: [Fact]
        let spokesperson: String?
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an incident.")

        @Argument(help: "The incident's number.")
        var id: Int64

        @OptionGroup var store: StoreOptions

        func run() throws {
            let incident = try store.writableWorkspace().closeIncident(id: id)
            if store.json { Output.json(CreatedID(id: incident.id)) } else {
                print("Closed incident #\(incident.id).")
            }
        }
    }

    struct Spokesperson: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "spokesperson",
            abstract: "Assign or hand over the incident's one spokesperson (admin, or the current spokesperson).")

        @Argument(help: "The incident's number.") var id: Int64
        @Argument(help: "The new spokesperson's handle.") var handle: String
        @Option(help: "Why (kept with your signature).") var note: String = ""
        @OptionGroup var store: StoreOptions

        func run() throws {
            let incident = try store.writableWorkspace().assignSpokesperson(incidentID: id, handle: handle, note: note)
            if store.json { Output.json(CreatedID(id: incident.id)) } else { print("\(handle) is now the spokesperson of incident #\(id).") }
        }
    }
}
