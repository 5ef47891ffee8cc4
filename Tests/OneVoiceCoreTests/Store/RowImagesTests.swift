import Foundation
import PropertyBased
import TestSupport
import Testing
@testable import OneVoiceCore

/// The `images` text of a log entry reads back as exactly the rows written, and anything else is refused.
@Suite("Row images")
struct RowImagesTests {
    static let images = Generator<[RowImages.Image], Shrink.None<[RowImages.Image]>>(run: { rng in
        (0..<Int.random(in: 0...6, using: &rng)).map { _ in
            let json: String? = Bool.random(using: &rng) ? nil : {
                var out = "{"
                RowImages.appendString("text", to: &out)
                out += ":"
                RowImages.appendString(PropertyText.mixed(&rng) + "\t\n\r\u{2028}é😀", to: &out)
                return out + "}"
            }()
            return RowImages.Image(table: RecordTables.all.randomElement(using: &rng)!, id: Int64.random(in: -5...Int64.max, using: &rng), json: json)
        }
    })

    @Test func anImagesTextReadsBackAsItsRows() async {
        await propertyCheck(count: propertyBudget(300), input: Self.images) { images in
            let sorted = images.sorted { ($0.table, $0.id) < ($1.table, $1.id) }
            #expect(RowImages.parse(RowImages.text(images)) == sorted)
        }
    }

    @Test func aMalformedImagesTextIsRefused() {
        for text in ["post", "post\t1", "\t1\t{}", "post\tx\t{}", "post\t1\t{}\n", "post\t1\t{}\n\npost\t2\t{}", "post\t\t{}",
                     "post\t1\t{}\nfact\t2"] {
            #expect(RowImages.parse(text) == nil, "\(text.debugDescription)")
        }
        #expect(RowImages.parse("") == [])
        #expect(RowImages.parse("post\t7\tnull") == [RowImages.Image(table: "post", id: 7, json: nil)])
        #expect(RowImages.parse("post\t7\t{\"a\":\"b\tc\"}")?.first?.json == "{\"a\":\"b\tc\"}")
    }

    /// The writer as it was first written, scalar by scalar: the byte-wise one must give the very same text, or
    /// rows signed before it would no longer match their stored rows.
    static func referenceString(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static let hostile = propertyStrings { rng in
        let pieces = ["\"", "\\", "\n", "\r", "\t", "\u{00}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{2027}", "\u{2028}",
                      "\u{2029}", "\u{202A}", "é", "€", "😀", "👩‍👩‍👧", "a", "plain words ", "\u{FEFF}", "Ω"]
        var text = ""
        for _ in 0..<Int.random(in: 0...16, using: &rng) {
            text += Bool.random(using: &rng) ? pieces.randomElement(using: &rng)! : PropertyText.mixed(&rng)
        }
        return text
    }

    @Test func theByteWiseWriterWritesWhatTheFirstOneWrote() async {
        await propertyCheck(count: propertyBudget(500), input: Self.hostile) { text in
            var out = ""
            RowImages.appendString(text, to: &out)
            #expect(out == Self.referenceString(text), "\(text.debugDescription)")
        }
    }
}
