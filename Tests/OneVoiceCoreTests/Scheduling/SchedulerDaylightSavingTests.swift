import Foundation
import Testing
@testable import OneVoiceCore

/// Times typed around the 2026 daylight-saving changes in the agency's zone.
///
/// America/Chicago, 2026: on Sunday March 8 the clocks go from 01:59:59 CST straight to 03:00 CDT
/// (08:00 UTC); on Sunday November 1 they go from 01:59:59 CDT back to 01:00 CST (07:00 UTC), so
/// 01:00–01:59 happens twice. The documented rules (see `ScheduleTime`):
/// - a wall time in the skipped hour moves forward by the gap (02:30 means 03:30 CDT);
/// - a dated wall time in the repeated hour means the first one (CDT);
/// - a bare HH:MM means the next time the clock shows it, so in the repeated hour it can be the second one;
/// - `+Nm`, `+Nh`, `+Nd` are exact durations (`+1d` is 24 hours, not "same time tomorrow");
/// - ISO 8601 with an offset is taken as written.
@Suite("Scheduler: times across daylight-saving changes")
struct SchedulerDaylightSavingTests {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    /// A UTC instant written as ISO 8601.
    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)!
    }

    static func parse(_ text: String, now: String = "2026-01-01T00:00:00Z", zone: TimeZone = chicago) throws -> Date {
        try ScheduleTime.parse(text, now: utc(now), timeZone: zone)
    }

    static func local(_ date: Date, _ zone: TimeZone = chicago) -> String { LocalTime(timeZone: zone).dateTime(date) }

    // MARK: Spring forward, 2026-03-08

    @Test func springForward_datedWallTimeInTheSkippedHour_0230_means0330CDT() throws {
        let date = try Self.parse("2026-03-08 02:30")
        #expect(date == Self.utc("2026-03-08T08:30:00Z"))
        #expect(Self.local(date) == "2026-03-08 03:30 CDT")
        // 02:00 (skipped) and 03:00 are the same moment; 01:59 is still CST.
        #expect(try Self.parse("2026-03-08 02:00") == Self.parse("2026-03-08 03:00"))
        #expect(try Self.parse("2026-03-08 01:59") == Self.utc("2026-03-08T07:59:00Z"))
        #expect(try Self.parse("2026-03-08 03:00") == Self.utc("2026-03-08T08:00:00Z"))
    }

    @Test func springForward_bareHHMMInTheSkippedHour_0230_typedAt0100CST_means0330CDTThatMorning() throws {
        let date = try Self.parse("02:30", now: "2026-03-08T07:00:00Z")
        #expect(date == Self.utc("2026-03-08T08:30:00Z"))
        #expect(Self.local(date) == "2026-03-08 03:30 CDT")
    }

    @Test func springForward_bareHHMMAlreadyPast_meansTheSameClockTimeTomorrowIn23hOr24h() throws {
        // Typed at 10:00 CST on March 7: "09:00" is tomorrow 09:00 CDT, only 22 hours later.
        let date = try Self.parse("09:00", now: "2026-03-07T16:00:00Z")
        #expect(Self.local(date) == "2026-03-08 09:00 CDT")
        #expect(date.timeIntervalSince(Self.utc("2026-03-07T16:00:00Z")) == 22 * 3600)
    }

    @Test func springForward_plus2hFrom0130CST_isExactly7200sLater_0430CDT() throws {
        let now = Self.utc("2026-03-08T07:30:00Z")
        #expect(Self.local(now) == "2026-03-08 01:30 CST")
        let date = try ScheduleTime.parse("+2h", now: now, timeZone: Self.chicago)
        #expect(date.timeIntervalSince(now) == 7200)
        #expect(Self.local(date) == "2026-03-08 04:30 CDT")
        #expect(try ScheduleTime.parse("+90m", now: now, timeZone: Self.chicago).timeIntervalSince(now) == 5400)
        #expect(try ScheduleTime.parse("+1d", now: now, timeZone: Self.chicago).timeIntervalSince(now) == 86400)
    }

    @Test func springForward_inNewYork_0230_means0330EDT() throws {
        let date = try Self.parse("2026-03-08 02:30", zone: Self.newYork)
        #expect(date == Self.utc("2026-03-08T07:30:00Z"))
        #expect(Self.local(date, Self.newYork) == "2026-03-08 03:30 EDT")
    }

    // MARK: Fall back, 2026-11-01

    @Test func fallBack_datedWallTimeInTheRepeatedHour_0130_meansTheFirst0130CDT() throws {
        let date = try Self.parse("2026-11-01 01:30")
        #expect(date == Self.utc("2026-11-01T06:30:00Z"))
        #expect(Self.local(date) == "2026-11-01 01:30 CDT")
        #expect(try Self.parse("2026-11-01 00:59") == Self.utc("2026-11-01T05:59:00Z"))
        #expect(try Self.parse("2026-11-01 02:00") == Self.utc("2026-11-01T08:00:00Z"))
        #expect(Self.local(try Self.parse("2026-11-01 02:00")) == "2026-11-01 02:00 CST")
    }

    @Test func fallBack_theSecond0130CST_isWrittenWithItsOffset() throws {
        let date = try Self.parse("2026-11-01T01:30:00-06:00")
        #expect(date == Self.utc("2026-11-01T07:30:00Z"))
        #expect(Self.local(date) == "2026-11-01 01:30 CST")
        #expect(try Self.parse("2026-11-01T01:30:00-05:00") == Self.utc("2026-11-01T06:30:00Z"))
    }

    @Test func fallBack_bareHHMM_0130_typedAt0030CDT_meansTheFirst0130CDT() throws {
        let date = try Self.parse("01:30", now: "2026-11-01T05:30:00Z")
        #expect(Self.local(date) == "2026-11-01 01:30 CDT")
        #expect(date == Self.utc("2026-11-01T06:30:00Z"))
    }

    @Test func fallBack_bareHHMM_0130_typedAt0145CDT_meansTheSecond0130CST45MinutesLater() throws {
        let now = Self.utc("2026-11-01T06:45:00Z")
        #expect(Self.local(now) == "2026-11-01 01:45 CDT")
        let date = try ScheduleTime.parse("01:30", now: now, timeZone: Self.chicago)
        #expect(Self.local(date) == "2026-11-01 01:30 CST")
        #expect(date.timeIntervalSince(now) == 45 * 60)
    }

    @Test func fallBack_bareHHMM_0130_typedAt0145CST_meansTomorrow0130CST() throws {
        let date = try Self.parse("01:30", now: "2026-11-01T07:45:00Z")
        #expect(Self.local(date) == "2026-11-02 01:30 CST")
        #expect(date == Self.utc("2026-11-02T07:30:00Z"))
    }

    @Test func fallBack_plus2hFrom0030CDT_isExactly7200sLater_0130CST() throws {
        let now = Self.utc("2026-11-01T05:30:00Z")
        #expect(Self.local(now) == "2026-11-01 00:30 CDT")
        let date = try ScheduleTime.parse("+2h", now: now, timeZone: Self.chicago)
        #expect(date.timeIntervalSince(now) == 7200)
        #expect(Self.local(date) == "2026-11-01 01:30 CST")
        // "+1d" across the change is 24 hours: 23:30 CST the same day, not 00:30 the next.
        let day = try ScheduleTime.parse("+1d", now: now, timeZone: Self.chicago)
        #expect(day.timeIntervalSince(now) == 86400)
        #expect(Self.local(day) == "2026-11-01 23:30 CST")
    }

    @Test func localTimeShowsCSTAndCDTOnEitherSideOfBothChanges() {
        let cases = [
            ("2026-03-08T07:59:00Z", "2026-03-08 01:59 CST"),
            ("2026-03-08T08:00:00Z", "2026-03-08 03:00 CDT"),
            ("2026-11-01T06:59:00Z", "2026-11-01 01:59 CDT"),
            ("2026-11-01T07:00:00Z", "2026-11-01 01:00 CST"),
        ]
        for (instant, shown) in cases {
            #expect(Self.local(Self.utc(instant)) == shown)
        }
        #expect(LocalTime(timeZone: Self.chicago).time(Self.utc("2026-07-04T17:00:00Z")) == "12:00 CDT")
        #expect(LocalTime(timeZone: Self.newYork).dateTime(Self.utc("2026-11-01T06:00:00Z")) == "2026-11-01 01:00 EST")
    }

    // MARK: Everything else

    @Test func iso8601WithAnOffsetIsTakenAsWrittenWhateverTheAgencyZone() throws {
        #expect(try Self.parse("2026-03-08T02:30:00-06:00") == Self.utc("2026-03-08T08:30:00Z"))
        #expect(try Self.parse("2026-03-08T08:30:00Z", zone: Self.newYork) == Self.utc("2026-03-08T08:30:00Z"))
        #expect(try Self.parse("2026-07-01T12:00:00+02:00") == Self.utc("2026-07-01T10:00:00Z"))
        #expect(try Self.parse("2026-07-01T12:00:00.250Z") == Self.utc("2026-07-01T12:00:00Z").addingTimeInterval(0.25))
    }

    @Test(arguments: ["", "tomorrow", "+5", "+5x", "+-5m", "+1.5h", "24:00", "12:60", "9:5", "2026-02-30 10:00",
                      "2026-13-01 10:00", "2026-00-10 10:00", "2026-11-01T01:30", "2026-11-01 25:00", "2026-11 01:30"])
    func anythingElseIsRefusedWithAPlainSentence(_ text: String) {
        #expect(throws: StoreError.self) { try Self.parse(text) }
    }

    @Test func aScheduledTimeIsStoredInUTCAndReadBackToTheMillisecond() throws {
        let team = try SchedulerTeam()
        team.clock.set(Self.utc("2026-10-31T12:00:00Z"))
        let release = try team.approvedRelease()
        let first = try Self.parse("2026-11-01 01:30")
        let second = try Self.parse("2026-11-01T01:30:00.123-06:00")
        try team.drafter.scheduleRelease(id: release.id, at: first, channels: [.x])
        try team.drafter.scheduleRelease(id: release.id, at: second, channels: [.website])
        let posts = try team.posts(release.id)
        // Equal to the millisecond (GRDB rebuilds a Date through calendar components, so a fraction
        // of a second can differ from ours in the last bits of the Double).
        #expect(posts.first { $0.channel == .x }?.scheduledAt == first)
        #expect(posts.first { $0.channel == .website }?.scheduledAt.map(Timestamps.milliseconds) == Timestamps.milliseconds(second))
        #expect(Timestamps.milliseconds(second) % 1000 == 123)
        // In the file: UTC, whatever the process's TZ.
        let raw = try Self.sqlite(team.agency.url, "SELECT channel || ' ' || scheduledAt FROM post ORDER BY id")
        #expect(raw == "x 2026-11-01 06:30:00.000\nwebsite 2026-11-01 07:30:00.123\n")
        // The earlier wall-clock reading goes out first: order is by instant, not by local text.
        #expect(try team.database.read { try $0.nextScheduledTime() } == first)
    }

    static func sqlite(_ url: URL, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [url.path, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
