import Foundation
import Testing
@testable import OneVoiceTUI

/// A clock tests move by hand.
final class TestClock {
    var now = Fixtures.now
}

@Suite struct UpdateTests {
    /// A source with `count` incidents: active first, then closed.
    static func bigSource(incidents count: Int, log: Int = 200) -> FakeDashboardSource {
        let rows = (0..<count).map { (i: Int) -> BoardRow in
            let status: IncidentStatusValue = i % 3 == 0 ? .closed : .active
            let title: String = i == 777 ? "Needle in the haystack" : "Incident number \(i)"
            let id = "INC-" + String(repeating: "0", count: max(0, 5 - String(i).count)) + String(i)
            return BoardRow(id: IncidentID(id), status: status, kind: "General", title: title,
                            openedAt: Fixtures.at(minutesAgo: Double(i)), spokesperson: nil, unverifiedFacts: 0,
                            awaitingSignOff: 0, nextReleaseAt: nil, isExercise: false)
        }
        return FakeDashboardSource(header: Fixtures.header(), incidents: rows, log: Fixtures.logEntries(count: log))
    }

    static func program(_ source: FakeDashboardSource, clock: TestClock = TestClock(), width: Int = 80, height: Int = 24) -> DashboardProgram {
        DisplayWidth.ensureUTF8Locale()
        let program = DashboardProgram(source: source, width: width, height: height, theme: .fallback, colorEnabled: true,
                                       themes: ThemeLibrary(directory: nil), clock: { clock.now })
        program.start()
        return program
    }

    static func type(_ text: String, into program: DashboardProgram) {
        for c in text { program.send(.key(.char(c))) }
    }

    @Test func movingPastTheWindowLoadsTheNextRowsOnly() {
        let source = Self.bigSource(incidents: 10_000)
        let program = Self.program(source)
        let height = program.state.listHeight
        #expect(program.state.board.rows.count == height)
        for _ in 0..<(height + 5) { program.send(.key(.char("j"))) }
        let board = program.state.board
        #expect(board.firstIndex + board.selected == height + 5)
        #expect(board.selected == height - 1)
        #expect(program.render().plainText().contains("\(height + 6) of 10000 incidents"))
        #expect(source.maxLimitAsked <= 2 * height)
    }

    @Test func topBottomAndPages() {
        let source = Self.bigSource(incidents: 10_000)
        let program = Self.program(source)
        program.send(.key(.char("G")))
        #expect(program.state.board.firstIndex + program.state.board.selected == 9_999)
        #expect(program.state.board.selectedRow?.status == .closed)
        program.send(.key(.char("g")))
        #expect(program.state.board.firstIndex == 0 && program.state.board.selected == 0)
        program.send(.key(.pageDown))
        #expect(program.state.board.firstIndex == program.state.listHeight)
        program.send(.key(.pageDown))
        program.send(.key(.pageUp))
        let height = program.state.listHeight
        #expect(program.state.board.firstIndex == height)
        // The rows shown are those from that place on, whole and in order (a page up reuses the rows it read).
        let firstRows = (try? source.boardRows(from: nil, direction: .forward, limit: 2 * height)) ?? []
        #expect(program.state.board.rows.map(\.id) == Array(firstRows[height..<(2 * height)]).map(\.id))
        program.send(.key(.pageUp))
        program.send(.key(.pageUp))
        #expect(program.state.board.firstIndex == 0)
        #expect(program.state.board.rows.map(\.id) == Array(firstRows[0..<height]).map(\.id))
        // Moving up from the top of a later window scrolls by one.
        program.send(.key(.pageDown))
        program.send(.key(.char("k")))
        #expect(program.state.board.firstIndex == program.state.listHeight - 1)
        #expect(program.state.board.selected == 0)
        #expect(program.state.board.rows.map(\.id) == Array(firstRows[(height - 1)..<(2 * height - 1)]).map(\.id))
        #expect(source.maxLimitAsked <= 2 * program.state.listHeight)
    }

    @Test func activeIncidentsComeBeforeClosed() {
        let program = Fixtures.program()
        let statuses = program.state.board.rows.map(\.status)
        #expect(statuses == statuses.sorted { ($0 == .closed ? 2 : $0 == .monitoring ? 1 : 0) < ($1 == .closed ? 2 : $1 == .monitoring ? 1 : 0) })
        #expect(statuses.last == .closed)
    }

