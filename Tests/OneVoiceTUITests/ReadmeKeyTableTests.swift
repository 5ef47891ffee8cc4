import Foundation
import Testing
@testable import OneVoiceTUI

/// README's key table is generated from the keymap; this test fails when they differ, so it cannot drift.
/// ONEVOICE_RECORD_README=1 writes the generated table into README.md.
@Suite struct ReadmeKeyTableTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")
    static let begin = "<!-- keys:begin (generated from Keymap.standard.markdownTable(); see ReadmeKeyTableTests) -->\n"
    static let end = "<!-- keys:end -->"

    @Test func readmeKeyTableIsTheGeneratedOne() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin), "README.md has no key table markers")
        let stop = try #require(text.range(of: Self.end, range: start.upperBound..<text.endIndex))
        let current = String(text[start.upperBound..<stop.lowerBound])
        let generated = Keymap.standard.markdownTable()
        if ProcessInfo.processInfo.environment["ONEVOICE_RECORD_README"] == "1", current != generated {
            try (text[..<start.upperBound] + generated + text[stop.lowerBound...]).write(to: Self.readme, atomically: true, encoding: .utf8)
            Issue.record("Wrote the key table into README.md; check it and run again.")
            return
        }
        #expect(current == generated, "README.md's key table differs from the keymap: run ONEVOICE_RECORD_README=1 swift test --filter ReadmeKeyTable")
    }
}
