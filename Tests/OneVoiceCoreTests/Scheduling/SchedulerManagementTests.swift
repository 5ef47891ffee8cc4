import Foundation
import Testing
@testable import OneVoiceCore

/// Hold, cancel, reschedule, send now, and who may do any of it.
@Suite("Scheduler: managing scheduled releases")
struct SchedulerManagementTests {
    @Test(arguments: Storage.allCases) func aHeldReleaseWaitsPastItsTimeAndGoesOutWhenRescheduled(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.x, .website])
        let held = try team.spokesperson.holdRelease(id: release.id)
        #expect(held.count == 2 && held.allSatisfy { $0.state == .held })
        team.clock.set(SchedulerTeam.at(minutes: 30))
        try scheduler.tick()
        #expect(deliverer.calls.isEmpty)
        #expect(try team.posts(release.id).allSatisfy { $0.state == .held })
        // Held posts are on the board.
        #expect(try team.drafter.upcomingPosts().filter { $0.releaseID == release.id }.count == 2)

        let newTime = SchedulerTeam.at(minutes: 45)
        let moved = try team.drafter.rescheduleRelease(id: release.id, at: newTime)
        #expect(moved.allSatisfy { $0.state == .scheduled && $0.scheduledAt == newTime })
        team.clock.set(newTime.addingTimeInterval(-1))
        try scheduler.tick()
        #expect(deliverer.calls.isEmpty)
        team.clock.set(newTime)
        #expect(try scheduler.tick().delivered == 2)
        #expect(deliverer.calls.allSatisfy { $0.sentAt == newTime })
        #expect(try team.log("release.hold").count == 1)
        #expect(try team.log("release.reschedule").count == 1)
        #expect(try team.chainIsIntact())
    }

    @Test(arguments: Storage.allCases) func rescheduleMovesAnEarlierTimeLaterAndALaterTimeEarlier(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.x])
        try team.drafter.rescheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 60))
        team.clock.set(SchedulerTeam.at(minutes: 5))
        try scheduler.tick()
        #expect(deliverer.calls.isEmpty)
        try team.drafter.rescheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 10))
        team.clock.set(SchedulerTeam.at(minutes: 10))
        #expect(try scheduler.tick().delivered == 1)
        // Scheduling an approved release again changes the time of its waiting posts, without new posts.
        let again = try team.approvedRelease("Again")
        let first = try team.drafter.scheduleRelease(id: again.id, at: SchedulerTeam.at(minutes: 90), channels: [.x])
        let second = try team.drafter.scheduleRelease(id: again.id, at: SchedulerTeam.at(minutes: 20), channels: [.x])
        #expect(first.map(\.id) == second.map(\.id))
        #expect(first.map(\.idempotencyKey) == second.map(\.idempotencyKey))
        team.clock.set(SchedulerTeam.at(minutes: 20))
        #expect(try scheduler.tick().delivered == 1)
    }

    @Test(arguments: Storage.allCases) func aCancelledReleaseNeverGoesOutAndGoesBackToApproved(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        let posts = try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.x, .website])
        try team.drafter.cancelRelease(id: release.id)
        #expect(try team.status(release.id) == .approved)
        #expect(try team.posts(release.id).allSatisfy { $0.state == .cancelled })
        #expect(try team.drafter.upcomingPosts().isEmpty)
        team.clock.set(SchedulerTeam.at(minutes: 6))
        try scheduler.tick()
        #expect(deliverer.calls.isEmpty)
        // Nothing left to cancel, hold or move.
        #expect(throws: StoreError.self) { try team.drafter.cancelRelease(id: release.id) }
        #expect(throws: StoreError.self) { try team.drafter.holdRelease(id: release.id) }
        #expect(throws: StoreError.self) { try team.drafter.rescheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 9)) }

        // Scheduled afresh: new posts with new keys; the cancelled ones stay cancelled in the record.
        let fresh = try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 10), channels: [.x])
        #expect(Set(fresh.map(\.id)).isDisjoint(with: posts.map(\.id)))
        #expect(Set(fresh.map(\.idempotencyKey)).isDisjoint(with: posts.map(\.idempotencyKey)))
        team.clock.set(SchedulerTeam.at(minutes: 10))
        #expect(try scheduler.tick().delivered == 1)
        // Cancelled posts do not keep the release from being released.
        #expect(try team.status(release.id) == .released)
        #expect(try team.posts(release.id).filter { $0.state == .cancelled }.count == 2)
    }

    @Test(arguments: Storage.allCases) func releaseNowSendsAScheduledReleaseOnTheNextTick(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 120), channels: [.x, .mastodon])
        team.clock.set(SchedulerTeam.at(minutes: 3))
        let now = try team.spokesperson.releaseNow(id: release.id)
        #expect(now.allSatisfy { $0.scheduledAt == SchedulerTeam.at(minutes: 3) })
        #expect(try scheduler.tick().delivered == 2)
        #expect(try team.status(release.id) == .released)
        #expect(try team.log("release.now").count == 1)
        // Once out, there is nothing left to send now, and scheduling it again is refused.
        #expect(throws: (any Error).self) { try team.drafter.releaseNow(id: release.id) }
        #expect(throws: (any Error).self) { try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 200)) }
    }

    @Test(arguments: Storage.allCases) func releaseNowOnAnApprovedUnscheduledReleaseSendsEveryRendition(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        let posts = try team.drafter.releaseNow(id: release.id)
        #expect(Set(posts.map(\.channel)) == [.x, .mastodon, .website])
        #expect(try scheduler.tick().delivered == 3)
        #expect(try team.status(release.id) == .released)
    }

    @Test(arguments: Storage.allCases) func onlyAnApprovedReleaseCanBeScheduled(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Draft", text: SchedulerTeam.text,
                                                     renditions: SchedulerTeam.renditions)
        #expect(throws: IdentityError.self) { try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5)) }
        try team.drafter.submitRelease(id: release.id)
        #expect(throws: IdentityError.self) { try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5)) }
        #expect(throws: IdentityError.self) { try team.drafter.releaseNow(id: release.id) }
        #expect(try team.posts(release.id).isEmpty)
        try team.spokesperson.approveRelease(id: release.id)
        // A channel the release has no text for is refused, naming what it has.
        #expect(throws: StoreError.self) { try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.cap]) }
        #expect(throws: StoreError.self) { try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: []) }
        #expect(try team.posts(release.id).isEmpty)
        try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5))
        #expect(try team.posts(release.id).count == 3)
    }

    @Test(arguments: Storage.allCases) func onlyADrafterOrTheIncidentsSpokespersonCanScheduleOrChangeIt(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        let logBefore = try team.agency.logCount()
        for wrong in [team.verifier, team.legal, team.otherSpokesperson, team.agency.stranger] {
            #expect(throws: (any Error).self) { try wrong.scheduleRelease(id: release.id, at: time) }
        }
        for wrong in [team.verifier, team.legal, team.otherSpokesperson] {
            #expect(throws: IdentityError.self) { try wrong.scheduleRelease(id: release.id, at: time) }
        }
        #expect(try team.posts(release.id).isEmpty)
        try team.spokesperson.scheduleRelease(id: release.id, at: time, channels: [.x])
        for wrong in [team.verifier, team.legal, team.otherSpokesperson] {
            #expect(throws: IdentityError.self) { try wrong.holdRelease(id: release.id) }
            #expect(throws: IdentityError.self) { try wrong.cancelRelease(id: release.id) }
            #expect(throws: IdentityError.self) { try wrong.rescheduleRelease(id: release.id, at: time) }
            #expect(throws: IdentityError.self) { try wrong.releaseNow(id: release.id) }
        }
        #expect(try team.posts(release.id).allSatisfy { $0.state == .scheduled && $0.scheduledAt == time })
        // Refusals leave no trace in the record; the one schedule does.
        #expect(try team.agency.logCount() == logBefore + 1)
        let entry = try #require(try team.log("release.schedule").last)
        #expect(entry.actorHandle == "sam")
        #expect(entry.change.contains("\"channels\":[\"x\"]"))
    }

    @Test(arguments: Storage.allCases) func anExercisePostGoesOnlyToTheExerciseOutbox(storage: Storage) throws {
        let team = try SchedulerTeam(exercise: true, storage: storage)
        let folder = team.agency.directory.appendingPathComponent("data")
        let layout = OutboxLayout(dataDirectory: folder)
        // A router whose live table would reach the public: the exercise post never uses it.
        let publicSide = SchedulerRecordingDeliverer()
        let router = DeliveryRouter(layout: layout, live: [.x: publicSide], exercise: [:])
        let scheduler = team.scheduler(router)
        let release = try team.approvedRelease()
        let post = try #require(try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.x]).first)
        #expect(post.isExercise)
        team.clock.set(SchedulerTeam.at(minutes: 5))
        #expect(try scheduler.tick().delivered == 1)
        #expect(publicSide.calls.isEmpty)
        let file = layout.channelDirectory(.x, isExercise: true).appendingPathComponent("\(post.id)-\(post.idempotencyKey).json")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("\"markedText\" : \"EXERCISE: "))
        #expect(!FileManager.default.fileExists(atPath: layout.outboxDirectory(isExercise: false).path))
    }
}
