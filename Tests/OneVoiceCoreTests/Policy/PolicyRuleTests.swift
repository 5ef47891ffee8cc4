import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Built-in policy rules")
struct PolicyRuleTests {
    static let rules: [PolicyRule] = (try? PolicyRuleSet.load(agencyFile: nil).activeRules) ?? []

    @Test func builtInRulesLoad() throws {
        let set = try PolicyRuleSet.load(agencyFile: nil)
        let ids = Set(set.rules.map(\.id))
        for id in ["juvenile", "sex-crime-victim", "address", "phone-number", "date-of-birth", "ssn",
                   "drivers-license", "email", "statement", "forensic", "prior-record", "guilt", "speculation"] {
            #expect(ids.contains(id), "missing built-in rule \(id)")
        }
    }

    @Test func everyBuiltInRuleHasAnExampleItCatches() throws {
        let set = try PolicyRuleSet.load(agencyFile: nil)
        let exampled = Set(PolicyRuleExamples.caught.map(\.rule))
        for rule in set.rules { #expect(exampled.contains(rule.id), "no example for \(rule.id)") }
    }

    @Test(arguments: PolicyRuleExamples.caught)
    func catches(_ example: PolicyRuleExamples.Example) {
        let findings = PolicyChecker.check(text: example.text, rules: Self.rules, context: example.context)
        #expect(findings.contains { $0.rule == example.rule }, "\(example.rule) missed: \(example.text) -> \(findings.map(\.summary))")
    }

    @Test(arguments: PolicyRuleExamples.harmless)
    func letsOrdinaryLanguagePass(_ text: String) {
        let findings = PolicyChecker.check(text: text, rules: Self.rules, context: PolicyContext())
        #expect(findings.isEmpty, "false positive on \"\(text)\": \(findings.map { "\($0.summary) <\($0.excerpt)>" })")
    }

    @Test func hundredBlockIsSuggestedForAnAddress() {
        let findings = PolicyChecker.check(text: "Officers went to 1234 Main Street.", rules: Self.rules, context: PolicyContext())
        let address = findings.first { $0.rule == "address" }
        #expect(address?.excerpt == "1234 Main Street")
        #expect(address?.suggestion?.contains("1200 block of Main Street") == true)
        #expect(address?.severity == .block)
    }

    @Test func priorRecordIsAllowedInAFugitiveWarning() {
        let text = "The suspect has a lengthy criminal history."
        let byContext = PolicyChecker.check(text: text, rules: Self.rules, context: PolicyContext(warnsOfFugitive: true))
        #expect(!byContext.contains { $0.rule == "prior-record" })
        let byText = PolicyChecker.check(
            text: "Jacob Miles is wanted for a shooting. He is on parole and considered armed and dangerous; do not approach.",
            rules: Self.rules, context: PolicyContext())
        #expect(!byText.contains { $0.rule == "prior-record" })
    }

    @Test func agencyPublicContactsAreNotFindings() {
        let text = "Anyone with information is asked to call 217-555-0100 or e-mail tips.desk@springfield.gov."
        let plain = PolicyChecker.check(text: text, rules: Self.rules, context: PolicyContext())
        #expect(plain.contains { $0.rule == "phone-number" })
        #expect(plain.contains { $0.rule == "email" })
        let context = PolicyContext(publicContacts: ["(217) 555-0100", "Tips.Desk@springfield.gov"])
        #expect(PolicyChecker.check(text: text, rules: Self.rules, context: context).isEmpty)
    }

    @Test func sexCrimeVictimRuleNeedsTheContext() {
        let text = "The victim's stepfather was taken to a hospital."
        #expect(!PolicyChecker.check(text: text, rules: Self.rules, context: PolicyContext()).contains { $0.rule == "sex-crime-victim" })
    }

    @Test func severitiesFollowTheDomainRules() throws {
        let set = try PolicyRuleSet.load(agencyFile: nil)
        #expect(set.rule(id: "guilt")?.severity == .warn)
        #expect(set.rule(id: "speculation")?.severity == .warn)
        for id in ["juvenile", "address", "statement", "forensic", "prior-record", "email"] {
            #expect(set.rule(id: id)?.severity == .block)
        }
    }
}
