import ArgumentParser
import Foundation
import OneVoiceCore

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "The people who may act, by the keys they hold.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a person to the roster (admins only).")

        @Argument(help: "Their handle: lower-case letters, digits, '.', '-' or '_'.")
        var handle: String

        @Option(help: "Their display name.")
        var name: String

        @Option(help: "A role: admin, drafter, verifier, legal or spokesperson (repeat for several).")
        var role: [Role]

        @Option(help: "Their public key, as `onevoice key generate` printed it.")
        var publicKey: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let person = try store.writableWorkspace().addToRoster(handle: handle, displayName: name, roles: role, publicKey: publicKey)
            if store.json { Output.json(CreatedID(id: person.id)) } else {
                print("Added \(person.handle) (\(person.displayName)) as \(Role.list(person.roles)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the roster.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let people = try store.readableWorkspace().roster()
            if store.json { Output.json(people); return }
            Output.table(["HANDLE", "NAME", "ROLES", "PUBLIC KEY"],
                         people.map { [$0.handle, $0.displayName, Role.list($0.roles), $0.publicKey] })
        }
    }
}

extension Role: ExpressibleByArgument {}
extension IncidentKind: ExpressibleByArgument {}
extension SourceKind: ExpressibleByArgument {}
