import Foundation
import Testing
@testable import OneVoiceCore

/// Timed release: what goes out, when, how often, and what the record says about it.
@Suite("Scheduler: timed delivery")
struct SchedulerDeliveryTests {
    @Test(arguments: Storage.allCases) func anApprovedReleaseGoesOutAtItsTimeNotBeforeOncePerChannelAsked(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        let posts = try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.x, .mastodon])
        #expect(posts.map(\.channel) == [.x, .mastodon])
        #expect(try team.status(release.id) == .scheduled)

        team.clock.set(time.addingTimeInterval(-1))
        #expect(try scheduler.tick().delivered == 0)
        #expect(deliverer.calls.isEmpty)

        team.clock.set(time)
        let report = try scheduler.tick()
        #expect(report.delivered == 2)
        #expect(Set(deliverer.postIDs) == Set(posts.map(\.id)))
        // Only the channels asked for: the website rendition was not scheduled.
        #expect(Set(deliverer.calls.map(\.channel)) == [.x, .mastodon])
        for call in deliverer.calls {
            let post = try team.post(call.postID)
            #expect(call.idempotencyKey == post.idempotencyKey)
            #expect(call.text == SchedulerTeam.renditions[post.channel.slug])
            #expect(call.sentAt == time)
            #expect(post.state == .delivered)
            #expect(post.deliveredAt == time)
            #expect(post.externalID == "ext-\(post.id)")
            #expect(post.claimedBy == nil && post.claimedAt == nil)
        }
        #expect(try team.status(release.id) == .released)

        // Later ticks send nothing again.
        team.clock.advance(by: 3600)
        try scheduler.tick()
        #expect(deliverer.calls.count == 2)
        #expect(try team.log("post.delivered").map(\.subjectID).sorted() == posts.map(\.id).sorted())
        #expect(try team.log("release.released").map(\.subjectID) == [release.id])
        #expect(try team.chainIsIntact())
    }

    @Test(arguments: Storage.allCases) func releasesGoOutInTimeOrderWithinATickAndAcrossTicks(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let late = try team.approvedRelease("Late")
        let early = try team.approvedRelease("Early")
        let middle = try team.approvedRelease("Middle")
        let lateTimes = try team.drafter.scheduleRelease(id: late.id, at: SchedulerTeam.at(minutes: 30), channels: [.x, .website])
        let earlyPosts = try team.drafter.scheduleRelease(id: early.id, at: SchedulerTeam.at(minutes: 10), channels: [.website, .x])
        let middlePosts = try team.drafter.scheduleRelease(id: middle.id, at: SchedulerTeam.at(minutes: 12), channels: [.mastodon])

        // One tick after both the early and the middle time: the earlier one still goes first.
        team.clock.set(SchedulerTeam.at(minutes: 13))
        #expect(try scheduler.tick().delivered == 3)
        #expect(Array(deliverer.postIDs.prefix(2)).sorted() == earlyPosts.map(\.id).sorted())
        #expect(deliverer.postIDs.last == middlePosts[0].id)
        #expect(try team.status(late.id) == .scheduled)

        team.clock.set(SchedulerTeam.at(minutes: 30))
        #expect(try scheduler.tick().delivered == 2)
        #expect(Array(deliverer.postIDs.suffix(2)).sorted() == lateTimes.map(\.id).sorted())
        // Each post exactly once, each with its own key.
        #expect(deliverer.postIDs.count == Set(deliverer.postIDs).count)
        #expect(Set(deliverer.calls.map(\.idempotencyKey)).count == 5)
        for id in [late.id, early.id, middle.id] { #expect(try team.status(id) == .released) }
        #expect(try team.log("release.released").map(\.subjectID) == [early.id, middle.id, late.id])
        #expect(try team.chainIsIntact())
    }

    @Test(arguments: Storage.allCases) func anEditAfterSchedulingMakesThePostsMissedAndNothingGoesOutUntilApprovedAgain(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.x, .website])
        try team.drafter.editRelease(id: release.id, text: SchedulerTeam.text + " Oak Street is open.",
                                     renditions: SchedulerTeam.renditions.merging(["x": "Elm Street is closed; Oak Street is open."]) { $1 })
        #expect(try team.status(release.id) == .draft)

        team.clock.set(time)
        let report = try scheduler.tick()
        #expect(report.missed == 2)
        #expect(report.delivered == 0)
        #expect(deliverer.calls.isEmpty)
        for post in try team.posts(release.id) {
            #expect(post.state == .missed)
            #expect(post.state.label == "missed: awaiting sign-off")
        }
        #expect(try team.log("post.missed").count == 2)
        // Missed posts stay missed: later ticks neither send nor log them again.
        team.clock.advance(by: 120)
        try scheduler.tick()
        #expect(deliverer.calls.isEmpty)
        #expect(try team.log("post.missed").count == 2)
        // A person cannot push them out while the release is unapproved either.
        #expect(throws: IdentityError.self) { try team.drafter.releaseNow(id: release.id) }
        try scheduler.tick()
        #expect(deliverer.calls.isEmpty)
        #expect(try team.posts(release.id).allSatisfy { $0.state == .missed })

        // Approved again, then rescheduled: it goes out, with the new revision's text.
        try team.approve(release.id)
        #expect(try team.status(release.id) == .scheduled)
        let newTime = SchedulerTeam.at(minutes: 20)
        try team.drafter.rescheduleRelease(id: release.id, at: newTime)
        team.clock.set(newTime)
        #expect(try scheduler.tick().delivered == 2)
        #expect(deliverer.calls.first { $0.channel == .x }?.text == "Elm Street is closed; Oak Street is open.")
        #expect(try team.posts(release.id).allSatisfy { $0.state == .delivered && $0.revisionNumber == 2 })
        #expect(try team.status(release.id) == .released)
        #expect(try team.chainIsIntact())
    }

    @Test(arguments: Storage.allCases) func anEditWhileInReviewAtTheTimeIsMissedToo(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.x])
        try team.drafter.editRelease(id: release.id, text: SchedulerTeam.text + " Oak Street is open.", renditions: SchedulerTeam.renditions)
        try team.drafter.submitRelease(id: release.id)
        team.clock.set(SchedulerTeam.at(minutes: 5))
        #expect(try scheduler.tick().missed == 1)
        #expect(deliverer.calls.isEmpty)
    }

    @Test(arguments: Storage.allCases) func overdueBeyondTheGraceWindowWaitsForAPersonThenGoesOutWhenConfirmed(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.x, .website])

        // The scheduler was down: it comes back 11 minutes after the time (grace is 10).
        team.clock.set(time.addingTimeInterval(11 * 60))
        let report = try scheduler.tick()
        #expect(report.awaitingConfirmation == 2)
        #expect(deliverer.calls.isEmpty)
        #expect(try team.posts(release.id).allSatisfy { $0.state == .awaitingConfirmation })
        #expect(try team.log("post.overdue").count == 2)
        team.clock.advance(by: 60)
        try scheduler.tick()
        #expect(deliverer.calls.isEmpty)

        // A person confirms: it goes out on the next tick, marked with the time it really went.
        try team.drafter.releaseNow(id: release.id)
        let confirmedAt = team.clock.now()
        #expect(try scheduler.tick().delivered == 2)
        #expect(deliverer.calls.allSatisfy { $0.sentAt == confirmedAt })
        #expect(try team.status(release.id) == .released)
        #expect(try team.chainIsIntact())
    }

    @Test(arguments: Storage.allCases) func overdueWithinTheGraceWindowStillGoesOut(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.x])
        team.clock.set(time.addingTimeInterval(5 * 60))
        #expect(try scheduler.tick().delivered == 1)
        #expect(deliverer.calls.first?.sentAt == time)
        // Exactly at the edge of the window it still goes.
        let second = try team.approvedRelease("Second")
        try team.drafter.scheduleRelease(id: second.id, at: time, channels: [.x])
        team.clock.set(time.addingTimeInterval(600))
        #expect(try scheduler.tick().delivered == 1)
    }

    @Test(arguments: Storage.allCases) func aRetryableFailureIsRetriedAfterTheBackoffAndThenDelivered(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let policy = RetryPolicy(initialDelay: 30, multiplier: 2, maximumDelay: 300, maximumAttempts: 5)
        let scheduler = team.scheduler(deliverer) { $0.retry = policy }
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        let post = try #require(try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.mastodon]).first)
        deliverer.fail(2, with: .unreachable(service: "Mastodon", reason: "connection refused"))

        team.clock.set(time)
        #expect(try scheduler.tick().failed == 1)
        var failed = try team.post(post.id)
        #expect(failed.state == .failed)
        #expect(failed.attempts == 1)
        #expect(failed.nextAttemptAt == time.addingTimeInterval(30))
        #expect(failed.lastError?.contains("could not be reached") == true)
        #expect(try team.status(release.id) == .scheduled)

        // Not before the next attempt time.
        team.clock.set(time.addingTimeInterval(29))
        try scheduler.tick()
        #expect(deliverer.calls.count == 1)
        team.clock.set(time.addingTimeInterval(30))
        #expect(try scheduler.tick().failed == 1)
        failed = try team.post(post.id)
        #expect(failed.attempts == 2)
        #expect(failed.nextAttemptAt == time.addingTimeInterval(30 + 60))

        team.clock.set(time.addingTimeInterval(90))
        #expect(try scheduler.tick().delivered == 1)
        let delivered = try team.post(post.id)
        #expect(delivered.state == .delivered)
        #expect(delivered.attempts == 3)
        #expect(delivered.lastError == nil && delivered.nextAttemptAt == nil)
        // Every attempt carried the same key and the same bytes.
        #expect(Set(deliverer.calls.map(\.idempotencyKey)) == [post.idempotencyKey])
        #expect(Set(deliverer.calls).count == 1)
        #expect(try team.log("post.failed").count == 2)
        #expect(try team.status(release.id) == .released)
        #expect(try team.chainIsIntact())
    }

    @Test(arguments: Storage.allCases) func aServersRetryAfterIsHonouredAndAttemptsRunOut(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer) { $0.retry = RetryPolicy(initialDelay: 1, maximumDelay: 300, maximumAttempts: 2) }
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        let post = try #require(try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.mastodon]).first)
        deliverer.fail(5, with: .http(service: "Mastodon", status: 429, detail: "slow down", retryAfter: 120))
        team.clock.set(time)
        try scheduler.tick()
        #expect(try team.post(post.id).nextAttemptAt == time.addingTimeInterval(120))
        team.clock.set(time.addingTimeInterval(120))
        try scheduler.tick()
        // The second failure used up the attempts: it waits for a person.
        let stuck = try team.post(post.id)
        #expect(stuck.state == .failed)
        #expect(stuck.nextAttemptAt == nil)
        team.clock.advance(by: 3600)
        try scheduler.tick()
        #expect(deliverer.calls.count == 2)
    }

    @Test(arguments: Storage.allCases) func aNonRetryableFailureStaysFailedWithItsReason(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        let posts = try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.x, .mastodon])
        deliverer.fail(1, with: .http(service: "Mastodon", status: 401, detail: "The access token is invalid", retryAfter: nil))
        team.clock.set(time)
        let report = try scheduler.tick()
        #expect(report.failed == 1 && report.delivered == 1)
        let failed = try #require(try team.posts(release.id).first { $0.state == .failed })
        #expect(failed.id == posts.first { $0.channel == deliverer.calls[0].channel }?.id)
        #expect(failed.nextAttemptAt == nil)
        #expect(failed.lastError == "Mastodon answered HTTP 401: The access token is invalid; check the access token or shared secret.")
        // Shown on the board: still among the upcoming posts, with its error.
        #expect(try team.drafter.upcomingPosts().contains { $0.id == failed.id && $0.lastError != nil })
        team.clock.advance(by: 86400)
        try scheduler.tick()
        #expect(deliverer.calls.count == 2)
        // Not every post went out: the release is not released.
        #expect(try team.status(release.id) == .scheduled)

        // A person fixes the token and sends it now: it goes out with the same key.
        try team.drafter.releaseNow(id: release.id)
        #expect(try scheduler.tick().delivered == 1)
        #expect(deliverer.calls.last?.idempotencyKey == failed.idempotencyKey)
        #expect(try team.status(release.id) == .released)
    }

    @Test(arguments: Storage.allCases) func aRenditionOverTheLimitAtSendNeverGoesOutAndIsNotRetried(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        // The limit in force when it is sent is tighter than when it was approved (the agency changed it).
        let scheduler = team.scheduler(deliverer) { $0.limits = ChannelLimits([.x: 20]) }
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.x, .website])
        team.clock.set(time)
        let report = try scheduler.tick()
        #expect(report.delivered == 1)
        #expect(deliverer.calls.map(\.channel) == [.website])
        let x = try #require(try team.posts(release.id).first { $0.channel == .x })
        #expect(x.state == .failed)
        #expect(x.nextAttemptAt == nil)
        #expect(x.attempts == 0)
        #expect(x.lastError?.isEmpty == false)
        team.clock.advance(by: 3600)
        try scheduler.tick()
        #expect(deliverer.calls.count == 1)
        #expect(try team.log("post.failed").count == 1)
        #expect(try team.status(release.id) == .scheduled)
    }

    @Test(arguments: Storage.allCases) func aChannelDroppedByALaterRevisionIsNotSentWithTheOldText(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let scheduler = team.scheduler(deliverer)
        let release = try team.approvedRelease()
        try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.x, .website])
        // The new revision has no X text any more; it is approved.
        try team.drafter.reviseRelease(id: release.id, text: SchedulerTeam.text, renditions: ["website": SchedulerTeam.text])
        try team.approve(release.id)
        team.clock.set(SchedulerTeam.at(minutes: 5))
        try scheduler.tick()
        #expect(deliverer.calls.map(\.channel) == [.website])
        let x = try #require(try team.posts(release.id).first { $0.channel == .x })
        #expect(x.state == .failed)
        #expect(x.nextAttemptAt == nil)
        #expect(x.lastError?.contains("X") == true)
    }
}
