import Foundation
import PropertyBased
import TestSupport
import Testing
@testable import OneVoiceCore

/// Random bytes and texts (every class of character, controls, invalid UTF-8, long runs) through the
/// input checks, the editor file and the terminal escaping: never a crash, and each one's promise holds.
@Suite("Property: hostile input")
struct PropertyHostileInputTests {
    static let texts = propertyStrings { rng in
        var text = PropertyText.mixed(&rng)
        // Sometimes an editor file's shape: comments and channel sections around the text.
        if Bool.random(using: &rng) {
            let slug = (Channel.allCases.map(\.slug) + ["nope", "", "x x"]).randomElement(using: &rng)!
            text = "# comment\n" + text + "\n=== \(slug) ===\n" + PropertyText.mixed(&rng)
        }
        return text
    }

    /// Bytes: a text's UTF-8 with a few bytes changed (invalid sequences, NUL, ESC, CR).
    static let bytes = Generator<[UInt8], Shrink.None<[UInt8]>>(run: { rng in
        var data = Array(PropertyText.mixed(&rng).utf8)
        for _ in 0..<Int.random(in: 0...3, using: &rng) where !data.isEmpty {
            let value = [0x00, 0x1B, 0x0D, 0x80, 0xBF, 0xC0, 0xC3, 0xED, 0xF4, 0xF5, 0xFF].randomElement(using: &rng)!
            data[Int.random(in: 0..<data.count, using: &rng)] = UInt8(value)
        }
        return data
    })

    @Test func decodingNeverCrashesAndAcceptsOnlyCleanText() async {
        await propertyCheck(count: propertyBudget(300), input: Self.bytes) { bytes in
            do {
                let text = try TextInput.decode(Data(bytes), from: "text on standard input")
                #expect(TextInput.firstControl(in: text) == nil)
                #expect(String(validating: bytes, as: UTF8.self) != nil)
            } catch let error as TextInputError {
                switch error {
                case .control(_, let position, _), .invalidUTF8(_, let position):
                    #expect(position.line >= 1 && position.column >= 1)
                default:
                    Issue.record("unexpected refusal: \(error)")
                }
            } catch {
                Issue.record("untyped error: \(error)")
            }
        }
    }

    @Test func theEditorFileAndTheChecksNeverCrash() async {
        await propertyCheck(count: propertyBudget(300), input: Self.texts) { text in
            if let (text, renditions) = try? EditableRelease.parse(text) {
                _ = try? TextInput.check(text, as: .releaseText)
                for rendition in (renditions ?? [:]).values { _ = try? TextInput.check(rendition, as: .rendition) }
            }
        }
    }

    @Test func terminalTextNeverLetsAControlThrough() async {
        await propertyCheck(count: propertyBudget(300), input: Self.texts) { text in
            let safe = TerminalText.safe(text)
            #expect(!safe.unicodeScalars.contains { v in
                let v = v.value
                return (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                    || (0x2066...0x2069).contains(v) || v == 0x200B || v == 0x200E || v == 0x200F
            }, "\(safe.debugDescription)")
            #expect(!TerminalText.safe(text, singleLine: true).contains("\n"))
            // Text with nothing to show differently is left exactly as it is.
            if !TerminalText.needsEscaping(text, singleLine: false) { #expect(safe == text) }
        }
    }
}
