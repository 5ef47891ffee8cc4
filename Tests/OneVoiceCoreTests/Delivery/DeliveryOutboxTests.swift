import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Delivery outbox")
struct DeliveryOutboxTests {
    @Test func deliveringTwiceWritesOneFile() throws {
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outbox = OutboxDeliverer(layout: OutboxLayout(dataDirectory: dir))
        let item = DeliveryFixture.item(channel: .nextdoor)
        let first = try outbox.deliver(item)
        let path = dir.path + "/outbox/nextdoor/42-k-0f3a9c.json"
        #expect(first.filePath == path)
        #expect(!first.wasAlreadyDelivered)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == OutboxDeliverer.json(for: item))

        // A retry with a later time (say, after a crash) still finds the first file and writes nothing.
        var retry = item
        retry.sentAt = item.sentAt.addingTimeInterval(90)
        let second = try outbox.deliver(retry)
        #expect(second.wasAlreadyDelivered)
        #expect(second.filePath == path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/outbox/nextdoor") == ["42-k-0f3a9c.json"])
    }

    @Test func theFileIsTheItemAsJSON() throws {
        let item = DeliveryFixture.item(channel: .x, isExercise: true)
        let json = try JSONSerialization.jsonObject(with: OutboxDeliverer.json(for: item)) as? [String: Any] ?? [:]
        #expect(json["format"] as? String == "onevoice-outbox-1")
        #expect(json["markedText"] as? String == "EXERCISE: " + item.text)
        let fields = json["item"] as? [String: Any] ?? [:]
        #expect(fields["idempotencyKey"] as? String == "k-0f3a9c")
        #expect(fields["channel"] as? String == "x")
        #expect(fields["isExercise"] as? Bool == true)
    }

    @Test func exercisePostsGoOnlyToTheExerciseOutbox() throws {
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let receipt = try OutboxDeliverer(layout: OutboxLayout(dataDirectory: dir)).deliver(DeliveryFixture.item(channel: .x, isExercise: true))
        #expect(receipt.filePath == dir.path + "/outbox-exercise/x/42-k-0f3a9c.json")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/outbox"))
    }

    @Test func aKeyThatCouldEscapeTheFolderIsRefused() throws {
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for key in ["../../etc/passwd", "a/b", "", ".hidden", "sp ace"] {
            #expect(throws: DeliveryError.invalidItem("its idempotency key may hold only letters, digits, '-', '_' and '.'")) {
                try OutboxDeliverer(layout: OutboxLayout(dataDirectory: dir)).deliver(DeliveryFixture.item(channel: .x, key: key))
            }
        }
    }

    @Test func anUnwritableFolderIsARetryableErrorInPlainWords() throws {
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A file where the outbox folder should be.
        try Data("not a folder".utf8).write(to: dir.appendingPathComponent("outbox"))
        do {
            _ = try OutboxDeliverer(layout: OutboxLayout(dataDirectory: dir)).deliver(DeliveryFixture.item(channel: .x))
            Issue.record("wrote through a file")
        } catch {
            #expect(error.isRetryable)
            #expect(error.description.hasPrefix("Could not write "))
            #expect(!error.description.contains("Optional("))
        }
    }
}
