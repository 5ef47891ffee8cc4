import ArgumentParser
import Foundation
import OneVoiceCore

struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "The media e-mail list that releases go to.",
        subcommands: [Add.self, List.self, Remove.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a press contact.")
        @Argument(help: "Their name.") var name: String
        @Option(help: "Their e-mail address.") var email: String
        @Option(help: "Their outlet.") var outlet: String = ""
        @OptionGroup var store: StoreOptions

        func run() throws {
            let contact = try store.writableWorkspace().addContact(name: name, email: email, outlet: outlet)
            if store.json { Output.json(CreatedID(id: contact.id)) } else { print("Added \(contact.name) <\(contact.email)> as contact #\(contact.id).") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the media list.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let contacts = try store.readableWorkspace().contacts()
            if store.json { Output.json(contacts); return }
            Output.table(["ID", "NAME", "OUTLET", "E-MAIL"], contacts.map { ["\($0.id)", $0.name, $0.outlet, $0.email] })
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Take a contact off the list (the record keeps them).")
        @Argument(help: "The contact's number.") var id: Int64
        @Option(help: "Why.") var reason: String = "removed on request"
        @OptionGroup var store: StoreOptions

        func run() throws {
            let contact = try store.writableWorkspace().removeContact(id: id, reason: reason)
            if store.json { Output.json(CreatedID(id: contact.id)) } else { print("Removed \(contact.name) from the media list.") }
        }
    }
}
