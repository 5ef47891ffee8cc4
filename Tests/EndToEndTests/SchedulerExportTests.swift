import Foundation
import Testing
import TestSupport

/// The schedule as iCalendar and the delivered website posts as Atom, read back by standard parsers
/// (Python's icalendar and feedparser, which CI installs).
@Suite("Scheduler exports end to end", .serialized)
struct SchedulerExportTests {
    @Test func theScheduleExportsAsICalendarAndDeliveredWebsitePostsAsAtom() throws {
        let cli = try CLIRunner()
        // A LIVE agency publishes under its own identities (without them its website and CAP posts are held).
        let config = cli.home.appendingPathComponent("config/onevoice")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("""
            [agency]
            website = "https://riverton.example"
            email = "pio@riverton.example"
            cap_sender = "pio@riverton.example"
            release_url = "https://riverton.example/news/{id}"
            """.utf8).write(to: config.appendingPathComponent("config.toml"))
        let (sam, incident) = try cli.routeFourCrash()
        var ids: [Int] = []
        for _ in 0..<3 {
            let id = try SchedulerKillTests.id(cli, ["release", "draft", "\(incident)", "--template", "road-closure", "--holding"])
            #expect(try cli.run(["release", "submit", "\(id)"]).status == 0)
            #expect(try cli.run(["release", "approve", "\(id)", "--identity", sam.path]).status == 0)
            ids.append(id)
        }
        // Two go out now (on every channel, the website feed among them); one waits for 2030-01-15 09:30 agency time on two.
        for id in ids.prefix(2) {
            #expect(try cli.run(["release", "now", "\(id)"]).status == 0)
        }
        let waiting = try cli.run(["release", "schedule", "\(ids[2])", "--at", "2030-01-15 09:30", "--channels", "x,website"])
        try #require(waiting.status == 0, "\(waiting.stderr)")
        let ran = try cli.run(["scheduler", "run", "--once"])
        #expect(ran.status == 0, "\(ran.stderr)")

        // iCalendar: the two waiting posts, at 09:30 CST = 15:30 UTC.
        let ics = try cli.run(["schedule", "export", "--ics"])
        try #require(ics.status == 0, "\(ics.stderr)")
        let calendar = try Self.python("""
            import sys, json, icalendar
            cal = icalendar.Calendar.from_ical(sys.stdin.read())
            events = [{'uid': str(e['UID']), 'start': e.decoded('DTSTART').astimezone(__import__('datetime').timezone.utc).isoformat(),
                       'summary': str(e['SUMMARY'])} for e in cal.walk('VEVENT')]
            print(json.dumps(events))
            """, input: ics.stdout, module: "icalendar", install: "pip install icalendar")
        if let events = calendar as? [[String: String]] {
            #expect(events.count == 2)
            #expect(Set(events.compactMap { $0["uid"] }).count == 2)
            #expect(events.allSatisfy { $0["start"] == "2030-01-15T15:30:00+00:00" })
            #expect(Set(events.compactMap { $0["summary"]?.components(separatedBy: ":").first }) == ["X", "Website"])
        }

        // Atom: both delivered website posts, newest first, well formed.
        let feedURL = cli.home.appendingPathComponent("data/onevoice/feed.xml")
        let feedText = try String(contentsOf: feedURL, encoding: .utf8)
        let feed = try Self.python("""
            import sys, json, feedparser
            d = feedparser.parse(sys.stdin.read())
            print(json.dumps({'bozo': int(d.bozo), 'version': d.version, 'title': d.feed.get('title', ''),
                              'entries': [{'id': e.id, 'title': e.title} for e in d.entries]}))
            """, input: feedText, module: "feedparser", install: "pip install feedparser")
        if let object = feed as? [String: Any] {
            #expect(object["bozo"] as? Int == 0)
            #expect(object["version"] as? String == "atom10")
            let entries = object["entries"] as? [[String: String]] ?? []
            #expect(entries.count == 2)
            #expect(Set(entries.compactMap { $0["id"] }).count == 2)
            #expect(entries.allSatisfy { $0["id"]?.hasPrefix("tag:riverton.example,") == true })
        }
        #expect(try cli.run(["archive", "verify"]).status == 0)
    }

    /// Runs a python3 script with `input` on standard input and parses its JSON output; nil (and a
    /// recorded issue naming the install command) when python3 or the module is missing.
    static func python(_ script: String, input: String, module: String, install: String) throws -> Any? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-py-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("in"), outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        try Data(input.utf8).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        let python: String
        switch PythonEnvironment.python {
        case .success(let path): python = path
        case .failure(let error):
            Issue.record("\(error)")
            return nil
        }
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        let stderr = try String(contentsOf: errURL, encoding: .utf8)
        guard process.terminationStatus == 0 else {
            Issue.record(stderr.contains("No module named") || process.terminationStatus == 127
                         ? "python3 with \(module) is needed to read the export back; install it with: \(install)" : "python3 failed: \(stderr)")
            return nil
        }
        return try JSONSerialization.jsonObject(with: Data(contentsOf: outURL))
    }
}
