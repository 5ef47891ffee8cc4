import Foundation
import Testing

/// The real dashboard in tmux: keys, screens, a too-small window, NO_COLOR, a change made by another
/// process showing without a key press, and a clean exit that gives the terminal back.
@Suite(.serialized, .enabled(if: DashboardTmux.available, "needs tmux"))
struct DashboardTmuxTests {
    @Test func keysResizeLiveChangesAndQuit() throws {
        let tmux = try DashboardTmux(arguments: ["--demo"], width: 100, height: 30)
        defer { tmux.stop() }
        let board = try #require(tmux.wait(for: "Incident board", timeout: 20), "the dashboard did not start:\n\(tmux.screen())")
        #expect(board.contains("*** EXERCISE ***"))
        #expect(board.contains("as sam (spokesperson)"), "the top bar says who is acting")

        // Open the officer-involved shooting and its facts.
        try tmux.press("/")
        try tmux.type("Elm Park")
        try tmux.press("Enter", "Enter")
        try #require(tmux.wait(for: "[1 Overview]") != nil, "\(tmux.screen())")
        try tmux.press("2")
        // The tab's header can draw before its rows on a loaded machine: wait for a row.
        let facts = try #require(tmux.wait(for: "No officers were injured."), "the facts did not show:\n\(tmux.screen())")
        #expect(facts.contains("[2 Facts]"))
        let incident = try #require(facts.split(separator: "\n")[1].split(separator: " ").first.map(String.init))

        // Too small, then back.
        try tmux.resize(width: 40, height: 10)
        let small = try #require(tmux.wait(for: "needs 80x24"), "no too-small screen:\n\(tmux.screen())")
        #expect(small.contains("EXERCISE"))
        try tmux.resize(width: 100, height: 30)
        #expect(tmux.wait(for: "[2 Facts]") != nil, "the facts tab did not come back:\n\(tmux.screen())")

        // Another process records a fact; it shows without a key press.
        let statement = "A witness saw a grey sedan leave northbound."
        let added = try tmux.runner.run(["fact", "add", incident, "--text", statement, "--source", "A neighbour",
                                         "--source-kind", "witness", "--db", tmux.demoDatabase, "--identity", tmux.demoKey("dana")])
        #expect(added.status == 0, "\(added.stderr)")
        let start = Date()
        let shown = tmux.wait(timeout: 5) { $0.contains(statement) }
        let latency = Date().timeIntervalSince(start)
        #expect(shown != nil, "the new fact never showed:\n\(tmux.screen())")
        #expect(latency < 1.5, "the new fact took \(latency) s to show")

        // A refusal is one sentence on the flash line, before any form: sam is no verifier.
        try tmux.press("v")
        #expect(tmux.wait(for: "Only a verifier can verify a fact") != nil, "\(tmux.screen())")
        #expect(!tmux.screen().contains("Verify fact #"), "no form opens for a role not held")

        // The schedule view.
        try tmux.press("Escape", "3")
        let schedule = try #require(tmux.wait(for: "Schedule: the next 24 hours"), "\(tmux.screen())")
        #expect(schedule.contains("now"))

        // q quits with status 0 and gives the terminal back (the dashboard's screen is gone).
        try tmux.press("q")
        let after = try #require(tmux.wait(for: "EXIT=0"), "no clean exit:\n\(tmux.screen())")
        #expect(!after.contains("Schedule: the next 24 hours"), "the terminal was not restored:\n\(after)")
    }

    @Test func noColorStillShowsExercise() throws {
        let tmux = try DashboardTmux(arguments: ["--demo"], width: 100, height: 30, environment: ["NO_COLOR": "1"])
        defer { tmux.stop() }
        try #require(tmux.wait(for: "Incident board", timeout: 20) != nil, "\(tmux.screen())")
        let text = tmux.screen()
        #expect(text.contains("*** EXERCISE ***"))
        let styled = tmux.screen(escapes: true)
        #expect(Self.colourCodes(in: styled).isEmpty, "NO_COLOR but colours: \(Self.colourCodes(in: styled))")
        try tmux.press("q")
        #expect(tmux.wait(for: "EXIT=0") != nil, "no clean exit:\n\(tmux.screen())")
    }

    /// SGR parameters that set a colour (30-37, 38, 40-47, 48, 90-97, 100-107).
    static func colourCodes(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { $0.isLetter }) else { break }
            if rest[end] == "m" {
                for part in rest[..<end].split(separator: ";") {
                    if let n = Int(part), (30...48).contains(n) || (90...107).contains(n), n != 39, n != 49 { found.append(String(part)) }
                }
            }
            rest = rest[end...]
        }
        return found
    }
}
