import Foundation
import Testing

@Suite("CLI foundation", .serialized)
struct FoundationCLITests {
    @Test func aNewAgencyFromInitToAVerifiedLog() throws {
        let cli = try CLIRunner()
        let initialised = try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago", "--exercise"])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(initialised.stdout.contains("EXERCISE"))

        let sam = try cli.newKey("sam")
        #expect(sam.publicKey.count == 44)
        let added = try cli.json(["roster", "add", "sam", "--name", "Sam Spokes", "--role", "spokesperson", "--role", "verifier",
                                  "--public-key", sam.publicKey]) as? [String: Any]
        #expect(added?["id"] as? Int == 2)
        let roster = try cli.json(["roster", "list"]) as? [[String: Any]]
        #expect(roster?.compactMap { $0["handle"] as? String } == ["pio", "sam"])

        let opened = try cli.json(["incident", "open", "--title", "Shots fired near Elm Park", "--kind", "officer-involved-shooting",
                                   "--location", "1200 block of Elm Street", "--spokesperson", "sam"]) as? [String: Any]
        let incidentID = try #require(opened?["id"] as? Int)
        let fact = try cli.json(["fact", "add", "\(incidentID)", "--text", "One adult was taken to Mercy Hospital.",
                                 "--source", "Lt. Ortiz", "--source-kind", "incident-commander", "--key", "injured"]) as? [String: Any]
        #expect(fact?["id"] as? Int == 1)
        let facts = try cli.json(["fact", "list", "\(incidentID)"]) as? [[String: Any]]
        #expect(facts?.first?["status"] as? String == "unverified")
        #expect(facts?.first?["key"] as? String == "injured")
        let list = try cli.json(["incident", "list"]) as? [[String: Any]]
        #expect(list?.first?["title"] as? String == "Shots fired near Elm Park")
        #expect(list?.first?["isExercise"] as? Bool == true)
        let shown = try cli.run(["incident", "show", "\(incidentID)"])
        #expect(shown.stdout.contains("Spokesperson: sam"))
        #expect(try cli.json(["incident", "close", "\(incidentID)"]) is [String: Any])

        let verified = try cli.run(["archive", "verify"])
        #expect(verified.status == 0)
        #expect(verified.stdout.contains("The records log holds: 6 entries"))

        // Tampering with the sqlite3 shell is caught, naming the entry.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [cli.databasePath, "UPDATE logEntry SET change = replace(change, 'Mercy', 'County') WHERE action = 'fact.add'"]
        try shell.run()
        shell.waitUntilExit()
        let tampered = try cli.run(["archive", "verify"])
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("Log entry 5 (fact.add, fact #1) was altered"))
    }

    @Test func refusalsAreOneSentenceAndChangeNothing() throws {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let stranger = try cli.newKey("stranger")
        let refused = try cli.run(["incident", "open", "--title", "X", "--kind", "general", "--identity", stranger.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is not in this database's roster"))
        #expect(refused.stderr.split(separator: "\n").count == 1)

        let missing = try cli.run(["incident", "open", "--title", "X", "--kind", "general", "--identity", cli.home.path + "/nope.key"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("No identity key at"))

        let legal = try cli.newKey("legal")
        _ = try cli.json(["roster", "add", "lee", "--name", "Lee Legal", "--role", "legal", "--public-key", legal.publicKey])
        let wrongRole = try cli.run(["roster", "add", "eve", "--name", "Eve", "--role", "admin", "--public-key", stranger.publicKey,
                                     "--identity", legal.path])
        #expect(wrongRole.status == 1)
        #expect(wrongRole.stderr.contains("Only an admin can change the roster; lee has the legal role."))
        let incidents = try cli.json(["incident", "list"]) as? [Any]
        #expect(incidents?.isEmpty == true)
        #expect(try cli.run(["archive", "verify"]).stdout.contains("3 entries"))

        let usage = try cli.run(["incident", "open", "--kind", "nonsense"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("Usage:"))

        let noDB = try cli.run(["incident", "list", "--db", cli.home.path + "/elsewhere.sqlite"])
        #expect(noDB.status == 1)
        #expect(noDB.stderr.contains("There is no OneVoice database at"))
        #expect(!FileManager.default.fileExists(atPath: cli.home.path + "/elsewhere.sqlite"))
    }

    @Test func twoProcessesWritingAtOnceLoseNothing() throws {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let opened = try cli.json(["incident", "open", "--title", "Storm", "--kind", "evacuation"]) as? [String: Any]
        let incidentID = try #require(opened?["id"] as? Int)
        let perProcess = 30
        // Two shells, each adding facts as fast as it can, at the same time.
        let script = """
            for i in $(seq 1 \(perProcess)); do
              "\(CLIRunner.binary.path)" fact add \(incidentID) --text "Writer $1 fact $i" --source EOC --source-kind official-record >/dev/null || echo "FAILED $1 $i" >&2
            done
            """
        let writers = try (1...2).map { n -> (Process, Pipe) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", script, "writer", "\(n)"]
            process.environment = cli.environment
            let err = Pipe()
            process.standardError = err
            try process.run()
            return (process, err)
        }
        for (process, err) in writers {
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(errors.isEmpty, "\(errors)")
            #expect(process.terminationStatus == 0)
        }
        let facts = try cli.json(["fact", "list", "\(incidentID)"]) as? [[String: Any]]
        #expect(facts?.count == 2 * perProcess)
        #expect(try cli.run(["archive", "verify"]).status == 0)
    }
}
