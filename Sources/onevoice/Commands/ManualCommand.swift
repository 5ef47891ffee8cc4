import ArgumentParser

/// `onevoice manual`: prints the man page.
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Print the man page, generated from the commands (e.g. onevoice manual > onevoice.1; man ./onevoice.1).")

    func run() throws {
        print(ManualPage.roff(root: OneVoiceCommand.self), terminator: "")
    }
}
