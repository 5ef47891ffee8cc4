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
