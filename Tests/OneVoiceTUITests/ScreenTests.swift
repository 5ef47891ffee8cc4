import Testing
@testable import OneVoiceTUI

@Suite struct ScreenTests {
    init() { DisplayWidth.ensureUTF8Locale() }

    @Test func widthsComeFromUnicodeData() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("多車両") == 6)
        #expect(DisplayWidth.of("🚑") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)  // e + combining acute
        #expect(DisplayWidth.of("Bus 🚑 事故") == 11)
    }

    /// Printable ASCII takes a shortcut (a cell a byte); the grapheme walk must agree, and text with anything
    /// else (controls, CR LF, a combining mark after ASCII) must still take the walk.
    @Test func theASCIIShortcutAgreesWithTheGraphemeWalk() {
        for text in ["", " ", "~", "Incident #10000  Shots fired near Oak Park", String(repeating: "x", count: 300)] {
            #expect(DisplayWidth.of(text) == text.count)
        }
        #expect(DisplayWidth.of("a\r\nb") == 3)  // CR LF is one grapheme, drawn as one "?"
        #expect(DisplayWidth.of("a\u{7}b") == 3)
        #expect(DisplayWidth.of("e\u{301}x") == 2)
        for byte in UInt8(0x20)..<UInt8(0x7F) {
            let text = String(repeating: String(UnicodeScalar(byte)), count: 3)
            #expect(DisplayWidth.of(text) == 3)
            #expect(DisplayWidth.of(grapheme: Character(UnicodeScalar(byte))) == 1)
        }
    }

    /// Each class of character, by Unicode data alone (the same on every machine, whatever the locale).
    @Test func widthClasses() {
        #expect(DisplayWidth.of(scalar: "\u{1100}") == 2, "Hangul initial jamo")
        #expect(DisplayWidth.of(scalar: "\u{1161}") == 0, "Hangul medial jamo joins")
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("ｶﾀｶﾅ") == 4, "halfwidth katakana")
        #expect(DisplayWidth.of("ＡＢ") == 4, "fullwidth Latin")
        #expect(DisplayWidth.of(scalar: "\u{3000}") == 2, "ideographic space")
        #expect(DisplayWidth.of(scalar: "\u{4DC0}") == 1, "Yijing hexagrams are not wide")
        #expect(DisplayWidth.of(scalar: "\u{200D}") == 0, "zero width joiner")
        #expect(DisplayWidth.of(scalar: "\u{FE0F}") == 0, "variation selector")
        #expect(DisplayWidth.of(scalar: "\u{00AD}") == 1, "soft hyphen")
        #expect(DisplayWidth.of(scalar: "\u{2028}") == -1, "line separator")
        #expect(DisplayWidth.of(scalar: "\u{0007}") == -1, "control")
        #expect(DisplayWidth.of("┌─┐…·→●") == 7, "box drawing and ambiguous symbols count 1")
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2, "a ZWJ sequence is one wide grapheme")
        #expect(DisplayWidth.of("👍🏽") == 2, "an emoji with a skin tone")
        #expect(DisplayWidth.of("☎\u{FE0F}") == 2, "a text symbol with emoji presentation")
        #expect(DisplayWidth.of("🇺🇸") == 2, "a flag")
        #expect(DisplayWidth.of(scalar: "\u{20000}") == 2, "CJK extension B")
    }

    @Test func wideCharacterTakesTwoCellsWithContinuation() {
        var screen = Screen(width: 6, height: 1)
        let used = screen.write("a多b", row: 0, column: 0, style: .plain)
        #expect(used == 4)
        #expect(screen[0, 1].text == "多")
        #expect(screen[0, 1].width == 2)
        #expect(screen[0, 2].isContinuation)
        #expect(screen[0, 3].text == "b")
        #expect(screen.line(0) == "a多b")
    }

    @Test func wideCharacterIsNeverSplitAtTheEdge() {
        var screen = Screen(width: 5, height: 1)
        screen.write("abcd多", row: 0, column: 0, style: .plain)
        #expect(screen.line(0) == "abcd")
        #expect(screen[0, 4].text == " ")
        #expect(!screen[0, 4].isContinuation)
        var clipped = Screen(width: 10, height: 1)
        clipped.write("ab🚑cd", row: 0, column: 0, style: .plain, maxWidth: 3)
        #expect(clipped.line(0) == "ab")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var screen = Screen(width: 6, height: 1)
        screen.write("多多", row: 0, column: 0, style: .plain)
        screen.write("x", row: 0, column: 1, style: .plain)
        #expect(screen.line(0) == " x多")
        screen.write("y", row: 0, column: 2, style: .plain)
        #expect(screen.line(0) == " xy")
        #expect(!screen[0, 3].isContinuation)
    }

    @Test func controlCharactersAreDrawnAsQuestionMarks() {
        var screen = Screen(width: 8, height: 1)
        screen.write("a\u{1B}[31mb", row: 0, column: 0, style: .plain)
        #expect(screen.line(0) == "a?[31mb")
        #expect(!screen.plainText().contains("\u{1B}"))
    }

    @Test func truncateAddsEllipsisByDisplayWidth() {
        #expect(DisplayWidth.truncate("多車両事故", to: 6) == "多車…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.of(DisplayWidth.pad("多車両事故", to: 6)) == 6)
        #expect(DisplayWidth.of(DisplayWidth.pad("多車両事故", to: 7)) == 7)
    }

    @Test func plainTextHasExactlyHeightLines() {
        var screen = Screen(width: 4, height: 3)
        screen.write("abcdef", row: 1, column: 0, style: .plain)
        #expect(screen.plainText() == "\nabcd\n\n")
    }
}
