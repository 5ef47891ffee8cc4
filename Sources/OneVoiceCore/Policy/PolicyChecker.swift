import Foundation
import Synchronization

/// Checks a draft's text against release-of-information rules.
///
/// Besides the data rules it runs two built-in checks with the same `Finding` type:
/// - `unfilled-slot` (block): any `{{...}}` left in the text (or a `{{` never closed);
/// - `missing-caveat` (warn): an active incident whose text lacks an ongoing-investigation
///   sentence ("The investigation is ongoing", "more information will follow",
///   "will provide updates", ...). Reported at 1:1 with an empty excerpt.
public enum PolicyChecker {
    public static let unfilledSlotRule = "unfilled-slot"
    public static let missingCaveatRule = "missing-caveat"

    /// Sentences that count as the ongoing-investigation caveat.
    public static let caveatPatterns: [String] = [
        #"\binvestigation\s+(?:is|remains)\s+(?:still\s+)?(?:ongoing|active|open|continuing|underway|in\s+progress)"#,
        #"\b(?:ongoing|active|continuing)\s+investigation\b"#,
        #"\b(?:more|further|additional)\s+(?:information|details|updates?)\s+will\s+(?:follow|be\s+(?:released|provided|shared|posted|made\s+available|issued))"#,
        #"\bwill\s+(?:provide|share|post|release|issue|give)\s+(?:an?\s+)?(?:updates?|more\s+information|further\s+information|additional\s+information|more\s+details)"#,
        #"\bupdates?\s+will\s+(?:follow|be\s+(?:provided|posted|shared|released|issued|given))"#,
        #"\bnext\s+update\b"#,
    ]

    public static let invisibleCharacterRule = "invisible-character"

    /// Checks `text`; findings are sorted by position, blocks before warnings at one spot.
    ///
    /// The rules match the normalised text (see `NormalizedText`), and every finding points at the
    /// original text: its line:column and its excerpt are the person's own. Invisible format and
    /// control characters are a blocking finding of their own.
    public static func check(text: String, rules: [PolicyRule], context: PolicyContext) -> [Finding] {
        let normalized = NormalizedText(text)
        let plain = normalized.text
        var findings: [Finding] = invisibleCharacters(in: normalized)
        let whole = normalized.wholeRange

        for rule in rules where rule.enabled {
            if let kinds = rule.incidentKinds, !kinds.contains(context.incidentKind) { continue }
            if rule.exceptWhenContext.contains(where: { $0.holds(in: context) }) { continue }
            do {
                if let onlyWhen = rule.onlyWhen, try !matches(onlyWhen, in: plain) { continue }
                if let exceptWhen = rule.exceptWhen, try matches(exceptWhen, in: plain) { continue }
                let allow = try rule.allow.map { try compile("^(?:" + $0 + ")$") }
                var seen: Set<Int> = []
                for pattern in rule.patterns {
                    let regex = try compile(pattern)
                    for match in regex.matches(in: plain, options: [], range: whole) where match.range.length > 0 {
                        guard seen.insert(match.range.location).inserted else { continue }
                        let excerpt = normalized.substring(match.range)
                        let excerptRange = NSRange(location: 0, length: (excerpt as NSString).length)
                        if allow.contains(where: { $0.firstMatch(in: excerpt, options: [], range: excerptRange) != nil }) {
                            continue
                        }
                        if rule.skipPublicContacts, context.isPublicContact(excerpt) { continue }
                        findings.append(Finding(
                            rule: rule.id, severity: rule.severity, range: normalized.originalRange(of: match.range), in: text,
                            message: rule.message, suggestion: rule.suggestion))
                    }
                }
            } catch {
                findings.append(Finding(
                    rule: rule.id, severity: .block, line: 1, column: 1, excerpt: "",
                    message: "The policy rule \"\(rule.id)\" has a pattern that is not a valid regular expression; fix the policy file.",
                    suggestion: nil))
            }
        }

        findings += unfilledSlots(in: text)
        if context.incidentActive, !hasOngoingCaveat(plain) {
            findings.append(Finding(
                rule: missingCaveatRule, severity: .warn, line: 1, column: 1, excerpt: "",
                message: "The incident is active but the text does not say the investigation is ongoing.",
                suggestion: "Add: \"The investigation is ongoing, and more information will follow.\""))
        }
        return findings.sorted {
            ($0.line, $0.column, $0.severity == .block ? 0 : 1, $0.rule)
                < ($1.line, $1.column, $1.severity == .block ? 0 : 1, $1.rule)
        }
    }

    /// One blocking finding per run of invisible format or control characters: a reader cannot see
    /// them, and they can hide a word from the checks or turn a text around on screen (bidi overrides).
    public static func invisibleCharacters(in normalized: NormalizedText) -> [Finding] {
        normalized.invisibles.map { range in
            let run = normalized.original[range]
            return Finding(
                rule: invisibleCharacterRule, severity: .block, range: range, in: normalized.original,
                message: "The text holds an invisible character, \(NormalizedText.describe(run)), that can hide a word from the checks or change how the text reads.",
                suggestion: "Delete it (retype the words around it if unsure).")
        }
    }

    /// Convenience: checks against a rule set's enabled rules.
    public static func check(text: String, ruleSet: PolicyRuleSet, context: PolicyContext) -> [Finding] {
        check(text: text, rules: ruleSet.activeRules, context: context)
    }

    /// Whether the text says the investigation is ongoing / more will follow.
    public static func hasOngoingCaveat(_ text: String) -> Bool {
        caveatPatterns.contains { (try? matches($0, in: text)) == true }
    }

    /// `{{...}}` slots left in the text, and `{{` never closed on its line.
    public static func unfilledSlots(in original: String) -> [Finding] {
        var findings: [Finding] = []
        let normalized = NormalizedText(original)
        let text = normalized.text
        let whole = normalized.wholeRange
        // A closed slot, or an opening with no closing before the end of the line.
        guard let regex = try? compile(#"\{\{[^{}\n]*\}\}|\{\{(?![^{}\n]*\}\})"#) else { return [] }
        for match in regex.matches(in: text, options: [], range: whole) {
            let excerpt = (text as NSString).substring(with: match.range)
            let closed = excerpt.hasSuffix("}}")
            findings.append(Finding(
                rule: unfilledSlotRule, severity: .block, range: normalized.originalRange(of: match.range), in: original,
                message: closed
                    ? "The slot \(excerpt) has no value yet."
                    : "A slot opened with {{ is never closed.",
                suggestion: closed
                    ? "Fill it with a verified fact or remove it."
                    : "Close the slot with }} or remove the braces."))
        }
        return findings
    }

    /// Compiled expressions by their text. ICU compiles each rule's expressions anew otherwise, at every check
    /// (most of the 35 ms of opening a release at large scale). A compiled expression is a pure function of its
    /// text and options, and matching with one is thread-safe, so the cache cannot go stale.
    private static let compiled = Mutex<[String: NSRegularExpression]>([:])

    private static func compile(_ pattern: String) throws -> NSRegularExpression {
        if let regex = compiled.withLock({ $0[pattern] }) { return regex }
        let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        compiled.withLock { $0[pattern] = regex }
        return regex
    }

    private static func matches(_ pattern: String, in text: String) throws -> Bool {
        let regex = try compile(pattern)
        return regex.firstMatch(in: text, options: [], range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
    }
}
