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
}
