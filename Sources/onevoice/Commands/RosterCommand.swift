import ArgumentParser
import Foundation
import OneVoiceCore

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "The people who may act, by the keys they hold.",
        subcommands: [Add.self, List.self, Remove.self, Roles.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person to the roster (admins only).")

        @Argument(help: "Their handle: lower-case letters, digits, '.', '-' or '_'.")
        var handle: String

        @Option(help: "Their display name.")
        var name: String

        @Option(help: "A role: admin, drafter, verifier, legal or spokesperson (repeat for several).")
        var role: [Role]

        @Option(help: "Their public key, as `onevoice key generate` printed it.")
        var publicKey: String

        @Option(help: "The agency they belong to and hold their roles in, by its code (`onevoice agency list`); yours when left out.")
        var agency: String?

        @OptionGroup var store: StoreOptions

        func run() throws {
            let person = try store.writableWorkspace().addToRoster(handle: handle, displayName: name, roles: role, publicKey: publicKey,
                                                                   agency: agency)
            if store.json { Output.json(CreatedID(id: person.id)) } else {
                print("Added \(person.handle) (\(person.displayName)) as \(Role.list(person.roles)).")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Take a person off the roster (admins only); their key can do nothing afterwards.")

        @Argument(help: "Their handle.")
        var handle: String

        @Option(help: "Why (kept with the roster and in the records log).")
        var reason: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let removal = try store.writableWorkspace().removeFromRoster(handle: handle, reason: reason)
            if store.json { Output.json(removal); return }
            print("Removed \(TerminalText.safe(removal.handle)) from the roster.")
        }
    }

    struct Roles: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "roles", abstract: "Replace a person's roles (admins only).")

        @Argument(help: "Their handle.")
        var handle: String

        @Option(help: "A role they hold from now on: admin, drafter, verifier, legal or spokesperson (repeat for several).")
        var role: [Role]

        @OptionGroup var store: StoreOptions

        func run() throws {
            let change = try store.writableWorkspace().setRoles(handle: handle, roles: role)
            if store.json { Output.json(change); return }
            print("\(TerminalText.safe(change.handle)) now has \(Role.list(change.to)) (was \(Role.list(change.from))).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the roster.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.readableWorkspace()
            let people = try workspace.roster()
            if store.json { Output.json(people); return }
            let directory = try workspace.agencyDirectory()
            // One agency's roster reads as it always did; a joint center's says whose each person is.
            if directory.partners.isEmpty {
                Output.table(["HANDLE", "NAME", "ROLES", "PUBLIC KEY"],
                             people.map { [$0.handle, $0.displayName, Role.list($0.roles), $0.publicKey] })
            } else {
                Output.table(["HANDLE", "NAME", "AGENCY", "ROLES", "PUBLIC KEY"],
                             people.map { [$0.handle, $0.displayName, directory.code(of: $0.agencyID) ?? "#\($0.agencyID)", Role.list($0.roles), $0.publicKey] })
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
extension IncidentKind: ExpressibleByArgument {}
extension SourceKind: ExpressibleByArgument {}
