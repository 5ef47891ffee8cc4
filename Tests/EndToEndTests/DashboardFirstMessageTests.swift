import Foundation
import Testing

/// The first message must be fast: a PIO who is also the spokesperson goes from "new incident" to a signed
/// holding statement scheduled on three channels in at most 25 key presses (typing the title and location aside).
@Suite(.serialized, .enabled(if: DashboardTmux.available, "needs tmux"))
struct DashboardFirstMessageTests {
    @Test func newIncidentToScheduledHoldingStatementInAtMost25Keys() throws {
        let tmux = try DashboardTmux(arguments: ["--demo", "--as", "pio"])
        defer { tmux.stop() }
        #expect(tmux.wait(for: "as pio (drafter+spokesperson)", timeout: 20) != nil, "the dashboard did not start")

        // New incident: title, kind (officer-involved shooting is first), location, spokesperson (pio by default).
        try tmux.press("n")
        try #require(tmux.wait(for: "New incident") != nil)
        try tmux.type("Shots fired near Oak Park")
        try tmux.press("Enter")  // to Kind
        try tmux.press("Enter")  // Officer-involved shooting, to Location
        try tmux.type("the 300 block of Oak Street")
        try tmux.press("Enter")  // to Spokesperson (pio)
        try tmux.press("Enter")  // open the incident
        try #require(tmux.wait(for: "Draft a release for incident") != nil, "no template picker:\n\(tmux.screen())")
        #expect(tmux.screen().contains("(•) Officer-involved shooting"), "the kind's template is preselected")
        try tmux.press("Enter")  // draft its holding statement
        let draft = try #require(tmux.wait(for: "DRAFT rev 1"), "no release view:\n\(tmux.screen())")
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
        try tmux.press("t")      // schedule
        try #require(tmux.wait(for: "Schedule release #\(releaseID)") != nil)
        // The default time is +0m (now); wait half an hour instead so the posts can be checked while they wait.
        try tmux.press("C-u", "+", "3", "0", "m", "Enter")
        try #require(tmux.wait(for: "[x] 7 Media list") != nil || tmux.screen().contains("Channels"))
        // Keep X (1), Facebook (4) and the website (6): untick Mastodon, Bluesky, Nextdoor and the media list.
        try tmux.press("2", "3", "5", "7")
        try tmux.press("Enter")
        try #require(tmux.wait(for: "on 3 channels") != nil, "not scheduled:\n\(tmux.screen())")

        #expect(tmux.keyCount <= 25, "the first message took \(tmux.keyCount) keys: \(tmux.pressed)")
        print("First message: \(tmux.keyCount) keys: \(tmux.pressed.joined(separator: " "))")
        try tmux.press("q")
        #expect(tmux.wait(for: "EXIT=0") != nil)

        // What the records say, read by the CLI.
        let db = ["--db", tmux.demoDatabase]
        let release = try #require(try tmux.runner.json(["release", "show", releaseID] + db) as? [String: Any])
        #expect(release["status"] as? String == "scheduled")
        #expect(release["holding"] as? Bool == true)
        let attestations = release["attestations"] as? [[String: Any]] ?? []
        #expect(attestations.contains { $0["verdict"] as? String == "approved" && $0["actorHandle"] as? String == "pio" },
                "\(attestations)")
        let posts = try #require(try tmux.runner.json(["schedule", "list"] + db) as? [[String: Any]])
        let ours = posts.filter { "\($0["releaseID"] ?? "")" == releaseID }
        #expect(Set(ours.compactMap { $0["channel"] as? String }) == ["x", "facebook", "website"], "\(ours)")
        #expect(ours.allSatisfy { $0["state"] as? String == "scheduled" })
    }
}
