import Foundation
import Testing
@testable import OneVoiceCore

/// `dateTime` and `time` format in one ICU pattern: the same text as the date, a space and the zone's abbreviation
/// formatted apart, through the year and across daylight-saving changes.
@Suite("Local time")
struct LocalTimeTests {
    @Test func oneFormatIsTheTimeAndTheAbbreviation() throws {
        for identifier in ["America/Chicago", "America/New_York", "Europe/London", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"] {
            let local = LocalTime(timeZone: try #require(TimeZone(identifier: identifier)))
            // Every 7 hours 13 minutes through 2026: both daylight-saving changes and their hours fall among them.
            var date = Date(timeIntervalSince1970: 1_767_225_600)
            while date.timeIntervalSince1970 < 1_798_761_600 {
                #expect(local.dateTime(date) == local.format(date, "yyyy-MM-dd HH:mm") + " " + local.abbreviation(date), "\(identifier) \(date)")
                #expect(local.time(date) == local.format(date, "HH:mm") + " " + local.abbreviation(date))
                date.addTimeInterval(7 * 3600 + 13 * 60)
            }
        }
        let chicago = LocalTime(timeZone: try #require(TimeZone(identifier: "America/Chicago")))
        #expect(chicago.dateTime(Date(timeIntervalSince1970: 1_795_000_000)) == "2026-11-18 05:06 CST")
    }
}
