import Foundation
import Testing
@testable import OneVoiceCore

/// Channels nobody posts to automatically are an honest hand-off; claims on channels without an idempotency key
/// are never sent twice.
@Suite("Scheduler hand-offs and held claims")
struct SchedulerHandOffTests {
    static let renditions = [
        "x": "Elm Street is closed between 1st and 3rd Avenue.",
        "nextdoor": "Elm Street is closed between 1st and 3rd Avenue. Use Oak Street instead.",
        "media": SchedulerTeam.text,
        "website": SchedulerTeam.text,
    ]

    static func router(_ folder: URL, live: [Channel: any Deliverer] = [:]) -> DeliveryRouter {
        let layout = OutboxLayout(dataDirectory: folder)
        return DeliveryRouter(layout: layout, live: live, exercise: [:])
    }

    /// A live release scheduled on Nextdoor (a hand-off channel) at minute 5, with an outbox folder.
    static func nextdoorRelease() throws -> (team: SchedulerTeam, folder: URL, release: Release, post: Post) {
        let team = try SchedulerTeam()
        let folder = try DeliveryFixture.temporaryDirectory()
        let release = try team.approvedRelease(renditions: Self.renditions)
        let post = try #require(try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.nextdoor]).first)
        return (team, folder, release, post)
    }

    @Test func aChannelWithoutSettingsIsToPostByHandThenOverdueThenMarkedPosted() throws {
        let (team, folder, release, post) = try Self.nextdoorRelease()
        defer { try? FileManager.default.removeItem(at: folder) }
        team.clock.set(SchedulerTeam.at(minutes: 5))
        let scheduler = team.scheduler(Self.router(folder))
        let report = try scheduler.tick()
        #expect(report.handedOff == 1 && report.delivered == 0)
        var current = try team.post(post.id)
        #expect(current.state == .handOff && current.state.label == "to post by hand")
        #expect(current.text == Self.renditions["nextdoor"], "the exact text to copy")
        let file = folder.appendingPathComponent("outbox/nextdoor/\(post.id)-\(post.idempotencyKey).json")
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(try team.status(release.id) == .scheduled, "not released until a person posts it")
        #expect(try team.drafter.upcomingPosts().contains { $0.id == post.id })

        // Within the grace window it is not overdue; past it, it is, and the board shows it.
        team.clock.set(SchedulerTeam.at(minutes: 14))
        _ = try scheduler.tick()
        #expect(try team.post(post.id).state == .handOff)
        team.clock.set(SchedulerTeam.at(minutes: 16))
        _ = try scheduler.tick()
        #expect(try team.post(post.id).state == .handOffOverdue)
        #expect(try team.log("post.hand_off_overdue").count == 1)
        let board = try team.database.read { try $0.boardPage(after: nil, limit: 10) }
        #expect(board.first { $0.incident.id == team.incident.id }?.postsNeedingAttention == 1)
        // Further ticks do not touch it again.
        _ = try scheduler.tick()
        #expect(try team.log("post.hand_off_overdue").count == 1)

        current = try team.drafter.markPosted(postID: post.id, url: "https://nextdoor.com/p/AbC123")
        #expect(current.state == .delivered && current.publicURL == "https://nextdoor.com/p/AbC123")
        #expect(try team.status(release.id) == .released)
        let attestation = try #require(try team.database.read { try $0.attestations(subjectType: "post", subjectID: post.id) }.first)
        #expect(attestation.verdict == "posted" && attestation.actorHandle == "dana")
        #expect(try team.log("post.mark_posted").last?.change.contains("nextdoor.com/p/AbC123") == true)
        #expect(try team.chainIsIntact())
    }

    @Test func anXAddressGivesTheIdACorrectionRepliesTo() throws {
        #expect(Workspace.platformID(in: "https://x.com/riverton_pd/status/1862334455667788990", channel: .x) == "1862334455667788990")
        #expect(Workspace.platformID(in: "https://twitter.com/riverton_pd/status/123?s=20", channel: .x) == "123")
        #expect(Workspace.platformID(in: "https://evil.example/x.com/status/123", channel: .x) == nil)
        #expect(Workspace.platformID(in: "https://x.com/riverton_pd/status/12a", channel: .x) == nil)
        #expect(Workspace.platformID(in: "https://x.com/riverton_pd/status/123", channel: .nextdoor) == nil)
    }

    @Test(arguments: ["", "   ", "javascript:alert(1)", "ftp://x.com/p", "https://x.com/a b", "https://x.com/\u{0}p", "https://\u{202E}x.com",
                      "https://user:pw@x.com/p", "x.com/p", "https://", String(repeating: "https://x.com/", count: 200), "https://x.com/p\nInjected: yes"])
    func aHostileAddressIsRefusedAndNothingChanges(_ url: String) throws {
        let (team, folder, _, post) = try Self.nextdoorRelease()
        defer { try? FileManager.default.removeItem(at: folder) }
        team.clock.set(SchedulerTeam.at(minutes: 5))
        _ = try team.scheduler(Self.router(folder)).tick()
        let before = try team.agency.logCount()
        #expect(throws: StoreError.self) { try team.drafter.markPosted(postID: post.id, url: url) }
        #expect(try team.post(post.id).state == .handOff)
        #expect(try team.agency.logCount() == before)
    }

