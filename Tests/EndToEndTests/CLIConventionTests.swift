import Foundation
import Testing

/// CLI conventions: a mistyped subcommand gets a "did you mean", errors under --json are JSON.
@Suite("CLI conventions")
struct CLIConventionTests {
    @Test func aMistypedSubcommandGetsADidYouMean() throws {
        let cli = try CLIRunner()
        let top = try cli.run(["relase", "list"])
        #expect(top.status == 64)
        #expect(top.stderr.contains("did you mean \"release\"?"), "\(top.stderr)")
        let nested = try cli.run(["release", "aprove", "1"])
        #expect(nested.status == 64)
        #expect(nested.stderr.contains("did you mean \"approve\"?"), "\(nested.stderr)")
    }

    @Test func errorsUnderJSONAreOneJSONValue() throws {
        let cli = try CLIRunner()
        let usage = try cli.run(["relase", "--json"])
        #expect(usage.status == 64)
        let usageObject = try JSONSerialization.jsonObject(with: Data(usage.stdout.utf8)) as? [String: Any]
        let usageError = try #require(usageObject?["error"] as? [String: Any])
        #expect(usageError["exitCode"] as? Int == 64)
        #expect((usageError["message"] as? String)?.contains("did you mean \"release\"?") == true)

        // A refusal from Core: no database yet.
        let missing = try cli.run(["incident", "list", "--json"])
        #expect(missing.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(missing.stdout.utf8)) as? [String: Any]
        let error = try #require(object?["error"] as? [String: Any])
        #expect(error["exitCode"] as? Int == 1)
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    @Test func capFieldsAreSetPerRelease() throws {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let incident = try SchedulerKillTests.id(cli, ["incident", "open", "--title", "Crash on Route 4", "--kind", "road-closure",
                                                       "--location", "Route 4 at Mill Rd"])
        let release = try SchedulerKillTests.id(cli, ["release", "draft", "\(incident)", "--template", "road-closure", "--holding"])
        let edited = try cli.run(["release", "edit", "\(release)", "--cap-urgency", "immediate", "--cap-severity", "Severe",
                                  "--cap-expires", "2030-01-15 09:30"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout.contains("Saved revision 2"))
        let bad = try cli.run(["release", "edit", "\(release)", "--cap-urgency", "soon"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("not a CAP urgency"), "\(bad.stderr)")
    }

    @Test func completionsKnowTemplatesChannelsAndThemes() throws {
        let cli = try CLIRunner()
        let script = try cli.run(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        #expect(script.stdout.contains("---completion release draft -- --template"))
        // The hook the script calls: option name, word index, cursor index, then the words typed.
        let templates = try cli.run(["---completion", "release", "draft", "--", "--template", "4", "0",
                                     "onevoice", "release", "draft", "1", "--template", ""])
        #expect(templates.stdout.split(separator: "\n").contains("officer-involved-shooting"), "\(templates.stdout)\(templates.stderr)")
        let channels = try cli.run(["---completion", "release", "schedule", "--", "--channels", "5", "5",
                                    "onevoice", "release", "schedule", "1", "--channels", "x,ma"])
        #expect(channels.stdout.split(separator: "\n") == ["x,mastodon"], "\(channels.stdout)\(channels.stderr)")
        let themes = try cli.run(["---completion", "dashboard", "--", "--theme", "3", "0", "onevoice", "dashboard", "--theme", ""])
        #expect(themes.stdout.contains("high-contrast"))
    }

    @Test func theManPageIsGeneratedFromTheCommands() throws {
        let cli = try CLIRunner()
        let page = try cli.run(["manual"])
        #expect(page.status == 0)
        #expect(page.stdout.hasPrefix(".TH ONEVOICE 1"))
        #expect(page.stdout.contains(".SS \"onevoice release edit\""))
        #expect(page.stdout.contains("--cap-urgency"))
        #expect(page.stdout.contains(".SS \"onevoice archive verify\""))
    }
}
