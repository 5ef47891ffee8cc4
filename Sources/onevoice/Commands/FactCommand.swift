import ArgumentParser
import Foundation
import OneVoiceCore

struct FactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fact",
        abstract: "Record and list the facts of an incident.",
        subcommands: [Add.self, List.self, Verify.self, Dispute.self, Retract.self, Clear.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a fact (it starts unverified).")

        @Argument(help: "The incident's number.")
        var incident: Int64

        @Option(help: "The fact, as one checkable statement.")
        var text: String

        @Option(help: "Who said it (a named, credible source).")
        var source: String

        @Option(help: ArgumentHelp("The kind of source: \(SourceKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
        var sourceKind: SourceKind

        @Option(help: "A key templates refer to as {{fact:KEY}}, e.g. injured.")
        var key: String?

        @OptionGroup var store: StoreOptions

        func run() throws {
            let fact = try store.writableWorkspace().addFact(incidentID: incident, text: text, source: source,
                                                             sourceKind: sourceKind, key: key)
            if store.json { Output.json(CreatedID(id: fact.id)) } else {
                print("Recorded fact #\(fact.id) (unverified).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List an incident's facts.")

        @Argument(help: "The incident's number.")
        var incident: Int64

        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.readableWorkspace()
            let facts = try workspace.facts(incidentID: incident)
            if store.json { Output.json(facts); return }
            Output.table(["ID", "STATUS", "KEY", "SOURCE", "TEXT"], facts.map {
                ["\($0.id)", $0.status.rawValue, $0.key ?? "-", "\($0.source) (\($0.sourceKind.rawValue))", $0.text]
            })
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Verify a fact (a verifier who did not record it).")
        @OptionGroup var change: FactStatusOptions
        func run() throws { try change.apply(.verified) }
    }

    struct Dispute: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "dispute", abstract: "Mark a fact disputed (a verifier who did not record it).")
        @OptionGroup var change: FactStatusOptions
        func run() throws { try change.apply(.disputed) }
    }

    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retract", abstract: "Retract a fact (a verifier who did not record it).")
        @OptionGroup var change: FactStatusOptions
        func run() throws { try change.apply(.retracted) }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "clear", abstract: "Clear a verified fact for release (legal).")
        @OptionGroup var change: FactStatusOptions
        func run() throws {
            let fact = try change.store.writableWorkspace().clearFact(factID: change.fact, note: change.note)
            if change.store.json { Output.json(fact) } else { print("Fact #\(fact.id) is cleared for release.") }
        }
    }
}

struct FactStatusOptions: ParsableArguments {
    @Argument(help: "The fact's number.")
    var fact: Int64

    @Option(help: "Why, or how it was checked (kept with your signature).")
    var note: String = ""

    @OptionGroup var store: StoreOptions

    func apply(_ status: FactStatus) throws {
        let fact = try store.writableWorkspace().setFactStatus(factID: fact, to: status, note: note)
        if store.json { Output.json(fact) } else { print("Fact #\(fact.id) is now \(fact.status.rawValue).") }
    }
}
