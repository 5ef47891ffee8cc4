import ArgumentParser
import Foundation
import OneVoiceCore

struct NamedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "named",
        abstract: "People named in an incident, and whether their next of kin were notified.",
        discussion: "Releases cannot name a victim or the deceased before next of kin are notified, nor an officer during the name hold.",
        subcommands: [Add.self, List.self, Notified.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a person named in an incident.")
        @Argument(help: "The incident's number.") var incident: Int64
        @Option(help: "Their name as it might appear in a draft.") var name: String
        @Option(help: ArgumentHelp("victim, deceased, officer, juvenile, suspect or other.", valueName: "category"))
        var category: NamedPersonCategory
        @OptionGroup var store: StoreOptions

        func run() throws {
            let named = try store.writableWorkspace().addNamedPerson(incidentID: incident, name: name, category: category)
            if store.json { Output.json(CreatedID(id: named.id)) } else { print("Recorded \(named.name) (\(named.category.rawValue)) as #\(named.id).") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the people named in an incident.")
        @Argument(help: "The incident's number.") var incident: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let people = try store.readableWorkspace().namedPeople(incidentID: incident)
            if store.json { Output.json(people); return }
            Output.table(["ID", "CATEGORY", "NEXT OF KIN", "NAME"], people.map {
                ["\($0.id)", $0.category.rawValue, $0.category.needsNextOfKin ? ($0.nextOfKinNotified ? "notified" : "NOT notified") : "-", $0.name]
            })
        }
    }

    struct Notified: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "notified", abstract: "Confirm that a named person's next of kin were notified (verifier).")
        @Argument(help: "The named person's number.") var id: Int64
        @Option(help: "Who notified them, and when.") var note: String = ""
        @OptionGroup var store: StoreOptions

        func run() throws {
            let named = try store.writableWorkspace().markNextOfKinNotified(namedPersonID: id, note: note)
            if store.json { Output.json(named) } else { print("Next of kin of \(named.name) recorded as notified.") }
        }
    }
}

extension NamedPersonCategory: ExpressibleByArgument {}
