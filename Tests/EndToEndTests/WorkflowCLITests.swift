import Foundation
import Testing

/// The release workflow as people drive it from the shell, with one key per person.
@Suite("CLI workflow", .serialized)
struct WorkflowCLITests {
    struct Desk {
        let cli: CLIRunner
        let sam: String, vic: String, lee: String

        init() throws {
            cli = try CLIRunner()
            let initialised = try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"])
            guard initialised.status == 0 else { throw CLIRunner.CLIError.failed("init", initialised.stderr) }
            sam = try Self.enrol(cli, "sam", ["spokesperson"])
            vic = try Self.enrol(cli, "vic", ["verifier"])
            lee = try Self.enrol(cli, "lee", ["legal"])
        }

        static func enrol(_ cli: CLIRunner, _ handle: String, _ roles: [String]) throws -> String {
            let key = try cli.newKey(handle)
            _ = try cli.json(["roster", "add", handle, "--name", handle.capitalized, "--public-key", key.publicKey]
                             + roles.flatMap { ["--role", $0] })
            return key.path
        }

        func id(_ arguments: [String]) throws -> Int {
            let object = try cli.json(arguments) as? [String: Any]
            return try #require(object?["id"] as? Int)
        }
    }

    @Test func anOfficerInvolvedShootingGoesFromTemplateToSignedApprovalByTheRules() throws {
        let desk = try Desk()
        let cli = desk.cli
        let templates = try cli.json(["template", "list"]) as? [[String: Any]]
        #expect(templates?.compactMap { $0["id"] as? String }.contains("officer-involved-shooting") == true)
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let builtIn = repository.appendingPathComponent("Sources/OneVoiceCore/Resources/Templates/officer-involved-shooting.toml")
        let checked = try cli.run(["template", "check", builtIn.path])
        #expect(checked.status == 0, "\(checked.stdout)")

        let incident = try desk.id(["incident", "open", "--title", "Shots fired near Elm Park", "--kind", "officer-involved-shooting",
                                    "--location", "the 1200 block of Elm Street", "--spokesperson", "sam"])
        let release = try desk.id(["release", "draft", "\(incident)", "--template", "officer-involved-shooting", "--holding"])
        let shown = try cli.json(["release", "show", "\(release)"]) as? [String: Any]
        #expect(shown?["status"] as? String == "draft")
        let findings = try cli.json(["release", "check", "\(release)"]) as? [[String: Any]]
        #expect(findings?.allSatisfy { $0["severity"] as? String != "block" } == true)

        // Nobody but the spokesperson signs; nothing is signed before review.
        #expect(try cli.run(["release", "approve", "\(release)", "--identity", desk.sam]).status == 1)
        #expect(try cli.run(["release", "submit", "\(release)"]).status == 0)
        let byDrafter = try cli.run(["release", "approve", "\(release)"])
        #expect(byDrafter.status == 1)
        #expect(byDrafter.stderr.contains("Only sam, the incident's spokesperson, can approve"))
        #expect(try cli.run(["release", "approve", "\(release)", "--identity", desk.lee]).status == 1)
        let approved = try cli.run(["release", "approve", "\(release)", "--identity", desk.sam])
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect((try cli.json(["release", "show", "\(release)"]) as? [String: Any])?["status"] as? String == "approved")

        // A later edit is a new, unapproved revision; the old approval stays, superseded.
        let edited = cli.home.appendingPathComponent("edit.txt")
        try Data("Officers were involved in a shooting near the 1200 block of Elm Street. The investigation is ongoing, and more information will follow.\n".utf8).write(to: edited)
        #expect(try cli.run(["release", "edit", "\(release)", "--text-file", edited.path]).status == 0)
        let after = try cli.json(["release", "show", "\(release)"]) as? [String: Any]
        #expect(after?["status"] as? String == "draft")
        #expect(after?["revision"] as? Int == 2)
        let attestations = after?["attestations"] as? [[String: Any]]
        #expect(attestations?.first?["supersededAt"] != nil)
        let diff = try cli.run(["release", "diff", "\(release)", "1", "2"])
        #expect(diff.stdout.contains("+ Officers were involved in a shooting near the 1200 block of Elm Street."))

        // Edited after a shooting: legal must clear this revision before the spokesperson can sign it.
        #expect(try cli.run(["release", "submit", "\(release)"]).status == 0)
        let needsLegal = try cli.run(["release", "approve", "\(release)", "--identity", desk.sam])
        #expect(needsLegal.stderr.contains("needs legal clearance"))
        #expect(try cli.run(["release", "clear", "\(release)", "--identity", desk.lee]).status == 0)
        #expect(try cli.run(["release", "approve", "\(release)", "--identity", desk.sam]).status == 0)

        let verify = try cli.run(["archive", "verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("3 attestations"))
    }

    @Test func theChecksCatchRealPhrasingsAndPointAtThem() throws {
        let desk = try Desk()
        let cli = desk.cli
        let incident = try desk.id(["incident", "open", "--title", "Burglary arrest", "--kind", "general", "--spokesperson", "sam"])
        let release = try desk.id(["release", "draft", "\(incident)"])
        let file = cli.home.appendingPathComponent("text.txt")
        try Data("""
            A 16-year-old was arrested at 1234 N. Main St., Apt. 3B.
            The suspect, born 4/12/1987, confessed to officers.
            The investigation is ongoing.
            """.utf8).write(to: file)
        #expect(try cli.run(["release", "edit", "\(release)", "--text-file", file.path]).status == 0)
        let check = try cli.run(["release", "check", "\(release)", "--json"])
        #expect(check.status == 1)
        let findings = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]] ?? []
        let rules = Set(findings.compactMap { $0["rule"] as? String })
        #expect(rules.isSuperset(of: ["juvenile", "address", "date-of-birth", "statement"]), "\(rules)")
        let address = findings.first { $0["rule"] as? String == "address" }
        #expect(address?["line"] as? Int == 1)
        #expect((address?["column"] as? Int ?? 0) > 1)
        #expect(try cli.run(["release", "submit", "\(release)"]).status == 1)
    }

