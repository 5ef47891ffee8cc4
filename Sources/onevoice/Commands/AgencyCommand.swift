import ArgumentParser
import Foundation
import OneVoiceCore

/// The agencies of a joint information center sharing one record (usually on a shared server).
struct AgencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agency",
        abstract: "The agencies sharing this record in a joint information center: add a partner, rename one, list them.",
        subcommands: [Add.self, Rename.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a partner agency (admins of the host agency; signed and logged).")

        @Argument(help: "A short code people type, e.g. fire or county-oem (lower-case letters, digits, '.', '-', '_').")
        var code: String

        @Option(help: "Its name, as its releases will name it, e.g. \"Riverton Fire Rescue\".")
        var name: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let partner = try store.writableWorkspace().addPartnerAgency(code: code, name: name)
            if store.json { Output.json(CreatedID(id: partner.id)) } else {
                print("Added \(TerminalText.safe(partner.name)) as agency \(partner.code).")
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rename",
            abstract: "Change an agency's name (a host admin any agency's, a partner's admin their own; signed and logged).")

        @Argument(help: "The agency's code, or host for the host agency.")
        var code: String

        @Option(help: "Its new name, as its releases will name it.")
        var name: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let renaming = try store.writableWorkspace().renameAgency(code: code, to: name)
            if store.json { Output.json(renaming) } else {
                print("Renamed agency \(renaming.code) from \(TerminalText.safe(renaming.from)) to \(TerminalText.safe(renaming.to)).")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the host agency and its partners.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            let directory = try store.readableWorkspace().agencyDirectory()
            let rows = [AgencyRow(id: AgencyID.host, code: AgencyID.hostCode, name: directory.hostName, role: "host")]
                + directory.partners.map { AgencyRow(id: $0.id, code: $0.code, name: $0.name, role: "partner") }
            if store.json { Output.json(rows); return }
            Output.table(["CODE", "NAME", "ROLE"], rows.map { [$0.code, $0.name, $0.role] })
        }
    }

    struct AgencyRow: Encodable {
        let id: Int64
        let code: String
        let name: String
        let role: String
    }
}
