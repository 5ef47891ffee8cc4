import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Policy rule files")
struct PolicyRuleSetTests {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString).toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func agencyFileOverridesByIdAndAddsRules() throws {
        let url = try write("""
            [[rule]]
            id = "speculation"
            severity = "block"

            [[rule]]
            id = "guilt"
            enabled = false

            [[rule]]
            id = "badge-number"
            severity = "block"
            message = "Badge numbers are held after an officer-involved shooting."
            patterns = ['''\\bbadge\\s+(?:number\\s+)?#?\\d+''']
            incident_kinds = ["officer-involved-shooting"]
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let set = try PolicyRuleSet.load(agencyFile: url)
        let speculation = try #require(set.rule(id: "speculation"))
        #expect(speculation.severity == .block)
        #expect(speculation.patterns == (try PolicyRuleSet.load().rule(id: "speculation")?.patterns))
        #expect(set.rule(id: "guilt")?.enabled == false)
        #expect(!set.activeRules.contains { $0.id == "guilt" })
        #expect(set.rules.last?.id == "badge-number")
        let findings = PolicyChecker.check(text: "The officer, badge #4411, fired.", ruleSet: set,
                                           context: PolicyContext(incidentKind: .officerInvolvedShooting))
        #expect(findings.map(\.rule) == ["badge-number"])
    }

    /// The shipped files are found beside the executable without Foundation's Bundle; they must be the very files
    /// Bundle finds, so the shortcut can never read a stale or different copy.
    @Test func theShippedRulesAndTemplatesAreTheFilesBundleFinds() throws {
        let viaBundle = try #require(Bundle.module.url(forResource: "rules", withExtension: "toml", subdirectory: "Policy"))
        let rules = try #require(PolicyRuleSet.builtInURL)
        #expect(rules.resolvingSymlinksInPath().standardizedFileURL.path == viaBundle.resolvingSymlinksInPath().standardizedFileURL.path)
        let templates = try #require(TemplateLibrary.builtInDirectory)
        let templatesViaBundle = try #require(Bundle.module.url(forResource: "Templates", withExtension: nil))
        #expect(templates.resolvingSymlinksInPath().standardizedFileURL.path == templatesViaBundle.resolvingSymlinksInPath().standardizedFileURL.path)
        #expect(ShippedResources.besideExecutable != nil, "the test runner has its resources beside it, as the release has")
        #expect(ShippedResources.url("Policy/no-such-file.toml") == nil)
    }

    /// The shipped rules are not compiled at each load (see `PolicyRuleSet.load`): this is what holds them valid.
    @Test func builtInPatternsCompile() throws {
        let set = try PolicyRuleSet.load()
        #expect(set.rules.count > 10)
        var expressions = 0
        for rule in set.rules {
            let all = rule.patterns + [rule.onlyWhen, rule.exceptWhen].compactMap { $0 } + rule.allow.map { "^(?:" + $0 + ")$" }
            for pattern in all {
                #expect(!pattern.contains("%{"), "rule \(rule.id): a macro left unexpanded in \(pattern)")
                #expect((try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])) != nil,
                        "rule \(rule.id): \(pattern) does not compile")
                expressions += 1
            }
        }
        #expect(expressions >= set.rules.count)
    }

    /// A file given in place of the shipped one is checked like an agency's.
    @Test func anotherBuiltInFileIsStillCompiled() throws {
        let url = try write("""
            [[rule]]
            id = "broken"
            severity = "warn"
            message = "Broken."
            patterns = ['''(unclosed''']
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: PolicyRuleError.self) { try PolicyRuleSet.load(builtIn: url) }
    }

    @Test func agencyMacrosUseBuiltInOnes() throws {
        let url = try write("""
            [[rule]]
            id = "name-near-officer"
            severity = "warn"
            message = "An officer's name?"
            patterns = ['''officer\\s+%{name}''']
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let set = try PolicyRuleSet.load(agencyFile: url)
        let findings = PolicyChecker.check(text: "Officer Dale Cooper was hurt.", ruleSet: set, context: PolicyContext())
        #expect(findings.contains { $0.rule == "name-near-officer" })
    }

    @Test func brokenTOMLReportsFileLineColumn() throws {
        let url = try write("[[rule]]\nid = \"x\"\nseverity = \"block\n")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            _ = try PolicyRuleSet.load(agencyFile: url)
        } throws: { error in
            guard case .invalid(let file, let line, let column, _) = error as? PolicyRuleError else { return false }
            return file == url.path && line == 3 && column >= 1
        }
    }

    @Test func badRegexAndMissingFieldsAreLocated() throws {
        let url = try write("""
            [[rule]]
            id = "ok"
            severity = "warn"
            message = "fine"
            patterns = ["fine"]

            [[rule]]
            id = "bad"
            severity = "warn"
            message = "broken"
            patterns = ["(unclosed"]
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try PolicyRuleSet.load(builtIn: nil, agencyFile: url)
            Issue.record("expected an error")
        } catch {
            #expect(error == .invalid(file: url.path, line: 11, column: 1, message: "\"patterns\" is not a valid regular expression."))
            #expect(error.description.hasPrefix("\(url.path):11:1: "))
        }

        let missing = try write("[[rule]]\nid = \"new\"\nseverity = \"warn\"\n")
        defer { try? FileManager.default.removeItem(at: missing) }
        do {
            _ = try PolicyRuleSet.load(builtIn: nil, agencyFile: missing)
            Issue.record("expected an error")
        } catch {
            guard case .invalid(_, let line, _, let message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(line == 1)
            #expect(message.contains("missing \"patterns\""))
        }
    }

    @Test func unknownFieldsAndValuesAreErrors() throws {
        let url = try write("[[rule]]\nid = \"speculation\"\nseverity = \"stop\"\n")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: PolicyRuleError.self) { try PolicyRuleSet.load(agencyFile: url) }
        let typo = try write("[[rule]]\nid = \"speculation\"\nsevrity = \"warn\"\n")
        defer { try? FileManager.default.removeItem(at: typo) }
        do {
            _ = try PolicyRuleSet.load(agencyFile: typo)
            Issue.record("expected an error")
        } catch {
            guard case .invalid(_, let line, _, let message) = error else { Issue.record("wrong error"); return }
            #expect(line == 3 && message.contains("sevrity"))
        }
    }

    @Test func unreadableFileIsATypedError() {
        let url = URL(fileURLWithPath: "/nonexistent/onevoice/rules.toml")
        #expect(throws: PolicyRuleError.self) { try PolicyRuleSet.load(agencyFile: url) }
    }
}
