import ArgumentParser
import Foundation
import OneVoiceCore

struct ChannelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel",
        abstract: "The platforms OneVoice posts to.",
        subcommands: [Test.self]
    )

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Check a platform's credentials without posting (x: GET /2/users/me; bluesky: a session; facebook: a read of the Page).")
        @Argument(help: "x, bluesky or facebook.") var name: Channel
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.readableWorkspace()
            let said = try workspace.testChannel(name)
            if store.json { Output.json(["channel": name.slug, "result": said]); return }
            print(said)
        }
    }
}
