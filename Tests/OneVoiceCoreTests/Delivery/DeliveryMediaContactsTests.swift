import Foundation
import Testing
@testable import OneVoiceCore

/// The media list is read at each delivery, not when the scheduler starts: the dashboard runs one
/// scheduler for hours, and a reporter added to the list must get the next release.
@Suite("Delivery media contacts")
struct DeliveryMediaContactsTests {
    /// The addresses the media deliverer sends to at this moment (the Bcc of the copy handed to the
    /// mail command); the stored copy itself never names them.
    func bcc(_ receipt: DeliveryReceipt, _ scheduler: Scheduler) throws -> [String] {
        let text = try String(contentsOfFile: try #require(receipt.filePath), encoding: .utf8)
        #expect(!text.contains("Bcc:"), "the stored message keeps the press list")
        let router = try #require(scheduler.deliverer as? DeliveryRouter)
        let media = try #require(router.deliverer(for: DeliveryFixture.item(channel: .media)) as? MediaListDeliverer)
        return try media.currentSettings().contacts
    }

    @Test(arguments: Storage.allCases) func aContactAddedWhileTheSchedulerRunsGetsTheNextMessage(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        try agency.admin.addContact(name: "Gazette desk", email: "desk@gazette.example")
        let scheduler = try Scheduler.standard(workspace: agency.admin)

        let first = try scheduler.deliverer.deliver(DeliveryFixture.item(channel: .media, postID: 42, key: "k-1"))
        #expect(try bcc(first, scheduler) == ["desk@gazette.example"])

        try agency.admin.addContact(name: "WRVT news", email: "news@wrvt.example")
        let second = try scheduler.deliverer.deliver(DeliveryFixture.item(channel: .media, postID: 43, key: "k-2"))
        #expect(try bcc(second, scheduler) == ["desk@gazette.example", "news@wrvt.example"])
    }

    @Test(arguments: Storage.allCases) func aContactTakenOffTheListGetsNoMore(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        try agency.admin.addContact(name: "Gazette desk", email: "desk@gazette.example")
        let leaving = try agency.admin.addContact(name: "WRVT news", email: "news@wrvt.example")
        let scheduler = try Scheduler.standard(workspace: agency.admin)
        try agency.admin.removeContact(id: leaving.id, reason: "asked to be taken off")
        let receipt = try scheduler.deliverer.deliver(DeliveryFixture.item(channel: .media))
        #expect(try bcc(receipt, scheduler) == ["desk@gazette.example"])
    }
}
