import Foundation
import PropertyBased
import TestSupport
import Testing
@testable import OneVoiceCore

/// A mutated agency configuration gives a configuration or located problems.
@Suite("Property: agency configuration")
struct PropertyConfigTests {
    static let file = "/nonexistent/onevoice/config.toml"

    /// Every key the configuration knows (the policy file left commented out: it is not there).
    static let full = """
        # OneVoice agency configuration
        theme = "dark"

        [agency]
        phone = "217-555-0100"
        email = "pio@springfieldpd.gov"
        website = "https://springfieldpd.gov"
        release_url = "https://springfieldpd.gov/news/{id}"
        next_update = "at 4 p.m. on our website"
        cap_sender = "pio@springfieldpd.gov"
        media_from = "pio@springfieldpd.gov"

        [limits]
        mastodon = 1000
        cap = 360

        [policy]
        # rules_file = "rules.toml"

        [scheduler]
        grace_minutes = 10

        [delivery]
        mastodon_instance = "https://mastodon.example"
        webhook_url = "https://hooks.example/onevoice"
        sendmail = "/usr/sbin/sendmail"
        mastodon_token = "token-123"
        webhook_secret = "secret-456"

        [retention]

        """

    static let mutants = propertyMutants(of: [(file, full)])

    @Test func theSampleParses() throws {
        let (config, holdsSecret) = try AgencyConfig.parse(source: Self.full, file: Self.file)
        #expect(holdsSecret)
        #expect(config.limits.limit(for: .mastodon) == 1000)
        #expect(config.graceMinutes == 10)
    }

    @Test func aMutatedConfigGivesAConfigOrLocatedProblems() async {
        await propertyCheck(count: propertyBudget(250), input: Self.mutants) { mutant in
            do {
                let (config, _) = try AgencyConfig.parse(source: mutant.source, file: mutant.file, environment: [:])
                #expect((0...1440).contains(config.graceMinutes))
                #expect(config.limits.overrides.values.allSatisfy { $0 > 0 })
            } catch let error as AgencyConfigError {
                guard case .problems(let problems) = error else {
                    Issue.record("parsing text can only give problems: \(error)")
                    return
                }
                #expect(!problems.isEmpty, "an error without a problem")
                let lines = PropertyText.lineCount(mutant.source)
                for problem in problems {
                    #expect(problem.file == mutant.file)
                    #expect(problem.line >= 1 && problem.line <= lines, "line out of the file: \(problem)")
                    #expect(problem.column >= 1, "\(problem)")
                    #expect(!problem.message.isEmpty && !problem.message.contains("Optional("), "\(problem)")
                    #expect(problem.description == "\(mutant.file):\(problem.line):\(problem.column): \(problem.message)")
                }
                #expect(problems == problems.sorted { ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message) })
                #expect(error.description.split(separator: "\n").count == problems.count
                        || problems.contains { $0.message.contains("\n") })
            } catch {
                Issue.record("not an AgencyConfigError: \(error)")
            }
        }
    }
}
