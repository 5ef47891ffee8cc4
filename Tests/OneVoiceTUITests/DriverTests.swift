import Foundation
import Testing
@testable import OneVoiceTUI

@Suite struct DriverTests {
    @Test(.enabled(if: isatty(1) == 0 || isatty(0) == 0))
    func refusesWhenNotATerminal() {
        #expect(throws: DashboardError.notATerminal) {
            try Dashboard.run(source: Fixtures.source())
        }
        #expect(DashboardError.notATerminal.description.contains("onevoice snapshot"))
    }

    @Test func liveReloadKeepsAnExactPosition() {
        let source = UpdateTests.bigSource(incidents: 500)
        let program = UpdateTests.program(source)
        program.send(.key(.pageDown))
        let before = program.state.board.firstIndex
        // Another process adds an incident that sorts above the window.
        source.incidents.append(BoardRow(id: "INC-NEW", status: .active, kind: "General", title: "New at the top",
                                         openedAt: Fixtures.now.addingTimeInterval(60), spokesperson: nil, unverifiedFacts: 0,
                                         awaitingSignOff: 0, nextReleaseAt: nil, isExercise: false))
        source.version += 1
        program.tick()
        #expect(program.state.board.total == 501)
        #expect(program.state.board.firstIndex == before + 1)
    }

    @Test func snapshotOfEveryViewHasTheExactSize() {
        for view in [SnapshotView.board, .log, .help, .incident("INC-0042", tab: .posts)] {
            for (w, h) in [(80, 24), (100, 30), (200, 60), (20, 5)] {
                let text = SnapshotRenderer.render(view: view, source: Fixtures.source(), width: w, height: h, now: Fixtures.now)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                #expect(lines.count == h)
                #expect(lines.allSatisfy { DisplayWidth.of($0) <= w })
            }
        }
    }
}

@Suite struct LiveLogTests {
    @Test func newLogEntriesShiftTheWindowPosition() {
        let source = UpdateTests.bigSource(incidents: 10, log: 500)
        let program = UpdateTests.program(source)
        program.send(.key(.char("2")))
        program.send(.key(.pageDown))
        let before = program.state.log.firstIndex
        let top = program.state.log.rows.first
        let next = source.log[0].sequence + 1
        source.log.insert(LogRow(sequence: next, at: Fixtures.now, actor: "other", action: "fact.add", subject: "new", incidentID: nil), at: 0)
        source.version += 1
        program.tick()
        #expect(program.state.log.total == 501)
        #expect(program.state.log.rows.first == top)
        #expect(program.state.log.firstIndex == before + 1)
    }
}
