import Foundation
import Testing

/// Exactly-once delivery when the scheduler process is killed (`kill -9`) at random moments and restarted.
/// The channels have no settings, so each post is a hand-off: written once to the outbox and handed to a person
/// ("to post by hand") exactly once, never twice, whatever the kills.
///
/// After each kill the test lets "time pass" for the dead process: it expires its lease and ages its
/// claims in the database (what 15–30 s of waiting would do), so the next process takes over at once
/// instead of the test sleeping half a minute per round. Everything else is the real binary.
/// ONEVOICE_SOAK_ROUNDS=500 runs a longer soak (more rounds and more releases).
@Suite("Scheduler kill -9 end to end", .serialized)
struct SchedulerKillTests {
    static let soakRounds = ProcessInfo.processInfo.environment["ONEVOICE_SOAK_ROUNDS"].flatMap(Int.init)

    @Test func everyPostIsDeliveredExactlyOnceThoughTheSchedulerIsKilledAgainAndAgain() throws {
        let started = Date()
        let minimumRounds = max(30, Self.soakRounds ?? 0)
        let releases = Self.soakRounds.map { max(10, $0 / 3) } ?? 10
        let channels = ["x", "mastodon", "facebook", "nextdoor"]
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let sam = try cli.newKey("sam")
        _ = try cli.json(["roster", "add", "sam", "--name", "Sam", "--public-key", sam.publicKey, "--role", "spokesperson"])
        let incident = try Self.id(cli, ["incident", "open", "--title", "Crash on Route 4", "--kind", "road-closure",
                                         "--location", "Route 4 at Mill Rd", "--spokesperson", "sam"])
        var ids: [Int] = []
        for _ in 0..<releases {
            let id = try Self.id(cli, ["release", "draft", "\(incident)", "--template", "road-closure", "--holding"])
            #expect(try cli.run(["release", "submit", "\(id)"]).status == 0)
            let approved = try cli.run(["release", "approve", "\(id)", "--identity", sam.path])
            try #require(approved.status == 0, "\(approved.stderr)")
            ids.append(id)
        }
        // Spread over a few seconds, so work keeps arriving while the scheduler is being killed.
        let base = Date().addingTimeInterval(1)
        let iso = ISO8601DateFormatter()
        for (n, id) in ids.enumerated() {
            let at = iso.string(from: base.addingTimeInterval(Double(n) * 0.4))
            let scheduled = try cli.run(["release", "schedule", "\(id)", "--at", at, "--channels", channels.joined(separator: ",")])
            try #require(scheduled.status == 0, "\(scheduled.stderr)")
        }
        let total = releases * channels.count
        let setup = Date().timeIntervalSince(started)

        var rounds = 0
        var killedWhileDelivering = 0
        var generator = SystemRandomNumberGenerator()
        // Startup takes ~0.1 s on an idle machine, much more on a busy one: a round that got nothing
        // done lets the next one live a little longer, so kills keep landing mid-batch either way.
        var patience: UInt32 = 0
        var lastDelivered = ""
        while true {
            let delivered = try Self.sqlite(cli, "SELECT COUNT(*) FROM post WHERE state = 'hand_off'")
            if rounds >= minimumRounds && delivered == "\(total)" { break }
            try #require(rounds < minimumRounds * 4 + 200, "gave up after \(rounds) rounds with \(delivered) of \(total) delivered")
            patience = delivered == lastDelivered && delivered != "\(total)" ? min(patience + 50_000, 2_000_000) : patience / 2
            lastDelivered = delivered
            let process = try Self.startScheduler(cli)
            // Kill anywhere from before it opens the database to mid-batch.
            usleep(UInt32.random(in: 20_000...250_000, using: &generator) + patience)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)
            rounds += 1
            // Time passes for the dead process: its lease expires and its claims go stale.
            let claims = try Self.sqlite(cli, "SELECT COUNT(*) FROM post WHERE state = 'delivering'")
            if claims != "0" { killedWhileDelivering += 1 }
            _ = try Self.sqlite(cli, """
                UPDATE schedulerLease SET expiresAt = '2000-01-01 00:00:00.000';
                UPDATE post SET claimedAt = '2000-01-01 00:00:00.000' WHERE state = 'delivering';
                """)
        }

        // Every post handed to a person; every hand-off recorded once.
        let states = try Self.sqlite(cli, "SELECT state, COUNT(*) FROM post GROUP BY state")
        #expect(states == "hand_off|\(total)")
        let posts = try Self.sqlite(cli, "SELECT id, channel, idempotencyKey, externalID FROM post ORDER BY id")
            .split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        #expect(posts.count == total)
        let logged = try Self.sqlite(cli, "SELECT subjectID, COUNT(*) FROM logEntry WHERE action = 'post.hand_off' GROUP BY subjectID HAVING COUNT(*) != 1")
        #expect(logged.isEmpty, "posts with more or fewer than one hand-off in the record: \(logged)")
        #expect(try Self.sqlite(cli, "SELECT COUNT(DISTINCT subjectID) FROM logEntry WHERE action = 'post.hand_off'") == "\(total)")
        // Nothing is released until a person marks its hand-offs posted.
        #expect(try Self.sqlite(cli, "SELECT COUNT(*) FROM pressRelease WHERE status = 'released'") == "0")

        // The outbox: one file per post, named by its key, holding its key; no key in two files.
        let outbox = cli.home.appendingPathComponent("data/onevoice/outbox")
        var filesByKey: [String: Set<String>] = [:]
        var visible = 0
        var leftovers: [String] = []
        for channel in channels {
            let folder = outbox.appendingPathComponent(channel)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                if name.hasPrefix(".") { leftovers.append(name); continue }
                visible += 1
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                let key = try #require((object?["item"] as? [String: Any])?["idempotencyKey"] as? String)
                filesByKey[key, default: []].insert("\(channel)/\(name)")
            }
        }
        #expect(visible == total)
        // A kill mid-write leaves a temporary file; the retry that completes the post removes it.
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(filesByKey.values.allSatisfy { $0.count == 1 }, "\(filesByKey.filter { $0.value.count > 1 })")
        for post in posts {
            let (id, channel, key, external) = (post[0], post[1], post[2], post[3])
            #expect(filesByKey[key] == ["\(channel)/\(id)-\(key).json"])
            #expect(external.isEmpty, "a hand-off has no platform id until a person marks it posted")
        }
        let verify = try cli.run(["archive", "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        print("""
            SchedulerKillTests: \(total) posts, \(rounds) kill -9 rounds (\(killedWhileDelivering) left a claim behind), \
            setup \(String(format: "%.1f", setup)) s, \
            total \(String(format: "%.1f", Date().timeIntervalSince(started))) s
            """)
    }

    static func id(_ cli: CLIRunner, _ arguments: [String]) throws -> Int {
        let object = try cli.json(arguments) as? [String: Any]
        return try #require(object?["id"] as? Int)
    }

    static func startScheduler(_ cli: CLIRunner) throws -> Process {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["scheduler", "run", "--interval", "0.05"]
        process.environment = cli.environment
        process.currentDirectoryURL = cli.home
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Reads (or, between runs, changes) the database with the sqlite3 shell; rows as "a|b" lines.
    static func sqlite(_ cli: CLIRunner, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-cmd", ".timeout 30000", cli.databasePath, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CLIRunner.CLIError.failed("sqlite3 \(sql)", "") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
