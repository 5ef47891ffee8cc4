import Foundation
import Testing
@testable import OneVoiceCore

/// The media list is read at each delivery, not when the scheduler starts: the dashboard runs one
/// scheduler for hours, and a reporter added to the list must get the next release.
@Suite("Delivery media contacts")
struct DeliveryMediaContactsTests {
    /// The addresses in a written message's Bcc header.
    func bcc(_ receipt: DeliveryReceipt) throws -> [String] {
        let text = try String(contentsOfFile: try #require(receipt.filePath), encoding: .utf8)
        let header = try #require(text.components(separatedBy: "\r\n").first { $0.hasPrefix("Bcc: ") })
        return header.dropFirst(5).components(separatedBy: ", ")
    }

    @Test func aContactAddedWhileTheSchedulerRunsGetsTheNextMessage() throws {
        let agency = try TestAgency()
        try agency.admin.addContact(name: "Gazette desk", email: "desk@gazette.example")
        let scheduler = try Scheduler.standard(workspace: agency.admin)

        let first = try scheduler.deliverer.deliver(DeliveryFixture.item(channel: .media, postID: 42, key: "k-1"))
        #expect(try bcc(first) == ["desk@gazette.example"])

        try agency.admin.addContact(name: "WRVT news", email: "news@wrvt.example")
        let second = try scheduler.deliverer.deliver(DeliveryFixture.item(channel: .media, postID: 43, key: "k-2"))
        #expect(try bcc(second) == ["desk@gazette.example", "news@wrvt.example"])
    }

    @Test func aContactTakenOffTheListGetsNoMore() throws {
        let agency = try TestAgency()
        try agency.admin.addContact(name: "Gazette desk", email: "desk@gazette.example")
        let leaving = try agency.admin.addContact(name: "WRVT news", email: "news@wrvt.example")
        let scheduler = try Scheduler.standard(workspace: agency.admin)
        try agency.admin.removeContact(id: leaving.id, reason: "asked to be taken off")
        let receipt = try scheduler.deliverer.deliver(DeliveryFixture.item(channel: .media))
        #expect(try bcc(receipt) == ["desk@gazette.example"])
    }
}
