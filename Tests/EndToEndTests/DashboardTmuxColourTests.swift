import Foundation
import Testing

/// Colour is detected after it is started: every theme draws its colours on a 256-colour terminal,
/// `:theme` switches live, and NO_COLOR (in DashboardTmuxTests) draws none.
@Suite(.serialized, .enabled(if: DashboardTmux.available, "needs tmux"))
struct DashboardTmuxColourTests {
    @Test(arguments: ["default", "high-contrast", "light"])
    func eachThemeDrawsItsColours(theme: String) throws {
        let tmux = try DashboardTmux(arguments: ["--demo", "--theme", theme], width: 100, height: 30)
        defer { tmux.stop() }
        try #require(tmux.wait(for: "Incident board", timeout: 20) != nil, "\(tmux.screen())")
        let codes = DashboardTmuxTests.colourCodes(in: tmux.screen(escapes: true))
        #expect(!codes.isEmpty, "theme \(theme) drew no colour")
        try tmux.press("q")
        #expect(tmux.wait(for: "EXIT=0") != nil)
    }

    @Test func themeSwitchesLive() throws {
        let tmux = try DashboardTmux(arguments: ["--demo", "--theme", "monochrome"], width: 100, height: 30)
        defer { tmux.stop() }
        try #require(tmux.wait(for: "Incident board", timeout: 20) != nil, "\(tmux.screen())")
        let before = Set(DashboardTmuxTests.colourCodes(in: tmux.screen(escapes: true)))
        try tmux.press(":")
        try tmux.type("theme high-contrast")
        try tmux.press("Enter")
        try #require(tmux.wait(for: "Theme ") != nil, "\(tmux.screen())")
        let after = Set(DashboardTmuxTests.colourCodes(in: tmux.screen(escapes: true)))
        #expect(!after.isEmpty && after != before, "the colours did not change: \(before) → \(after)")
        try tmux.press("q")
        #expect(tmux.wait(for: "EXIT=0") != nil)
    }
}
