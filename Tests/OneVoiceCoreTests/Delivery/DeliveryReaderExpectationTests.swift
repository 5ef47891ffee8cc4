import Foundation
import Testing
@testable import OneVoiceCore

/// Formats as their readers expect: feed entries link to the release page, follow-up e-mails thread,
/// a rescheduled event is picked up by calendar apps.
@Suite("Delivery formats as readers expect")
struct DeliveryReaderExpectationTests {
    static let feed = AtomFeedSettings(tagAuthority: "riverton.gov,2026", title: "Riverton news", siteURL: "https://riverton.gov/",
                                       feedURL: "https://riverton.gov/feed.xml", authorName: "Riverton PD")

    @Test func feedEntriesLinkToTheReleasePageAndTheFeedToItself() {
        var item = DeliveryFixture.item(channel: .website)
        item.webURL = "https://riverton.gov/news/7"
        let xml = AtomFeedWriter.xml(settings: Self.feed, entries: [AtomEntry(item: item, settings: Self.feed)], isExercise: false)
        #expect(xml.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://riverton.gov/feed.xml\"/>"))
        #expect(xml.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://riverton.gov/news/7\"/>"))
        // A web address that is not http(s) is not linked.
        item.webURL = "javascript:alert(1)"
        #expect(AtomEntry(item: item, settings: Self.feed).link == nil)
    }

    @Test func storedFeedIdsWinOverTodaysSettings() {
        var item = DeliveryFixture.item(channel: .website, kind: .update)
        item.publishedID = "tag:old.example,2025:release-7"
        item.referencedPublishedIDs = ["tag:old.example,2025:release-6"]
        let entry = AtomEntry(item: item, settings: Self.feed)
        #expect(entry.id == "tag:old.example,2025:release-7")
        #expect(entry.relatedID == "tag:old.example,2025:release-6")
    }

    @Test func followUpMailsThreadUnderWhatTheyFollow() throws {
        var item = DeliveryFixture.item(channel: .media, kind: .correction)
        item.publishedID = "<onevoice.50.k-2@riverton.gov>"
        item.referencedPublishedIDs = ["<onevoice.41.k-1@riverton.gov>", "<onevoice.42.k-0f3a9c@riverton.gov>", "bad\r\nBcc: x@y.z"]
        let settings = MediaListSettings(fromAddress: "pio@riverton.gov", contacts: ["desk@gazette.example"])
        let text = String(decoding: try MediaMessageWriter.message(for: item, settings: settings), as: UTF8.self)
        #expect(text.contains("\r\nMessage-ID: <onevoice.50.k-2@riverton.gov>\r\n"))
        #expect(text.contains("\r\nIn-Reply-To: <onevoice.42.k-0f3a9c@riverton.gov>\r\n"))
        #expect(text.contains("\r\nReferences: <onevoice.41.k-1@riverton.gov>\r\n <onevoice.42.k-0f3a9c@riverton.gov>\r\n"))
        #expect(!text.contains("Bcc"))
        // An original has no thread headers.
        let original = String(decoding: try MediaMessageWriter.message(for: DeliveryFixture.item(channel: .media), settings: settings), as: UTF8.self)
        #expect(!original.contains("In-Reply-To") && !original.contains("References"))
    }

    @Test func aRescheduledPostRaisesItsSequence() throws {
        let team = try SchedulerTeam()
        let release = try team.approvedRelease()
        try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 60), channels: [.x])
        let first = try team.drafter.scheduleCalendar()
        #expect(first.contains("\r\nSEQUENCE:0\r\n"))
        team.clock.set(SchedulerTeam.at(minutes: 10))
        try team.drafter.rescheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 90))
        let second = try team.drafter.scheduleCalendar()
        #expect(second.contains("\r\nSEQUENCE:1\r\n"))
        #expect(second.contains("\r\nLAST-MODIFIED:\(DeliveryTime.iCalendarUTC(SchedulerTeam.at(minutes: 10)))\r\n"))
    }
}
