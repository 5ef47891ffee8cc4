import ArgumentParser
import Foundation
import OneVoiceCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the agency's database and enrol yourself as admin and drafter.",
        discussion: "Generates your identity key first if you have none."
    )

    @Option(help: "The agency's name, as it appears on every release.")
    var agency: String

    @Option(help: "The agency's IANA time zone, e.g. America/Chicago.")
    var timezone: String

    @Flag(help: "Start the workspace in EXERCISE mode (training; nothing goes to the public).")
    var exercise = false

    @Option(help: "Your handle in the roster (default: your login name).")
    var handle: String?

    @Option(help: "Your display name (default: the handle).")
    var name: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let keyURL = store.identityURL
        var generated = false
        let key: IdentityKey
        if FileManager.default.fileExists(atPath: keyURL.path) {
            key = try IdentityKey.load(from: keyURL)
        } else {
            key = IdentityKey()
            try key.save(to: keyURL)
            generated = true
        }
        let login = ProcessInfo.processInfo.environment["USER"].map { $0.lowercased() } ?? "admin"
        let handle = handle ?? (Person.isValidHandle(login) ? login : "admin")
        let workspace = try Workspace.initialize(try store.databaseLocation, copies: store.paths.serverCopiesDirectory, agencyName: agency, timeZoneIdentifier: timezone,
                                                 mode: exercise ? .exercise : .live, handle: handle,
                                                 displayName: name ?? handle, key: key)
        if store.json {
            Output.json(InitResult(database: workspace.database.path, identity: keyURL.path, keyGenerated: generated,
                                   handle: handle, publicKey: key.publicKeyBase64, mode: exercise ? "exercise" : "live",
                                   foundingKeyFingerprint: KeyFingerprint.of(publicKeyBase64: key.publicKeyBase64)))
        } else {
            if generated { print("Generated your identity key at \(keyURL.path).") }
            print("Created \(workspace.database.path) for \(agency) (\(exercise ? "EXERCISE" : "LIVE")), time zone \(timezone).")
            print("You are \(handle), admin and drafter. Your public key: \(key.publicKeyBase64)")
            print("Founding key fingerprint (every export and delivery carries it; keep it on paper): \(KeyFingerprint.of(publicKeyBase64: key.publicKeyBase64))")
        }
    }

    struct InitResult: Encodable {
        let database: String
        let identity: String
        let keyGenerated: Bool
        let handle: String
        let publicKey: String
        let mode: String
        let foundingKeyFingerprint: String
    }
}
