import ArgumentParser
import Foundation
import OneVoiceCore

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Manage your identity key.",
        subcommands: [Generate.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Write a new Ed25519 private key (mode 0600) and print its public key.",
            discussion: "Give the public key to an admin, who adds you with `onevoice roster add`."
        )

        @Option(help: ArgumentHelp("Where to write the key (default: $ONEVOICE_IDENTITY or ~/.config/onevoice/identity.key).", valueName: "path"))
        var out: String?

        @Flag(help: "Print one JSON value instead of text.")
        var json = false

        func run() throws {
            let url = XDGPaths().identityURL(explicit: out)
            let key = IdentityKey()
            try key.save(to: url)
            if json {
                Output.json(["publicKey": key.publicKeyBase64, "path": url.path])
            } else {
                print("Wrote your private key to \(url.path) (keep it secret).")
                print("Public key: \(key.publicKeyBase64)")
            }
        }
    }
}
