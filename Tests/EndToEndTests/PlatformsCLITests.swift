import Foundation
import Testing

/// Hand-offs and channel checks through the real binary: the scheduler hands a post to a person, who prints its
/// text, marks it posted (signed), and the whole record still verifies.
@Suite("Platforms end to end", .serialized)
struct PlatformsCLITests {
    @Test func aHandOffIsShownMarkedPostedAndTheRecordVerifies() throws {
        let cli = try CLIRunner()
        let (sam, incident) = try cli.routeFourCrash()
        let release = try SchedulerKillTests.id(cli, ["release", "draft", "\(incident)", "--template", "road-closure", "--holding"])
        #expect(try cli.run(["release", "submit", "\(release)"]).status == 0)
        #expect(try cli.run(["release", "approve", "\(release)", "--identity", sam.path]).status == 0)
        let scheduled = try cli.run(["release", "schedule", "\(release)", "--at", "+0m", "--channels", "nextdoor,x"])
        try #require(scheduled.status == 0, "\(scheduled.stderr)")
        let ran = try cli.run(["scheduler", "run", "--once"])
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.contains("to post by hand 2"), "\(ran.stdout)")

        let posts = try #require(try cli.json(["schedule", "list"]) as? [[String: Any]])
        let nextdoor = try #require(posts.first { $0["channel"] as? String == "nextdoor" })
        let id = try #require(nextdoor["id"] as? Int)
        #expect(nextdoor["state"] as? String == "hand_off")
        let shown = try cli.run(["post", "show", "\(id)"])
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix(nextdoor["text"] as? String ?? "-"), "the exact text comes first, ready to copy")
        #expect(shown.stdout.contains("to post by hand"))

        let bad = try cli.run(["post", "mark-posted", "\(id)", "--url", "javascript:alert(1)", "--identity", sam.path])
        #expect(bad.status == 1 && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
        let marked = try cli.run(["post", "mark-posted", "\(id)", "--url", "https://nextdoor.com/p/AbC123", "--identity", sam.path])
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(marked.stdout.contains("https://nextdoor.com/p/AbC123"))
        let x = try #require(posts.first { $0["channel"] as? String == "x" }?["id"] as? Int)
        #expect(try cli.run(["post", "mark-sent", "\(x)", "--url", "https://x.com/rivertonpd/status/1862334455667788990", "--identity", sam.path]).status == 0)
        let verify = try cli.run(["archive", "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(try SchedulerKillTests.sqlite(cli, "SELECT status FROM pressRelease WHERE id = \(release)") == "released")
        #expect(try SchedulerKillTests.sqlite(cli, "SELECT externalID FROM post WHERE id = \(x)") == "1862334455667788990")
        // The export carries the post's address, and checks out.
        let out = cli.home.appendingPathComponent("export").path
        let exported = try cli.run(["archive", "export", "--out", out, "--incident", "\(incident)"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let postJSON = try String(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("data/posts/post-\(id).json"), encoding: .utf8)
        #expect(postJSON.contains("https://nextdoor.com/p/AbC123"), "\(postJSON)")
        let checked = try cli.run(["archive", "check-export", out])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    }

    @Test func channelTestSaysInOneSentenceWhatIsMissing() throws {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let bluesky = try cli.run(["channel", "test", "bluesky"])
        #expect(bluesky.status == 1)
        #expect(bluesky.stderr.contains("Bluesky is not set up") && bluesky.stderr.split(separator: "\n").count == 1, "\(bluesky.stderr)")
        let nextdoor = try cli.run(["channel", "test", "nextdoor"])
        #expect(nextdoor.status == 1 && nextdoor.stderr.contains("only for x, bluesky and facebook"), "\(nextdoor.stderr)")
        // The token turns X on; an unreachable API (a closed port on this machine, never the real one) is one sentence,
        // and the token never shows.
        let config = cli.home.appendingPathComponent("config/onevoice")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("[delivery.x]\napi_base = \"http://127.0.0.1:9\"\n".utf8).write(to: config.appendingPathComponent("config.toml"))
        let x = try cli.run(["channel", "test", "x"], environment: ["ONEVOICE_X_TOKEN": "secret-token-0042"])
        #expect(x.stderr.contains("X (127.0.0.1) could not be reached"), "\(x.stderr)")
        #expect(x.status == 1, "\(x.stdout)")
        #expect(!x.stderr.contains("secret-token-0042") && x.stderr.split(separator: "\n").count == 1, "\(x.stderr)")
    }
}

extension CLIRunner {
    /// A new agency with Sam as spokesperson of one road-closure incident: Sam's key and the incident's number.
    func routeFourCrash() throws -> (sam: (path: String, publicKey: String), incident: Int) {
        #expect(try run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let sam = try newKey("sam")
        _ = try json(["roster", "add", "sam", "--name", "Sam", "--public-key", sam.publicKey, "--role", "spokesperson"])
        let incident = try SchedulerKillTests.id(self, ["incident", "open", "--title", "Crash on Route 4", "--kind", "road-closure",
                                                        "--location", "Route 4 at Mill Rd", "--spokesperson", "sam"])
        return (sam, incident)
    }
}