    @Test func onlyAHandOffOrAPostToCheckCanBeMarkedAndOnlyByTheRightPeople() throws {
        let (team, folder, release, post) = try Self.nextdoorRelease()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: StoreError.self) { try team.drafter.markPosted(postID: post.id) }
        #expect(throws: StoreError.self) { try team.drafter.resendPost(postID: post.id) }
        #expect(throws: StoreError.self) { try team.drafter.markPosted(postID: 9999) }
        team.clock.set(SchedulerTeam.at(minutes: 5))
        _ = try team.scheduler(Self.router(folder)).tick()
        for wrong in [team.verifier, team.legal, team.otherSpokesperson] {
            #expect(throws: IdentityError.self) { try wrong.markPosted(postID: post.id) }
        }
        #expect(throws: (any Error).self) { try team.agency.stranger.markPosted(postID: post.id) }
        #expect(try team.post(post.id).state == .handOff)
        // A hand-off is not resent by "release now": a person posts it.
        #expect(throws: StoreError.self) { try team.drafter.releaseNow(id: release.id) }
        #expect(try team.drafter.markPosted(postID: post.id).state == .delivered)
    }

    @Test(arguments: Storage.allCases) func anExercisePostOnAChannelWithoutSettingsGoesToTheExerciseOutboxNotToAPerson(storage: Storage) throws {
        let team = try SchedulerTeam(exercise: true, storage: storage)
        let folder = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let release = try team.approvedRelease(renditions: Self.renditions)
        let post = try #require(try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.nextdoor]).first)
        team.clock.set(SchedulerTeam.at(minutes: 5))
        #expect(try team.scheduler(Self.router(folder)).tick().delivered == 1)
        #expect(try team.post(post.id).state == .delivered)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("outbox-exercise/nextdoor/\(post.id)-\(post.idempotencyKey).json").path))
    }

    /// A claim left by a scheduler killed mid-request: on X (no idempotency key) it is held, on the outbox it is redone.
    @Test(arguments: Storage.allCases) func aStaleClaimOnXIsHeldForAPersonAndNeverSent(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let server = try PlatformFakeServer(.x)
        defer { server.stop() }
        let release = try team.approvedRelease(renditions: Self.renditions)
        var post = try #require(try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.x]).first)
        try Self.leaveStaleClaim(&post, team: team)
        let report = try team.scheduler(server.deliverer(.x)).tick()
        #expect(report.needsCheck == 1 && report.delivered == 0)
        let held = try team.post(post.id)
        #expect(held.state == .needsCheck && held.claimedBy == nil)
        #expect(held.lastError?.contains("may have gone out") == true)
        #expect(try server.requests().isEmpty)
        #expect(try team.log("post.needs_check").count == 1)
        // The person checked and it is not there: resend sends it once.
        try team.spokesperson.resendPost(postID: post.id)
        #expect(try team.scheduler(server.deliverer(.x)).tick().delivered == 1)
        #expect(try server.creates().count == 1)
    }

    /// Issue #14 item 7: the media e-mail through sendmail is delivered at most once.
    @Test(arguments: Storage.allCases) func aStaleClaimOnSendmailIsHeldWithTheReasonAndTheCommandNeverRuns(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let folder = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A "sendmail" that records each run: it must never run.
        let marker = folder.appendingPathComponent("sendmail-ran")
        let command = folder.appendingPathComponent("sendmail")
        try Data("#!/bin/sh\ncat > /dev/null\necho ran >> '\(marker.path)'\n".utf8).write(to: command)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: command.path)
        let layout = OutboxLayout(dataDirectory: folder)
        let sendmail = SendmailDeliverer(layout: layout, settings: MediaListSettings(fromAddress: "pio@riverton.gov", contacts: ["desk@news.example"]),
                                         commandPath: command.path)
        let router = DeliveryRouter(layout: layout, live: [.media: sendmail], exercise: [:])
        let release = try team.approvedRelease(renditions: Self.renditions)
        var post = try #require(try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.media]).first)
        try Self.leaveStaleClaim(&post, team: team)
        let report = try team.scheduler(router).tick()
        #expect(report.needsCheck == 1)
        let held = try team.post(post.id)
        #expect(held.state == .needsCheck)
        #expect(held.lastError?.hasPrefix("A scheduler stopped while sending this to Media list") == true, "\(held.lastError ?? "")")
        team.clock.advance(by: 3600)
        _ = try team.scheduler(router).tick()
        #expect(!FileManager.default.fileExists(atPath: marker.path), "sendmail ran again after a crash")
        #expect(try team.post(post.id).state == .needsCheck)
    }

    @Test(arguments: Storage.allCases) func aStaleClaimOnTheOutboxIsStillRedoneWithTheSameKey(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let folder = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let release = try team.approvedRelease(renditions: Self.renditions)
        var post = try #require(try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.website]).first)
        try Self.leaveStaleClaim(&post, team: team)
        let outbox = OutboxDeliverer(layout: OutboxLayout(dataDirectory: folder))
        #expect(try team.scheduler(outbox).tick().delivered == 1)
        #expect(try team.post(post.id).state == .delivered)
    }

    /// What a scheduler killed between claim and record leaves: a claim older than twice the lease.
    static func leaveStaleClaim(_ post: inout Post, team: SchedulerTeam) throws {
        team.clock.set(SchedulerTeam.at(minutes: 5))
        post.state = .delivering
        post.claimedBy = "dead-scheduler"
        post.claimedAt = SchedulerTeam.at(minutes: 5)
        post.attempts = 1
        let claimed = post
        try team.database.writeLogged(as: team.drafter.identity!, action: "post.claim", subjectType: "post", subjectID: claimed.id,
                                      incidentID: claimed.incidentID) { try $0.updatePost(claimed) }
        team.clock.set(SchedulerTeam.at(minutes: 6))
    }
}
