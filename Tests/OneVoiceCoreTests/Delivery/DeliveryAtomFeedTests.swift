import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Delivery Atom feed")
struct DeliveryAtomFeedTests {
    static let settings = AtomFeedSettings(tagAuthority: "riverton.gov,2026", title: "Riverton Police: news & alerts",
                                           siteURL: "https://riverton.gov/news", feedURL: "https://riverton.gov/feed.xml",
                                           authorName: "Riverton Police Department", authorEmail: "pio@riverton.gov", maximumEntries: 3)

    /// Parses with ElementTree (and feedparser when installed) and prints what matters as JSON.
    static let reader = #"""
import sys, json
import xml.etree.ElementTree as ET
data = sys.stdin.buffer.read()
A = '{http://www.w3.org/2005/Atom}'
root = ET.fromstring(data)
assert root.tag == A + 'feed', root.tag
for name in ['id', 'title', 'updated', 'author']:
    assert root.find(A + name) is not None, 'feed has no ' + name
assert root.find(A + 'author/' + A + 'name') is not None
entries = []
for e in root.findall(A + 'entry'):
    for name in ['id', 'title', 'updated', 'published', 'content']:
        assert e.find(A + name) is not None, 'entry has no ' + name
    cat = e.find(A + 'category')
    entries.append({'id': e.find(A + 'id').text, 'title': e.find(A + 'title').text,
                    'updated': e.find(A + 'updated').text, 'content': e.find(A + 'content').text,
                    'category': cat.get('term') if cat is not None else None})
out = {'id': root.find(A + 'id').text, 'title': root.find(A + 'title').text, 'updated': root.find(A + 'updated').text, 'entries': entries}
try:
    import feedparser
except ImportError:
    feedparser = None
if feedparser:
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get('bozo_exception')
    assert parsed.version == 'atom10', parsed.version
    out['feedparser'] = [{'id': e.id, 'title': e.title, 'content': e.content[0].value} for e in parsed.entries]
print(json.dumps(out))
"""#

    func read(_ xml: String) throws -> [String: Any] {
        let result = try Python.run(Self.reader, input: Data(xml.utf8))
        #expect(result.status == 0, "the feed did not parse: \(result.stderr)\n\(xml)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    func entry(_ id: Int64, minutesAfter minutes: Double, kind: ReleaseKind = .original, text: String = "Text.") -> AtomEntry {
        let item = DeliveryFixture.item(kind: kind, text: text, title: "Release \(id)", releaseID: id)
        var entry = AtomEntry(item: item, settings: Self.settings)
        entry.updated = DeliveryFixture.sent.addingTimeInterval(minutes * 60)
        entry.published = entry.updated
        return entry
    }

    @Test func theFeedIsWellFormedAtomWithEscapedText() throws {
        let tricky = "Officers & deputies <on scene>.\nMore at 5 PM; \"stay clear\"."
        let entries = [entry(1, minutesAfter: 0), entry(2, minutesAfter: 10, kind: .update, text: tricky), entry(3, minutesAfter: 20, kind: .correction)]
        let xml = AtomFeedWriter.xml(settings: Self.settings, entries: entries, isExercise: false)
        #expect(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
        let feed = try read(xml)
        #expect(feed["id"] as? String == "tag:riverton.gov,2026:feed")
        #expect(feed["title"] as? String == "Riverton Police: news & alerts")
        #expect(feed["updated"] as? String == "2026-11-18T11:26:40Z")
        let parsed = feed["entries"] as? [[String: Any]] ?? []
        #expect(parsed.map { $0["id"] as? String } == ["tag:riverton.gov,2026:release-3", "tag:riverton.gov,2026:release-2", "tag:riverton.gov,2026:release-1"])
        #expect(parsed.map { $0["category"] as? String } == ["correction", "update", nil])
        #expect(parsed[1]["content"] as? String == tricky)
        #expect(parsed[1]["title"] as? String == "UPDATE: Release 2")
        if let fp = feed["feedparser"] as? [[String: Any]] {
            #expect(fp.count == 3)
            #expect(fp[1]["content"] as? String == tricky)
        }
    }

    @Test func theFeedKeepsTheNewestEntriesAndOneCopyOfEach() throws {
        var entries = (1...5).map { entry(Int64($0), minutesAfter: Double($0)) }
        entries.append(entry(5, minutesAfter: 5)) // a repeat of the same release
        let xml = AtomFeedWriter.xml(settings: Self.settings, entries: entries.shuffled(), isExercise: false)
        let parsed = try read(xml)["entries"] as? [[String: Any]] ?? []
        #expect(parsed.compactMap { $0["title"] as? String } == ["Release 5", "Release 4", "Release 3"])
        // Same entries, any order: the same bytes.
        #expect(xml == AtomFeedWriter.xml(settings: Self.settings, entries: entries.reversed(), isExercise: false))
    }

    @Test func theDelivererRewritesTheFeedAndKeepsExerciseApart() throws {
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let earlier = [entry(1, minutesAfter: -30)]
        let deliverer = WebsiteFeedDeliverer(layout: OutboxLayout(dataDirectory: dir), settings: Self.settings,
                                             earlierEntries: { isExercise in isExercise ? [] : earlier })
        let receipt = try deliverer.deliver(DeliveryFixture.item(title: "Route 4 closed"))
        #expect(receipt.filePath == dir.path + "/feed.xml")
        #expect(!receipt.wasAlreadyDelivered)
        #expect(try deliverer.deliver(DeliveryFixture.item(title: "Route 4 closed")).wasAlreadyDelivered)
        let live = try read(String(contentsOfFile: dir.path + "/feed.xml", encoding: .utf8))
        #expect((live["entries"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Route 4 closed", "Release 1"])

        let drill = try deliverer.deliver(DeliveryFixture.item(isExercise: true, title: "Drill"))
        #expect(drill.filePath == dir.path + "/feed-exercise.xml")
        let exercise = try read(String(contentsOfFile: dir.path + "/feed-exercise.xml", encoding: .utf8))
        #expect((exercise["title"] as? String)?.hasPrefix("EXERCISE") == true)
        let entries = exercise["entries"] as? [[String: Any]] ?? []
        #expect(entries.compactMap { $0["title"] as? String } == ["EXERCISE: Drill"])
        #expect((entries.first?["content"] as? String)?.hasPrefix("EXERCISE: ") == true)
        // The live feed did not change.
        #expect(try read(String(contentsOfFile: dir.path + "/feed.xml", encoding: .utf8))["entries"] as? [[String: Any]] != nil)
        #expect(!(try String(contentsOfFile: dir.path + "/feed.xml", encoding: .utf8)).contains("Drill"))
    }
}
