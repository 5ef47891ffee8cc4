import Foundation
import Testing
@testable import OneVoiceCore

/// The board's fast case-insensitive search must answer exactly as Foundation's `.caseInsensitive` search.
@Suite("Case-insensitive haystack")
struct CaseInsensitiveHaystackTests {
    private func foundation(_ text: String, _ needle: String) -> Bool {
        text.range(of: needle, options: [.caseInsensitive]) != nil
    }

    @Test func answersAsFoundationOnGeneratedTexts() {
        // Small alphabets so that needles are often found; mixed case; some non-ASCII and \r\n to take the other way.
        let alphabets: [[String]] = [
            ["a", "A", "b", "B", " ", ".", "\n"],
            ["e", "E", "z", "Z", "@", "[", "`", "{", "1"],
            ["s", "S", "k", "K", "\u{017F}", "\u{212A}", "\u{00DF}", "e\u{0301}", "\u{00E9}"],
            ["a", "A", "\r", "\n", "\r\n", " "],
        ]
        var random = SeededGenerator(seed: 17)
        var checked = 0, found = 0
        for alphabet in alphabets {
            for _ in 0..<3_000 {
                let text = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
                let needle = (0..<Int.random(in: 1...4, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
                let expected = foundation(text, needle)
                #expect(CaseInsensitiveHaystack(text).contains(needle) == expected, "\(text.debugDescription) / \(needle.debugDescription)")
                checked += 1
                if expected { found += 1 }
            }
        }
        #expect(found > checked / 10, "the generated needles are found often enough to test both answers")
    }

    @Test func examples() {
        let released = CaseInsensitiveHaystack("Elm Street reopens at noon. The investigation is ongoing.")
        #expect(released.contains("elm street REOPENS at noon"))
        #expect(!released.contains("Oak Street reopens"))
        #expect(!CaseInsensitiveHaystack("short").contains("longer than the text"))
        // Foundation folds the Kelvin sign to k: a non-ASCII text takes Foundation's way.
        #expect(CaseInsensitiveHaystack("\u{212A}elvin").contains("kelvin") == foundation("\u{212A}elvin", "kelvin"))
    }
}
