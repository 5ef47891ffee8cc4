import ArgumentParser
import Foundation
import OneVoiceCore

struct ArchiveDisposeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispose",
        abstract: "Dispose of a record whose retention period has passed (admin only, signed and logged).",
        discussion: """
            Leaves a tombstone with the reason, time and admin; nothing is deleted and the records log keeps every \
            entry. The record leaves search and later exports.
            """
    )

    @Argument(help: ArgumentHelp("The kind of record: release, post, fact, rumor or named-person.", valueName: "type"))
    var type: RecordKind

    @Argument(help: "The record's number.")
    var id: Int64

    @Option(help: "Why, for the record (e.g. the retention schedule's item).")
    var reason: String

    @Option(help: ArgumentHelp("The config file (default: $XDG_CONFIG_HOME/onevoice/config.toml).", valueName: "path"))
    var config: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let policy = try RetentionPolicy.load(from: config.map { URL(fileURLWithPath: $0) } ?? store.paths.configFile)
        let disposal = try store.writableWorkspace().dispose(kind: type, id: id, reason: reason, policy: policy)
        if store.json { Output.json(disposal); return }
        print("Disposed of \(type.rawValue) #\(id); the tombstone and its signed record stay in the log.")
    }
}

extension RecordKind: ExpressibleByArgument {}
