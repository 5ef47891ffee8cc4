import ArgumentParser
import Foundation
import OneVoiceCore

struct RumorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rumor",
        abstract: "Rumor control: claims circulating in public and the verified facts that answer them.",
        subcommands: [Add.self, List.self, Answer.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a rumor.")
        @Argument(help: "The incident's number.") var incident: Int64
        @Option(help: "What is being said.") var text: String
        @Option(help: "Where it was seen (a platform, a post, a broadcast).") var seenAt: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let rumor = try store.writableWorkspace().addRumor(incidentID: incident, text: text, seenAt: seenAt)
            if store.json { Output.json(CreatedID(id: rumor.id)) } else { print("Recorded rumor #\(rumor.id).") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List an incident's rumors.")
        @Argument(help: "The incident's number.") var incident: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let rumors = try store.readableWorkspace().rumors(incidentID: incident)
            if store.json { Output.json(rumors); return }
            Output.table(["ID", "ANSWERED BY", "SEEN AT", "TEXT"], rumors.map {
                ["\($0.id)", $0.answeredByFactID.map { "fact #\($0)" } ?? "unanswered", $0.seenAt, $0.text]
            })
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "answer", abstract: "Answer a rumor with a verified fact; drafts a correction post.")
        @Argument(help: "The rumor's number.") var rumor: Int64
        @Option(help: "The verified fact that answers it.") var fact: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let (_, draft) = try store.writableWorkspace().answerRumor(rumorID: rumor, factID: fact)
            if store.json { Output.json(CreatedID(id: draft.id)) } else {
                print("Rumor #\(rumor) is answered by fact #\(fact); drafted correction release #\(draft.id).")
            }
        }
    }
}
