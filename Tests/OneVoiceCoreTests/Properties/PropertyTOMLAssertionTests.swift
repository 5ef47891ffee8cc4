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
}
