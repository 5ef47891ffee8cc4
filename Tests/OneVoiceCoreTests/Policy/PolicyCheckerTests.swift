import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Policy checker")
struct PolicyCheckerTests {
    let rules = (try? PolicyRuleSet.load(agencyFile: nil).activeRules) ?? []

    @Test func findingsCarryLineAndColumnInCharacters() throws {
        let text = "Café opened at 9.\nOfficers went to 1234 Main Street today."
        let findings = PolicyChecker.check(text: text, rules: rules, context: PolicyContext())
        let address = try #require(findings.first { $0.rule == "address" })
        #expect(address.line == 2)
        #expect(address.column == 18)
        #expect(address.excerpt == "1234 Main Street")
    }

    @Test func columnsCountCharactersNotBytes() {
        let text = "👮🏽‍♀️ é 1234 Main Street"
        let finding = PolicyChecker.check(text: text, rules: rules, context: PolicyContext()).first { $0.rule == "address" }
        #expect(finding?.line == 1)
        #expect(finding?.column == 5)
    }

    @Test func unfilledSlotsBlock() {
        let text = "At {{incident.opened_time}}, officers responded.\nSee {{fact:injuries"
        let findings = PolicyChecker.check(text: text, rules: [], context: PolicyContext())
        #expect(findings.count == 2)
        #expect(findings[0].rule == "unfilled-slot" && findings[0].severity == .block)
        #expect(findings[0].line == 1 && findings[0].column == 4)
        #expect(findings[0].excerpt == "{{incident.opened_time}}")
        #expect(findings[1].line == 2 && findings[1].column == 5)
    }

    @Test func missingCaveatWarnsOnlyForActiveIncidents() {
        let text = "Officers responded to a report of a shooting."
        let active = PolicyChecker.check(text: text, rules: [], context: PolicyContext(incidentActive: true))
        #expect(active.map(\.rule) == ["missing-caveat"])
        #expect(active.first?.severity == .warn)
        #expect(PolicyChecker.check(text: text, rules: [], context: PolicyContext(incidentActive: false)).isEmpty)
        for caveat in ["The investigation is ongoing.", "More information will follow.",
                       "We will provide updates as they become available.", "The next update will be at 4 p.m.",
                       "This remains an active investigation."] {
            let findings = PolicyChecker.check(text: text + " " + caveat, rules: [], context: PolicyContext(incidentActive: true))
            #expect(findings.isEmpty, "caveat not recognised: \(caveat)")
        }
    }

    @Test func incidentKindsLimitARule() {
        let rule = PolicyRule(id: "badge", severity: .block, patterns: [#"\bbadge\s+#?\d+"#],
                              message: "Badge numbers are held.", incidentKinds: [.officerInvolvedShooting])
        let text = "The officer, badge 4411, was not injured."
        #expect(PolicyChecker.check(text: text, rules: [rule], context: PolicyContext(incidentKind: .officerInvolvedShooting)).count == 1)
        #expect(PolicyChecker.check(text: text, rules: [rule], context: PolicyContext(incidentKind: .roadClosure)).isEmpty)
    }

    @Test func anInvalidPatternBlocksInsteadOfPassingSilently() {
        let rule = PolicyRule(id: "broken", severity: .warn, patterns: ["(unclosed"], message: "x")
        let findings = PolicyChecker.check(text: "anything", rules: [rule], context: PolicyContext())
        #expect(findings.count == 1 && findings[0].severity == .block)
    }

    @Test func findingEncodesTheAgreedJSONKeys() throws {
        let finding = Finding(rule: "address", severity: .block, line: 2, column: 5, excerpt: "1234 Main Street",
                              message: "m", suggestion: nil)
        let data = try JSONEncoder().encode(finding)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["rule", "severity", "field", "line", "column", "message", "excerpt", "suggestion"])
        #expect(object["field"] as? String == "text")
        #expect(object["severity"] as? String == "block")
        #expect(object["suggestion"] is NSNull)
        #expect(try JSONDecoder().decode(Finding.self, from: data) == finding)
    }

    @Test func findingHelpersMapRangesToLineAndColumn() {
        let text = "First line\nSecond line with Name here"
        let range = text.range(of: "Name")!
        let finding = Finding(rule: "hold", severity: .block, range: range, in: text, message: "held")
        #expect(finding.line == 2 && finding.column == 18 && finding.excerpt == "Name")
        let fromSubstring = Finding(rule: "hold", severity: .warn, substring: text[range], in: text, message: "held")
        #expect(fromSubstring == Finding(rule: "hold", severity: .warn, line: 2, column: 18, excerpt: "Name", message: "held"))
        #expect(TextPosition(characterOffset: 11, in: text) == TextPosition(line: 2, column: 1))
        #expect(TextPosition(utf16Offset: 3, in: text) == TextPosition(line: 1, column: 4))
        #expect(TextPosition(of: "a\r\nb".index(before: "a\r\nb".endIndex), in: "a\r\nb") == TextPosition(line: 2, column: 1))
    }
}
