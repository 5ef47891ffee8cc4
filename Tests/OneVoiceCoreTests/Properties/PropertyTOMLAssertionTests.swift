import Foundation
import Testing
@testable import OneVoiceCore

/// Found by the property tests: a table header that does not start with a key (`[` alone on a
/// line, `[{x]`, `[=]`, `[[ .x]]`) makes TOMLKit's toml++ fail the assertion
/// `is_bare_key_character(*cp) || is_string_delimiter(*cp)` in `parser::parse_key()`
/// (toml.hpp:15481) and abort the process in a debug build, instead of throwing the
/// `TOMLParseError` it throws with NDEBUG ("expected bare key starting character or string
/// delimiter, saw '{'", line 1, column 2). Every parser that reads TOML text is hit.
/// Fixed: every parser reads TOML through `TOMLReader`, which reports these inputs as syntax
/// errors before toml++ sees them.
@Suite("Property: TOML headers without a key")
struct PropertyTOMLAssertionTests {
    @Test
    func templateWithALoneBracket() {
        let problems = TemplateChecker.check(source: "id = \"x\"\n[\n", file: "t.toml")
        #expect(problems.first?.kind == .badTOML && problems.first?.line == 2)
    }

    @Test
    func rulesFileWithABraceHeader() {
        var set = PolicyRuleSet(rules: [])
        #expect(throws: PolicyRuleError.self) { try set.apply(source: "[{rule]\n", file: "rules.toml") }
    }

    @Test
    func configWithAnEqualsHeader() {
        #expect(throws: AgencyConfigError.self) {
            try AgencyConfig.parse(source: "theme = \"dark\"\n[=]\n", file: "config.toml")
        }
    }

    /// The same in an array: an item that starts with `}` fails `!is_value_terminator(*cp)` in
    /// `parser::parse_value()` (toml.hpp:14994); with NDEBUG it is a parse error.
    @Test
    func configWithABraceInAnArray() {
        #expect(throws: AgencyConfigError.self) {
            try AgencyConfig.parse(source: "theme = [ } ]\n", file: "config.toml")
        }
    }

    /// A Unicode line separator (U+2028), paragraph separator (U+2029) or next-line character (U+0085) where an
    /// array item belongs fails the same assertion, in the release build too (found by the config mutation
    /// test in CI). Every Unicode whitespace scalar, in every place between items, is a located error or a
    /// table, never a stopped process.
    @Test
    func everyUnicodeSpaceBetweenItemsIsAnErrorNotAnAbort() {
        let allowed: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r"]
        var spaces: [Unicode.Scalar] = []
        for value in UInt32(0)...0x3000 {
            if let scalar = Unicode.Scalar(value), scalar.properties.isWhitespace, !allowed.contains(scalar) { spaces.append(scalar) }
        }
        #expect(spaces.count > 15)
        for space in spaces {
            let places: [String] = ["a = [_ 1]", "a = [1,_2]", "a = [\n_]", "a = {b = _1}", "a =_1",
                                    "_a = 1", "a = 1_", "[t]_", "[_t]", "a = [[1],_[2]]"]
            for place in places {
                let source: String = place.replacingOccurrences(of: "_", with: String(space)) + "\n"
                do {
                    _ = try TOMLReader.table(source)
                } catch let error as TOMLSyntaxError {
                    #expect(error.line >= 1 && error.column >= 1)
                } catch {
                    Issue.record("U+\(String(space.value, radix: 16)) in \(place): \(error)")
                }
            }
        }
        #expect(throws: AgencyConfigError.self) { try AgencyConfig.parse(source: "theme = [\u{2028} \"x\" ]\n", file: "config.toml") }
        let problems = TemplateChecker.check(source: "id = \"x\"\nchannels = [\u{2029}\"x\"]\n", file: "t.toml")
        #expect(problems.first?.kind == .badTOML && problems.first?.line == 2)
        // The same characters inside strings and comments are text, and stay allowed.
        #expect((try? TOMLReader.table("a = \"x\u{2028}y\" # note\u{2029}\n")) != nil)
    }
}
