import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Policy checks see through disguises")
struct PolicyDisguiseTests {
    static let rules: [PolicyRule] = (try? PolicyRuleSet.load(agencyFile: nil).activeRules) ?? []
    static let agency = PolicyContext(publicContacts: ["217-555-0100", "pio@riverton.example"])

    @Test(arguments: PolicyDisguiseExamples.caught)
    func catchesTheDisguisedForm(_ example: PolicyDisguiseExamples.Case) {
        let findings = PolicyChecker.check(text: example.text, rules: Self.rules, context: Self.agency)
        #expect(findings.contains { $0.rule == example.rule && $0.severity == .block },
                "\(example) -> \(findings.map(\.summary))")
    }

    @Test(arguments: PolicyDisguiseExamples.ordinary)
    func letsOrdinaryPublicSafetyTextPass(_ text: String) {
        let findings = PolicyChecker.check(text: text, rules: Self.rules, context: Self.agency)
        #expect(!findings.contains { $0.severity == .block }, "blocked \"\(text)\": \(findings.map { "\($0.summary) <\($0.excerpt)>" })")
    }

    @Test func findingsPointAtTheOriginalText() throws {
        // Line 2, after a soft hyphen and a zero-width space that the rules do not see.
        let text = "First line.\nThe su\u{00AD}spect con\u{200B}fessed at 1234 elm street."
        let findings = PolicyChecker.check(text: text, rules: Self.rules, context: PolicyContext())
        let statement = try #require(findings.first { $0.rule == "statement" })
        #expect(statement.line == 2)
        #expect(statement.column == 14)
        #expect(statement.excerpt == "con\u{200B}fessed")
        let address = try #require(findings.first { $0.rule == "address" })
        #expect(address.line == 2)
        #expect(address.column == 28)
        #expect(address.excerpt == "1234 elm street")
        let invisible = findings.filter { $0.rule == PolicyChecker.invisibleCharacterRule }
        #expect(invisible.map(\.column) == [7, 17])
        #expect(invisible.allSatisfy { $0.severity == .block })
        #expect(invisible.first?.message.contains("U+00AD (soft hyphen)") == true)
    }

    @Test func bidiOverrideIsNamed() throws {
        let findings = PolicyChecker.check(text: "Shelter order \u{202E}DETFIL\u{202C} for all residents.", rules: [], context: PolicyContext())
        let finding = try #require(findings.first)
        #expect(finding.rule == "invisible-character")
        #expect(finding.message.contains("U+202E (bidi control)"))
        #expect(finding.column == 15)
    }

    @Test func normalisationMapsEveryUnitBack() {
        let original = "A\u{00A0}\u{00A0}b\u{2013}c ﬁ\u{200B}d\r\ne"
        let normalized = NormalizedText(original)
        #expect(normalized.text == "A b-c fid\ne")
        #expect(normalized.invisibles.count == 1)
        // "fi" (two units) both map back to the ligature.
        let fi = normalized.originalRange(of: NSRange(location: 6, length: 2))
        #expect(original[fi] == "ﬁ")
        let all = normalized.originalRange(of: normalized.wholeRange)
        #expect(original[all] == original)
    }

    @Test func emojiJoinersAreNotInvisibleCharacters() {
        let normalized = NormalizedText("Thanks 👨‍👩‍👧 and 🏴󠁧󠁢󠁳󠁣󠁴󠁿!")
        #expect(normalized.isClean)
    }

    @Test func wordsMatchWhateverTheSpacingCaseAndPunctuation() {
        let normalized = NormalizedText("Police said:  TWO  people were\u{00A0}taken to Mercy--Hospital.")
        #expect(normalized.rangesOfWords("two people were taken to Mercy Hospital").count == 1)
        #expect(normalized.rangesOfWords("two people were taken to Memorial Hospital").isEmpty)
    }
}
