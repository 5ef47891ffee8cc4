import ArgumentParser
import Testing
@testable import onevoice

/// Every command names itself. Without a name ArgumentParser derives one from the type's name with
/// `String(describing:)`, whose protocol-conformance lookups scan every conformance in the binary: a third of
/// each start of `onevoice`, paid for every command in the tree whichever one runs.
@Suite("Command names")
struct CommandNameTests {
    @Test func everyCommandInTheTreeSetsItsName() {
        var unnamed: [String] = []
        var stack: [(ParsableCommand.Type, String)] = [(OneVoiceCommand.self, "onevoice")]
        while let (command, path) = stack.popLast() {
            guard let name = command.configuration.commandName else {
                unnamed.append("\(path) > \(command)")
                continue
            }
            for sub in command.configuration.subcommands { stack.append((sub, "\(path) \(name)")) }
        }
        #expect(unnamed.isEmpty, "commands without commandName: \(unnamed)")
    }
}
