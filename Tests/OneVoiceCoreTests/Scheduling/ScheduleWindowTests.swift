import Foundation
import Testing
@testable import OneVoiceCore

/// A post's time is between the incident's opening and a year ahead; a stored value that cannot be
/// read back costs only its own row.
@Suite struct ScheduleWindowTests {
    @Test func timesOutsideTheWindowAreRefusedNamingTheRange() throws {
        let team = try SchedulerTeam()
        let release = try team.approvedRelease()
        let zone = TimeZone(identifier: "America/Chicago")!
        let farAhead = [
            try ScheduleTime.parse("9999-12-31 18:00", now: team.clock.now(), timeZone: zone),
            try ScheduleTime.parse("+1900d", now: team.clock.now(), timeZone: zone),
            try ScheduleTime.parse("2100-01-01 00:00", now: team.clock.now(), timeZone: zone),
            team.clock.now().addingTimeInterval(Workspace.scheduleHorizon + 60),
        ]
        let before = [team.incident.openedAt.addingTimeInterval(-60), Date(timeIntervalSince1970: 0)]
        for time in farAhead + before {
            do {
                try team.drafter.scheduleRelease(id: release.id, at: time)
                Issue.record("\(time) was accepted")
            } catch let error as StoreError {
                #expect(error.description.contains("can be scheduled from"))
                #expect(error.description.contains("five years from now"))
            }
        }
        #expect(try team.posts(release.id).isEmpty)
        let posts = try team.drafter.scheduleRelease(id: release.id, at: team.clock.now().addingTimeInterval(300 * 86_400))
        #expect(!posts.isEmpty)
        #expect(throws: StoreError.self) {
            try team.drafter.rescheduleRelease(id: release.id, at: team.clock.now().addingTimeInterval(Workspace.scheduleHorizon + 86_400))
        }
    }

    @Test func anUnreadablePostCostsOnlyItsRowAndCancelUndoesIt() throws {
        let team = try SchedulerTeam()
        let bad = try team.approvedRelease("Bad time")
        let good = try team.approvedRelease("Good time")
        let badPosts = try team.drafter.scheduleRelease(id: bad.id, at: team.clock.now(), channels: [.website])
        try team.drafter.scheduleRelease(id: good.id, at: team.clock.now(), channels: [.website])
        // What an old build (or a hand with sqlite3) could leave: a year no date can be read back from.
        try team.agency.sqlite("UPDATE post SET scheduledAt = '10000-01-01 00:00:00.000' WHERE id = \(badPosts[0].id)")

        let deliverer = SchedulerRecordingDeliverer()
        let report = try team.scheduler(deliverer).tick()
        #expect(report.delivered == 1)
        #expect(deliverer.calls.map(\.releaseID) == [good.id])
        #expect(report.unreadable.map(\.id) == [badPosts[0].id])
        #expect(report.unreadable.first?.description.contains("post row #\(badPosts[0].id)") == true)

        let (_, unreadable) = try team.drafter.upcomingPostsNamingUnreadable()
        #expect(unreadable.map(\.id) == [badPosts[0].id])
        #expect(throws: Never.self) { try team.database.read { try $0.boardPage(after: nil, limit: 50) } }

        // Cancelling the release puts the damaged post out of the way; the scheduler stops naming it.
        try team.drafter.cancelRelease(id: bad.id)
        let after = try team.scheduler(deliverer).tick()
        #expect(after.unreadable.isEmpty)
        #expect(try team.drafter.upcomingPostsNamingUnreadable().unreadable.isEmpty)
    }
}
