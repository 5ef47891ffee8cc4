import Foundation
import Testing
@testable import OneVoiceCore

/// Stored text shown on a terminal: controls, escapes, bidi and invisible characters are shown, never obeyed.
@Suite struct TerminalTextTests {
    /// Every character a terminal or a bidi algorithm would act on, by class.
    static let dangerous: [Unicode.Scalar] =
        (0x00...0x08).map { Unicode.Scalar($0)! } + (0x0B...0x1F).map { Unicode.Scalar($0)! }
        + [Unicode.Scalar(0x7F)!] + (0x80...0x9F).map { Unicode.Scalar($0)! }
        + [0x061C, 0x180E, 0x200B, 0x200C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
           0x2060, 0x2061, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0x206A, 0x206F, 0xFEFF, 0xFFF9, 0xFFFB, 0xE0001, 0xE0041]
            .map { Unicode.Scalar($0)! }

    private func isRaw(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in Self.dangerous.contains(s) }
    }

    @Test func noDangerousCharacterSurvivesAnyPosition() {
        for scalar in Self.dangerous {
            for text in ["\(scalar)", "a\(scalar)b", "before \(scalar)\(scalar) after", "\(scalar)[2J", "x\n\(scalar)"] {
                let safe = TerminalText.safe(text)
                #expect(!isRaw(safe), "U+\(String(scalar.value, radix: 16)) survived in \(safe.debugDescription)")
                #expect(!isRaw(TerminalText.safe(text, singleLine: true)))
            }
        }
    }

    @Test func knownSequencesAreShownVisibly() {
        #expect(TerminalText.safe("\u{1B}[2Jwiped") == "␛[2Jwiped")
        #expect(TerminalText.safe("\u{1B}]52;c;ZXZpbA==\u{07}") == "␛]52;c;ZXZpbA==␇")
        #expect(TerminalText.safe("\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\") == "␛]8;;http://evil␛\\link␛]8;;␛\\")
        #expect(TerminalText.safe("real\rfake") == "real␍fake")
        #expect(TerminalText.safe("\u{9B}31m") == "\\u{9B}31m")
        #expect(TerminalText.safe("abc\u{202E}fed") == "abc\\u{202E}fed")
        #expect(TerminalText.safe("zero\u{200B}width") == "zero\\u{200B}width")
        #expect(TerminalText.safe("line\nnext", singleLine: true) == "line␤next")
    }

    @Test func ordinaryTextIsUnchanged() {
        for text in ["Shots fired near Elm Park", "市民 📢 — café", "tab\there", "two\nlines", "👩‍🚒 family 👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ❤️", "مرحبا", ""] {
            #expect(TerminalText.safe(text) == text)
            #expect(TerminalText.showingInvisibles(text) == text)
        }
    }

    @Test func theDashboardShowsBidiAndZeroWidthButLeavesControlsToTheScreen() {
        #expect(TerminalText.showingInvisibles("a\u{202E}b\u{200B}c\u{2066}") == "a\\u{202E}b\\u{200B}c\\u{2066}")
        #expect(TerminalText.showingInvisibles("a\u{1B}b") == "a\u{1B}b")
    }

    @Test func jsonKeepsTheValueAndSendsNothingRaw() throws {
        let value = ["text": "a\u{1B}[2J\u{202E}\u{9B}\u{7F}\u{200B}z 📢"]
        let encoded = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        let safe = TerminalText.safeJSON(encoded)
        #expect(!isRaw(safe))
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(safe.utf8))
        #expect(decoded == value)
    }
}