    @Test func factsNeedTheirSecondPerson() throws {
        let desk = try Desk()
        let cli = desk.cli
        let incident = try desk.id(["incident", "open", "--title", "Storm", "--kind", "evacuation"])
        let fact = try desk.id(["fact", "add", "\(incident)", "--text", "The shelter at Lincoln School is open.", "--source", "EOC",
                                "--source-kind", "official-record", "--key", "shelter-location"])
        let own = try cli.run(["fact", "verify", "\(fact)"])
        #expect(own.status == 1)
        #expect(own.stderr.contains("Only a verifier can verify a fact"))
        #expect(try cli.run(["fact", "verify", "\(fact)", "--identity", desk.vic, "--note", "Called the EOC"]).status == 0)
        #expect(try cli.run(["fact", "clear", "\(fact)", "--identity", desk.lee]).status == 0)
        let facts = try cli.json(["fact", "list", "\(incident)"]) as? [[String: Any]]
        #expect(facts?.first?["status"] as? String == "verified")
        #expect(facts?.first?["clearedForRelease"] as? Bool == true)

        let rumor = try desk.id(["rumor", "add", "\(incident)", "--text", "The shelter is closed", "--seen-at", "Facebook group"])
        let draft = try desk.id(["rumor", "answer", "\(rumor)", "--fact", "\(fact)"])
        let shown = try cli.json(["release", "show", "\(draft)"]) as? [String: Any]
        #expect(shown?["kind"] as? String == "correction")
        #expect((shown?["text"] as? String)?.contains("The shelter at Lincoln School is open.") == true)
    }

    @Test func postCountMatchesThePlatforms() throws {
        let cli = try CLIRunner()
        let x = try cli.json(["post", "count", "--platform", "x", "Crash on Route 9 🚓 details: example.com/news/123"]) as? [String: Any]
        #expect(x?["length"] as? Int == 52) // 17 + emoji 2 + 10 + URL 23
        #expect(x?["limit"] as? Int == 280)
        #expect(x?["valid"] as? Bool == true)
        let long = try cli.run(["post", "count", "--platform", "bluesky", "--json", "-"], stdin: String(repeating: "é", count: 301) + "\n")
        #expect(long.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(long.stdout.utf8)) as? [String: Any]
        #expect(object?["length"] as? Int == 301)
        #expect(object?["platform"] as? String == "bluesky")
    }
}