    @Test func openTabsAndBack() {
        let program = Fixtures.program()
        program.send(.key(.char("j")))
        let id = program.state.board.selectedRow!.id
        program.send(.key(.enter))
        #expect(program.state.route == .incident(id))
        #expect(program.state.incident?.detail?.id == id)
        #expect(program.state.incident?.tab == .overview)
        program.send(.key(.tab))
        #expect(program.state.incident?.tab == .facts)
        program.send(.key(.char("5")))
        #expect(program.state.incident?.tab == .log)
        #expect(program.state.incident?.log.rows.allSatisfy { $0.incidentID == id } == true)
        #expect(program.state.incident?.log.loaded == true)
        program.send(.key(.tab))
        #expect(program.state.incident?.tab == .overview)
        program.send(.key(.backTab))
        #expect(program.state.incident?.tab == .log)
        program.send(.key(.escape))
        #expect(program.state.route == .board)
        #expect(program.state.board.selectedRow?.id == id)
    }

    @Test func factsSelectionMovesWithinTheTab() {
        let program = Fixtures.program()
        program.send(.key(.char("j")))
        program.send(.key(.char("j")))
        program.send(.key(.enter))
        program.send(.key(.char("2")))
        program.send(.key(.char("j")))
        program.send(.key(.char("G")))
        #expect(program.state.incident?.selection[.facts] == Fixtures.facts.count - 1)
        #expect(program.render().plainText().contains("> The suspect is 17 years old"))
    }

    @Test func viewsByNumberAndLogOpensItsIncident() {
        let program = Fixtures.program()
        program.send(.key(.char("2")))
        #expect(program.state.route == .log)
        #expect(program.state.log.rows.first?.sequence == 60)
        program.send(.key(.enter))
        #expect(program.state.route == .incident("INC-0042"))
        program.send(.key(.escape))
        #expect(program.state.route == .log)
        program.send(.key(.char("1")))
        #expect(program.state.route == .board)
    }

    @Test func searchJumpsAcrossWindowsAndRepeats() {
        let source = Self.bigSource(incidents: 10_000)
        let program = Self.program(source)
        program.send(.key(.char("/")))
        Self.type("needle", into: program)
        #expect(program.render().plainText().contains("/needle"))
        program.send(.key(.enter))
        #expect(program.state.board.selectedRow?.id == "INC-00777")
        let position = source.incidents.firstIndex { $0.id == "INC-00777" }!
        #expect(program.state.board.firstIndex + program.state.board.selected == position)
        program.send(.key(.ctrl("n")))  // n opens a new incident on the board
        // The only match: the search wraps past the end and comes back to it.
        #expect(program.state.flash?.text.contains("passed the end") == true, "\(program.state.flash?.text ?? "")")
        #expect(program.state.board.selectedRow?.id == "INC-00777")
        program.send(.key(.char("g")))
        program.send(.key(.char("/")))
        Self.type("number 5", into: program)
        program.send(.key(.enter))
        let first = program.state.board.selectedRow?.id
        program.send(.key(.ctrl("n")))  // n opens a new incident on the board
        let second = program.state.board.selectedRow?.id
        #expect(first != second)
        program.send(.key(.char("N")))
        #expect(program.state.board.selectedRow?.id == first)
    }

    @Test func commandLine() {
        let program = Fixtures.program()
        program.send(.key(.char(":")))
        Self.type("theme high-contrast", into: program)
        program.send(.key(.enter))
        #expect(program.state.theme.name == "high-contrast")
        #expect(program.state.prompt == nil)
        program.send(.key(.char(":")))
        Self.type("incident INC-0043", into: program)
        program.send(.key(.enter))
        #expect(program.state.route == .incident("INC-0043"))
        program.send(.key(.char(":")))
        Self.type("frobnicate", into: program)
        program.send(.key(.enter))
        #expect(program.state.flash?.text == "Unknown command :frobnicate. :help lists the commands.")
        #expect(program.state.flash?.isError == true)
        program.send(.key(.char(":")))
        Self.type("help", into: program)
        program.send(.key(.enter))
        #expect(program.state.showHelp)
        program.send(.key(.escape))
        #expect(!program.state.showHelp)
        program.send(.key(.char(":")))
        Self.type("q", into: program)
        program.send(.key(.enter))
        #expect(program.state.quitRequested)
    }

    @Test func quitAsksOnlyWhenTypedInputWouldBeLost() {
        let plain = Fixtures.program()
        plain.send(.key(.char("q")))
        #expect(plain.state.quitRequested)

        let program = Fixtures.program()
        program.send(.key(.char(":")))
        Self.type("theme li", into: program)
        program.send(.key(.escape))
        #expect(program.state.stashedCommand == "theme li")
        program.send(.key(.char("q")))
        #expect(program.state.confirmingQuit)
        #expect(!program.state.quitRequested)
        #expect(program.render().plainText().contains("Discard the half-typed command and quit? (y/n)"))
        program.send(.key(.char("n")))
        #expect(!program.state.quitRequested)
        program.send(.key(.char(":")))
        #expect(program.state.prompt?.text == "theme li")
        program.send(.key(.escape))
        program.send(.key(.char("q")))
        program.send(.key(.char("y")))
        #expect(program.state.quitRequested)
    }

