import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Delivery calendar")
struct DeliveryCalendarTests {
    static let stamp = Date(timeIntervalSince1970: 1_794_990_000)

    static func events() -> [ScheduleEvent] {
        [
            ScheduleEvent(uid: "post-42@riverton.gov", start: DeliveryFixture.sent, summary: "Mastodon: Route 4 closed, detour; see map",
                          description: "Line one\nLine two; with a comma, a backslash \\ and more", stamp: stamp),
            ScheduleEvent(uid: "release-7@riverton.gov", start: DeliveryFixture.sent.addingTimeInterval(-600),
                          summary: String(repeating: "é避👮🏽‍♀️ ", count: 12), description: String(repeating: "Évacuation près du marché. ", count: 8),
                          stamp: stamp, isExercise: true),
        ]
    }

    @Test func theCalendarHasTheRequiredShape() {
        let ics = ICalendarWriter().write(events: Self.events())
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//OneVoice//OneVoice \(OneVoiceVersion.string)//EN\r\nCALSCALE:GREGORIAN\r\n"))
        #expect(ics.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 3)
        #expect(ics.components(separatedBy: "DTSTAMP:20261118T082000Z\r\n").count == 3)
        #expect(ics.contains("DTSTART:20261118T110640Z\r\n"))
        #expect(ics.contains("SUMMARY:Mastodon: Route 4 closed\\, detour\\; see map\r\n"))
        #expect(ics.contains("DESCRIPTION:Line one\\nLine two\\; with a comma\\, a backslash \\\\ and more\r\n"))
        // Sorted by start: the release (ten minutes earlier) comes first.
        #expect(ics.range(of: "UID:release-7")!.lowerBound < ics.range(of: "UID:post-42")!.lowerBound)
        #expect(ics.contains("SUMMARY:[EXERCISE] é"))
    }

    @Test func linesFoldAt75OctetsWithoutSplittingCharacters() {
        let ics = ICalendarWriter().write(events: Self.events())
        let physical = ics.components(separatedBy: "\r\n").dropLast()
        for line in physical {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line)")
        }
        // Every physical line is valid UTF-8 on its own: no sequence was cut.
        let bytes = Array(ics.utf8)
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            #expect(String(validating: bytes[start..<i], as: UTF8.self) != nil, "a fold cut a UTF-8 sequence")
            start = i + 1
        }
        #expect(physical.contains { $0.hasPrefix(" ") }, "nothing was folded")
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:[EXERCISE] " + String(repeating: "é避👮🏽‍♀️ ", count: 12) + "\r\n"))
    }

    @Test func aFoldNeverCutsAFourByteCharacterAtTheBoundary() {
        // 73 ASCII octets then a 4-byte emoji: it cannot fit in 75, so it moves whole to the next line.
        let line = "SUMMARY:" + String(repeating: "x", count: 65) + "😀" + "tail"
        let folded = ICalendarWriter.fold(line)
        #expect(folded == "SUMMARY:" + String(repeating: "x", count: 65) + "\r\n 😀tail\r\n")
        #expect(ICalendarWriter.fold("SHORT:ok") == "SHORT:ok\r\n")
        let exactly75 = String(repeating: "y", count: 75)
        #expect(ICalendarWriter.fold(exactly75) == exactly75 + "\r\n")
        #expect(ICalendarWriter.fold(exactly75 + "z") == exactly75 + "\r\n z\r\n")
    }

    /// Python's icalendar package (when installed), else a small unfolder and unescaper, reads it back.
    @Test func pythonReadsTheEventsBack() throws {
        let script = #"""
import sys, json
data = sys.stdin.buffer.read()
try:
    import icalendar
    cal = icalendar.Calendar.from_ical(data)
    out = [{'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'description': str(e['DESCRIPTION']),
            'start': e['DTSTART'].dt.isoformat(), 'stamp': e['DTSTAMP'].dt.isoformat()} for e in cal.walk('VEVENT')]
    print(json.dumps({'reader': 'icalendar', 'events': out}))
except ImportError:
    text = data.decode('utf-8').replace('\r\n ', '')
    events, cur = [], None
    def unescape(v):
        out, i = '', 0
        while i < len(v):
            if v[i] == '\\' and i + 1 < len(v):
                out += '\n' if v[i+1] in 'nN' else v[i+1]; i += 2
            else:
                out += v[i]; i += 1
        return out
    for line in text.split('\r\n'):
        if line == 'BEGIN:VEVENT': cur = {}
        elif line == 'END:VEVENT': events.append(cur); cur = None
        elif cur is not None and ':' in line:
            k, v = line.split(':', 1)
            cur[k.lower().replace('dtstart', 'start').replace('dtstamp', 'stamp')] = unescape(v)
    print(json.dumps({'reader': 'unfolder', 'events': events}))
"""#
        let result = try Python.run(script, input: Data(ICalendarWriter().write(events: Self.events()).utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let events = parsed["events"] as? [[String: String]] ?? []
        let original = Self.events()
        #expect(events.map { $0["uid"] } == ["release-7@riverton.gov", "post-42@riverton.gov"])
        #expect(events.last?["summary"] == original[0].summary)
        #expect(events.last?["description"] == original[0].description)
        #expect(events.first?["summary"] == "[EXERCISE] " + original[1].summary)
        #expect(events.first?["description"] == original[1].description)
        if parsed["reader"] as? String == "icalendar" {
            #expect(events.last?["start"] == "2026-11-18T11:06:40+00:00")
        }
    }
}
