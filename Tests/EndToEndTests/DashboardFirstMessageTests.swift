import Foundation
import Testing

/// The first message must be fast: a PIO who is also the spokesperson goes from `n` on the board to a signed
/// holding statement scheduled on the template's default channels in at most 12 key presses (typing the title
/// and location aside). The holding statement is drafted and shown as soon as the incident exists.
@Suite(.serialized, .enabled(if: DashboardTmux.available, "needs tmux"))
struct DashboardFirstMessageTests {
    @Test func newIncidentToScheduledHoldingStatementInAtMost12Keys() throws {
        let tmux = try DashboardTmux(arguments: ["--demo", "--as", "pio"])
        defer { tmux.stop() }
        #expect(tmux.wait(for: "as pio (drafter+spokesperson)", timeout: 20) != nil, "the dashboard did not start")

        // New incident: title, kind (type-ahead; officer-involved shooting is first), location, spokesperson (pio).
        try tmux.press("n")
        try #require(tmux.wait(for: "New incident") != nil, "\(tmux.screen())")
        try tmux.type("Shots fired near Oak Park")
        try tmux.press("Enter")  // to Kind
        try tmux.press("Enter")  // Officer-involved shooting, to Location
        try tmux.type("the 300 block of Oak Street")
        try tmux.press("Enter")  // to Spokesperson (pio, from the roster)
        try tmux.press("Enter")  // open the incident: its holding statement is drafted and shown at once
        // The whole frame, not one caught half drawn (tmux can capture while the dashboard is still writing it).
        let draft = try #require(tmux.wait(timeout: 10) { $0.contains("DRAFT rev 1") && $0.contains("Checks") && $0.contains("Legal:") },
                                 "no holding statement:\n\(tmux.screen())")
        #expect(draft.contains("Checks pass"))
        #expect(draft.contains("Legal: not needed"), "an unedited holding statement was cleared with its template")
        let idLine = draft.split(separator: "\n").first { $0.contains("DRAFT rev 1") }.map(String.init) ?? ""
        let releaseID = try #require(idLine.split(separator: " ").first { $0.hasPrefix("#") }.map { String($0.dropFirst()) })

        try tmux.press("s")      // submit
        try #require(tmux.wait(for: "IN REVIEW") != nil, "\(tmux.screen())")
        try tmux.press("a")      // approve: the dialog shows what is signed
        let approval = try #require(tmux.wait(for: "Approve release #\(releaseID)"), "\(tmux.screen())")
        #expect(approval.contains("SHA-256 "))
        try tmux.press("y")
        try #require(tmux.wait(for: "APPROVED") != nil, "\(tmux.screen())")
        try tmux.press("t")      // schedule: now, on the template's default channels (pre-ticked)
        let form = try #require(tmux.wait(for: "Schedule release #\(releaseID)"), "\(tmux.screen())")
        #expect(form.contains("+0m"))
        try tmux.press("Enter")  // to Channels
        try #require(tmux.wait(for: "[x]") != nil, "\(tmux.screen())")
        try tmux.press("Enter")  // schedule
        try #require(tmux.wait(for: "on 7 channels") != nil, "not scheduled:\n\(tmux.screen())")

        #expect(tmux.keyCount <= 12, "the first message took \(tmux.keyCount) keys: \(tmux.pressed)")
        print("First message: \(tmux.keyCount) keys: \(tmux.pressed.joined(separator: " "))")
        // The dashboard's own scheduler delivers it, and the open Posts tab shows that without a key press (its
        // writes move the change stamp as another process's do): a pass every 0.5 s, a poll every 0.25 s.
        try tmux.press("Escape", "4")
        try #require(tmux.wait(for: "[4 Posts]") != nil, "\(tmux.screen())")
        let start = Date()
        let delivered = tmux.wait(timeout: 5) { $0.contains(" sent") }
        let latency = Date().timeIntervalSince(start)
        #expect(delivered != nil, "the delivery never showed:\n\(tmux.screen())")
        #expect(latency < 1.5, "the delivery took \(latency) s to show")
        print("Own delivery shown after \(String(format: "%.2f", latency)) s")
        try tmux.press("q")
        #expect(tmux.wait(for: "EXIT=0") != nil)

        // What the records say, read by the CLI: signed by pio, on the template's channels, going out now.
        let db = ["--db", tmux.demoDatabase]
        let release = try #require(try tmux.runner.json(["release", "show", releaseID] + db) as? [String: Any])
        #expect(["scheduled", "released"].contains(release["status"] as? String ?? ""), "\(release["status"] ?? "")")
        #expect(release["holding"] as? Bool == true)
        let attestations = release["attestations"] as? [[String: Any]] ?? []
        #expect(attestations.contains { $0["verdict"] as? String == "approved" && $0["actorHandle"] as? String == "pio" },
                "\(attestations)")
    }
}
