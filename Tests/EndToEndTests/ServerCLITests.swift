import Foundation
import Testing
import TestSupport

/// The real binary on a shared PostgreSQL server, from two "machines" (two homes, each with its own working
/// copy), and a record moved between a file and the server and back.
@Suite("CLI on a shared server")
struct ServerCLITests {
    @Test func twoMachinesWorkOneRecordAndMoveItToAFileAndBack() throws {
        let url = try PostgresCluster.freshDatabase()
        let first = try CLIRunner()
        let initialised = try first.run(["init", "--db", url, "--agency", "Riverton JIC", "--timezone", "America/Chicago"])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let key = first.home.appendingPathComponent("config/onevoice/identity.key").path
        let opened = try first.run(["incident", "open", "--db", url, "--title", "Crash on Route 9", "--kind", "mass-casualty"])
        #expect(opened.status == 0, "\(opened.stderr)")

        // Another machine, with the same person's key: it sees the incident and adds to it.
        var second = try CLIRunner()
        second.environment["ONEVOICE_DB"] = url
        second.environment["ONEVOICE_IDENTITY"] = key
        let fact = try second.run(["fact", "add", "1", "--text", "Two vehicles were involved.", "--source", "Lt. Ortiz",
                                   "--source-kind", "incident-commander"])
        #expect(fact.status == 0, "\(fact.stderr)")
        let facts = try first.json(["fact", "list", "1", "--db", url]) as? [[String: Any]]
        #expect(facts?.first?["text"] as? String == "Two vehicles were involved.")
        for cli in [first, second] {
            let verified = try cli.run(["archive", "verify", "--db", url])
            #expect(verified.status == 0 && verified.stdout.contains("The records log holds: 4 entries"), "\(verified.stdout)\(verified.stderr)")
        }

        // Down to a file, and up again onto another empty server database.
        let file = first.home.appendingPathComponent("moved.sqlite").path
        let down = try first.run(["db", "copy", "--from", url, "--to", file])
        #expect(down.status == 0 && down.stdout.contains("Copied 4 log entries"), "\(down.stderr)")
        #expect(try first.run(["archive", "verify", "--db", file]).status == 0)
        let other = try PostgresCluster.freshDatabase()
        let up = try first.run(["db", "copy", "--from", file, "--to", other])
        #expect(up.status == 0, "\(up.stderr)")
        let listed = try second.json(["incident", "list", "--db", other]) as? [[String: Any]]
        #expect(listed?.first?["title"] as? String == "Crash on Route 9")
        // A server that already holds a record is not written over.
        let again = try first.run(["db", "copy", "--from", file, "--to", other])
        #expect(again.status == 1 && again.stderr.contains("already holds a records log"))
        #expect(!again.stderr.contains("Fatal error") && !again.stderr.contains("Backtrace"))
    }

    /// Police host the record; fire's PIO works from a machine of their own, on the joint incident only.
    @Test func twoAgenciesShareTheServerAndEachActsOnlyWhereItTakesPart() throws {
        let url = try PostgresCluster.freshDatabase()
        var police = try CLIRunner()
        police.environment["ONEVOICE_DB"] = url
        #expect(try police.run(["init", "--agency", "Riverton Police Department", "--timezone", "America/Chicago"]).status == 0)
        let added = try police.run(["agency", "add", "fire", "--name", "Riverton Fire Rescue"])
        #expect(added.status == 0 && added.stdout.contains("Added Riverton Fire Rescue as agency fire."), "\(added.stderr)")
        var fire = try CLIRunner()
        fire.environment["ONEVOICE_DB"] = url
        let fireKey = try fire.newKey("fire")
        fire.environment["ONEVOICE_IDENTITY"] = fireKey.path
        let enrolled = try police.run(["roster", "add", "fire.pio", "--name", "Fran Fire", "--role", "drafter", "--role", "spokesperson",
                                       "--public-key", fireKey.publicKey, "--agency", "fire"])
        #expect(enrolled.status == 0, "\(enrolled.stderr)")
        #expect(try police.run(["incident", "open", "--title", "Bank robbery", "--kind", "general"]).status == 0)
        let joint = try police.run(["incident", "open", "--title", "Tanker fire on Route 9", "--kind", "evacuation", "--with", "fire",
                                    "--spokesperson", "fire.pio"])
        #expect(joint.status == 0, "\(joint.stderr)")

        // Fire works the joint incident; the police's own is refused in one sentence, and nothing is written.
        let fact = try fire.run(["fact", "add", "2", "--text", "The tanker is leaking.", "--source", "Chief", "--source-kind", "incident-commander"])
        #expect(fact.status == 0, "\(fact.stderr)")
        let refused = try fire.run(["fact", "add", "1", "--text", "Nothing.", "--source", "Chief", "--source-kind", "incident-commander"])
        #expect(refused.status == 1 && refused.stderr.contains("Incident #1 belongs to Riverton Police Department"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        let notAdmin = try fire.run(["agency", "add", "state", "--name", "State Police"])
        #expect(notAdmin.status != 0)

        // Everyone sees whose each person and incident is.
        let agencies = try fire.json(["agency", "list"]) as? [[String: Any]]
        #expect(agencies?.compactMap { $0["code"] as? String } == ["host", "fire"])
        let roster = try police.run(["roster", "list"])
        #expect(roster.stdout.contains("AGENCY") && roster.stdout.contains("fire.pio"), "\(roster.stdout)")
        let listed = try fire.run(["incident", "list"])
        #expect(listed.stdout.contains("AGENCIES") && listed.stdout.contains("host+fire"), "\(listed.stdout)")
        let shown = try fire.run(["incident", "show", "2"])
        #expect(shown.stdout.contains("Agencies:     Riverton Police Department; Riverton Fire Rescue (joint)"), "\(shown.stdout)")
        let left = try police.run(["incident", "agencies", "2", "--remove", "fire"])
        #expect(left.status == 1 && left.stderr.contains("hand the voice over"), "\(left.stderr)")
        #expect(try police.run(["archive", "verify"]).status == 0)
    }

    @Test func aServerThatIsNotThereIsOneSentenceAndNothingIsMade() throws {
        let cli = try CLIRunner()
        // Nothing listens on port 1 of this machine.
        let result = try cli.run(["incident", "list", "--db", "postgres://pio@127.0.0.1:1/jic"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("The OneVoice server at postgres://pio@127.0.0.1:1/jic could not be reached"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        let refused = try cli.run(["incident", "list", "--db", "mysql://pio@db/jic"])
        #expect(refused.status != 0 && refused.stderr.contains("mysql: address"))
        #expect(!FileManager.default.fileExists(atPath: cli.home.appendingPathComponent("mysql:").path))
    }
}
