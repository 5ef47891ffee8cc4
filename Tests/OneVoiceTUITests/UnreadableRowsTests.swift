import Foundation
import OneVoiceCore
import Testing
@testable import OneVoiceTUI

/// A row the code cannot read back is left out of the lists; the bottom line says so on every screen,
/// and what to run, so a damaged database never passes unseen.
@Suite(.serialized) struct UnreadableRowsTests {
    @Test func aDamagedIncidentIsNamedOnTheBoard() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-unreadable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try DemoSeeder(directory: directory.appendingPathComponent("demo")).seed(now: Fixtures.now)
        let source = StoreDashboardSource(workspace: workspace)
        DisplayWidth.ensureUTF8Locale()
        func start() -> DashboardProgram {
            let program = DashboardProgram(source: source, width: 120, height: 40, theme: .fallback, colorEnabled: true,
                                           themes: ThemeLibrary(directory: nil), clock: { Fixtures.now })
            program.start()
            program.tick()
            program.settle()
            return program
        }
        let clean = start()
        #expect(clean.state.unreadableRows == 0)
        #expect(!clean.render().plainText().contains("unreadable"))
        let before = try source.boardCount()

        // As someone tampering with the file would: a date no calendar can show.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [workspace.database.path,
                             "UPDATE incident SET openedAt = '10000-01-01 00:00:00.000' WHERE rowid = (SELECT MIN(rowid) FROM incident)"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let program = start()
        #expect(program.state.unreadableRows == 1)
        let lines = program.render().plainText().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[39].hasPrefix("1 unreadable row left out of the lists: run `onevoice archive verify`"), "\(lines[39])")
        #expect(program.state.board.rows.count == before - 1, "the board shows the others")
        // The warning stays on other screens too, and a flash only covers it for a while.
        program.send(.key(.char("2")))
        #expect(program.render().plainText().contains("1 unreadable row left out of the lists"))
    }

    @Test func theCountIsTakenOnATickAfterTheDataChanged() {
        var state = DashboardState(width: 120, height: 40, now: Fixtures.now, theme: .fallback)
        let update = Update()
        #expect(!update(&state, .tick(Fixtures.now)).contains(.countUnreadable), "not before the data version is known")
        _ = update(&state, .dataVersion(1))
        #expect(update(&state, .tick(Fixtures.now)).contains(.countUnreadable))
        _ = update(&state, .unreadableCounted(3))
        #expect(!update(&state, .tick(Fixtures.now)).contains(.countUnreadable), "counted at this version")
        let renderer = Renderer(keymap: .standard, commands: .standard)
        #expect(renderer.render(state).plainText().contains("3 unreadable rows left out of the lists: run `onevoice archive verify`"))
        #expect(!update(&state, .dataVersion(2)).contains(.countUnreadable), "a change reloads the screen first")
        #expect(!update(&state, .tick(Fixtures.now.addingTimeInterval(1))).contains(.countUnreadable), "at most every 30 s")
        #expect(update(&state, .tick(Fixtures.now.addingTimeInterval(Update.unreadableRecount))).contains(.countUnreadable),
                "then a tick counts again")
        _ = update(&state, .unreadableCounted(0))
        #expect(!renderer.render(state).plainText().contains("unreadable"))
    }
}
