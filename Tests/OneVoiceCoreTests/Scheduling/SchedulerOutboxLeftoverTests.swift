import Foundation
import Testing
@testable import OneVoiceCore

/// What a scheduler killed in the middle of writing a file leaves behind, and who cleans it up.
@Suite("Scheduler: outbox after a kill mid-write")
struct SchedulerOutboxLeftoverTests {
    @Test func theDeliveryThatCompletesAPostRemovesADeadWritersTemporaryFile() throws {
        let folder = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = OutboxLayout(dataDirectory: folder)
        let item = DeliveryFixture.item(channel: .x)
        let url = try layout.fileURL(for: item, extension: "json")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let dead = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).4242.tmp")
        let other = url.deletingLastPathComponent().appendingPathComponent(".99-other.json.4242.tmp")
        try Data("{\"half".utf8).write(to: dead)
        try Data("{\"half".utf8).write(to: other)

        let receipt = try OutboxDeliverer(layout: layout).deliver(item)
        #expect(!receipt.wasAlreadyDelivered)
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: other.path), "another post's file is not ours to touch")
        // Killed after the rename: the repeat writes nothing and still tidies up.
        try Data("{\"half".utf8).write(to: dead)
        #expect(try OutboxDeliverer(layout: layout).deliver(item).wasAlreadyDelivered)
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(try Data(contentsOf: url) == OutboxDeliverer.json(for: item))
    }
}
