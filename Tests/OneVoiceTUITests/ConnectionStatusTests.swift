import Foundation
import Testing
@testable import OneVoiceTUI

/// On a shared server that stops answering, the dashboard keeps showing this machine's copy, says so on every
/// screen while it lasts, and picks up by itself (reloading what it shows) once the server answers again.
@Suite struct ConnectionStatusTests {
    @Test func theBottomLineSaysDisconnectedUntilTheServerAnswersAgain() {
        let source = UpdateTests.bigSource(incidents: 5)
        let clock = TestClock()
        let program = UpdateTests.program(source, clock: clock, width: 100, height: 24)
        program.tick()
        program.settle()
        #expect(!program.render().plainText().contains("DISCONNECTED"))

        source.connection = "The OneVoice server at postgres://pio@jic:5432/jic could not be reached; nothing was changed."
        program.tick()
        program.settle()
        #expect(program.state.flash?.text.hasPrefix("Disconnected from the server") == true)
        // The flash goes; the line stays, on every screen.
        clock.now = clock.now.addingTimeInterval(60)
        program.tick()
        program.send(.key(.char("j")))
        program.settle()
        let lines = program.render().plainText().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[23].hasPrefix("DISCONNECTED (showing this machine's copy): The OneVoice server at postgres://pio@jic:5432/jic"))
        #expect(program.state.board.rows.count == 5, "the copy is still shown")

        source.connection = nil
        let headersBefore = source.calls["header", default: 0]
        program.tick()
        program.settle()
        #expect(program.state.flash?.text == "Connected to the server again.")
        #expect(program.state.connectionProblem == nil)
        #expect(!program.render().plainText().contains("DISCONNECTED"))
        #expect(source.calls["header", default: 0] > headersBefore, "what shows is read again")
    }
}