    @Test func anotherProcessChangeShowsOnTheNextTick() {
        let source = Fixtures.source()
        let clock = TestClock()
        let program = Self.program(source, clock: clock)
        #expect(!program.render().plainText().contains("Water main break"))
        source.incidents.append(BoardRow(id: "INC-0044", status: .active, kind: "General", title: "Water main break",
                                         openedAt: Fixtures.now, spokesperson: nil, unverifiedFacts: 0, awaitingSignOff: 0,
                                         nextReleaseAt: nil, isExercise: false))
        clock.now += 0.25
        program.tick()
        #expect(!program.render().plainText().contains("Water main break"), "no change in data_version yet")
        source.version += 1
        clock.now += 0.25
        program.tick()
        #expect(program.render().plainText().contains("Water main break"))
    }

    @Test func clockTicksAndFlashExpires() {
        let clock = TestClock()
        let program = Self.program(Fixtures.source(), clock: clock)
        #expect(program.render().line(0).hasSuffix("14:05 CST"))
        program.send(.key(.ctrl("n")))
        #expect(program.state.flash != nil)
        clock.now += 60
        program.tick()
        #expect(program.state.flash == nil)
        #expect(program.render().line(0).hasSuffix("14:06 CST"))
        #expect(program.render().line(0).contains("in 24m"))
    }

    @Test func resizeBelowMinimumAndBack() {
        let program = Fixtures.program()
        program.send(.resize(width: 70, height: 30))
        #expect(program.render().plainText().contains("needs 80x24, has 70x30"))
        program.send(.key(.char("j")))  // ignored, no crash
        program.send(.resize(width: 120, height: 40))
        let text = program.render().plainText()
        #expect(text.contains("Incident board"))
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 41)
        #expect(program.render().width == 120)
    }

    @Test func clickSelectsARowAndATab() {
        let program = Fixtures.program()
        program.send(.click(row: Update.listTop(.board) + 2, column: 10))
        #expect(program.state.board.selected == 2)
        program.send(.key(.enter))
        let factsTab = IncidentTabsLayout.ranges().first { $0.tab == .facts }!.range
        program.send(.click(row: 2, column: factsTab.lowerBound + 1))
        #expect(program.state.incident?.tab == .facts)
    }

    @Test func missingIncidentFlashesAndGoesBack() {
        let program = Fixtures.program()
        program.send(.key(.char(":")))
        Self.type("incident NOPE", into: program)
        program.send(.key(.enter))
        #expect(program.state.route == .board)
        #expect(program.state.flash?.text == "No incident NOPE.")
    }

    @Test func helpScrollsAndCloses() {
        let program = Fixtures.program()
        program.send(.key(.char("?")))
        #expect(program.state.showHelp)
        #expect(program.render().plainText().contains("more below"))
        for _ in 0..<300 { program.send(.key(.char("j"))) }
        let text = program.render().plainText()
        #expect(text.contains(":as ROLE"), "the end of the help (the last command) is reachable")
        #expect(program.state.board.selected == 0, "keys scroll the help, not the list under it")
        program.send(.key(.char("?")))
        #expect(!program.state.showHelp)
    }

    @Test func keysTypedWhileTooSmallAreKeptForWhenTheWindowGrows() {
        let program = Fixtures.program()
        program.send(.resize(width: 40, height: 10))
        program.send(.key(.char("2")))
        program.send(.key(.char("j")))
        #expect(program.state.route == .board, "nothing happens blind")
        program.send(.resize(width: 79, height: 24))
        #expect(program.state.route == .board, "still too small")
        program.send(.resize(width: 80, height: 24))
        #expect(program.state.route == .log, "the keys run once the window is big enough")
        #expect(program.state.pendingKeys.isEmpty)
    }

    @Test func theIncidentCommandsHintNamesARealId() {
        let program = Fixtures.program()
        program.send(.key(.char(":")))
        Self.type("incident", into: program)
        program.send(.key(.enter))
        #expect(program.state.flash?.text.contains(":incident 42") == true)
        #expect(program.state.flash?.text.contains("INC-") == false)
    }

    @Test func oneOverlayAtATime() {
        var state = DashboardState(width: 80, height: 24, now: Fixtures.now, theme: .fallback)
        state.showHelp = true
        state.dialog = Dialog(title: "Close incident #42?", form: .question(.closeIncident("42")), footer: "y closes it")
        #expect(!state.showHelp, "a dialog replaces the help")
        state.prompt = Prompt(kind: .command)
        #expect(state.dialog == nil, "the command line replaces the dialog")
        state.prompt = nil
        #expect(state.overlay == .none)
        state.showHelp = true
        state.confirmingQuit = true
        #expect(state.confirmingQuit && !state.showHelp)
        state.confirmingQuit = false
        #expect(state.showHelp, "answering no to the quit question brings back what it covered")
    }
}
