import Foundation
import Synchronization
import Testing
@testable import OneVoiceCore

/// Several schedulers on one database: one delivers at a time, and a dead one's work is taken over.
@Suite("Scheduler: lease and takeover")
struct SchedulerLeaseTests {
    @Test(arguments: Storage.allCases) func onlyTheLeaseHolderDeliversAndTheOtherTakesOverWhenTheLeaseExpires(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        // Two processes (on a server, two machines): each its own connection to the same record.
        let otherDatabase = try team.agency.reopened(on: "other")
        let a = team.scheduler(deliverer, holder: "host-a:1")
        let b = team.scheduler(deliverer, holder: "host-b:2", database: otherDatabase)
        let first = try team.approvedRelease("First")
        let time = SchedulerTeam.at(minutes: 5)
        try team.drafter.scheduleRelease(id: first.id, at: time, channels: [.x, .website])

        team.clock.set(time)
        let reportA = try a.tick()
        let reportB = try b.tick()
        #expect(reportA.hadLease && reportA.delivered == 2)
        #expect(!reportB.hadLease && reportB.delivered == 0)
        #expect(try team.database.schedulerLease()?.holder == "host-a:1")

        // A keeps renewing while it runs; B stays idle.
        let second = try team.approvedRelease("Second")
        try team.drafter.scheduleRelease(id: second.id, at: time.addingTimeInterval(10), channels: [.x])
        team.clock.advance(by: 10)
        #expect(try b.tick().hadLease == false)
        #expect(try a.tick().delivered == 1)

        // A dies (no more ticks, no clean stop). Its lease runs out; B takes over.
        let third = try team.approvedRelease("Third")
        try team.drafter.scheduleRelease(id: third.id, at: time.addingTimeInterval(20), channels: [.x, .mastodon])
        team.clock.advance(by: 10)
        #expect(try b.tick().hadLease == false, "A's lease (renewed at +10 s for 15 s) still runs")
        team.clock.advance(by: 16)
        let takeover = try b.tick()
        #expect(takeover.hadLease && takeover.delivered == 2)
        #expect(try team.database.schedulerLease()?.holder == "host-b:2")
        // A comes back: it no longer holds the lease, and does nothing.
        #expect(try a.tick().hadLease == false)
        #expect(deliverer.postIDs.count == Set(deliverer.postIDs).count)
        #expect(deliverer.calls.count == 5)
    }

    @Test(arguments: Storage.allCases) func aCleanStopHandsTheLeaseOverAtOnce(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let a = team.scheduler(deliverer, holder: "a")
        let b = team.scheduler(deliverer, holder: "b")
        #expect(try a.tick().hadLease)
        #expect(try b.tick().hadLease == false)
        a.stop()
        #expect(try b.tick().hadLease)
    }

    @Test(arguments: Storage.allCases) func schedulersTickingAtOnceOnThreadsDeliverEachPostExactlyOnce(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        var releases: [Release] = []
        for n in 1...6 { releases.append(try team.approvedRelease("Release \(n)")) }
        var expected: Set<Int64> = []
        for (n, release) in releases.enumerated() {
            let posts = try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: Double(n)), channels: [.x, .mastodon, .website])
            expected.formUnion(posts.map(\.id))
        }
        team.clock.set(SchedulerTeam.at(minutes: 7))
        let schedulers = try (0..<4).map { n in
            team.scheduler(deliverer, holder: "s\(n)", database: try team.agency.reopened(on: "s\(n)"))
        }
        let runs = schedulers.map { scheduler in SchedulerBackgroundRun { try scheduler.tick().hadLease } }
        let holders = try runs.filter { try $0.value() }.count
        #expect(holders == 1)
        #expect(Set(deliverer.postIDs) == expected)
        #expect(deliverer.postIDs.count == expected.count)
        #expect(try team.chainIsIntact())
    }

    /// A scheduler that claimed a post and then hung or died before recording the result: the
    /// claim goes stale, another scheduler delivers it again with the same key, and the outbox
    /// (like a platform) drops the repeat. If the first one wakes up, its late result is ignored.
    @Test(arguments: Storage.allCases) func aStaleClaimIsTakenOverAndDeliveredAgainWithTheSameKey(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let folder = team.agency.directory.appendingPathComponent("data")
        let outbox = OutboxDeliverer(layout: OutboxLayout(dataDirectory: folder))
        let hung = Mutex(false)
        let wake = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        // A writes the file, then hangs before it can record anything.
        let stuck = SchedulerRecordingDeliverer(inner: outbox) { _ in
            guard hung.withLock({ let first = !$0; $0 = true; return first }) else { return }
            entered.signal()
            wake.wait()
        }
        let healthy = SchedulerRecordingDeliverer(inner: outbox)
        let a = team.scheduler(stuck, holder: "host-a:1")
        let b = team.scheduler(healthy, holder: "host-b:2", database: try team.agency.reopened(on: "other"))
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        let post = try #require(try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.x]).first)
        team.clock.set(time)

        let tickA = SchedulerBackgroundRun { try a.tick() }
        entered.wait()
        // Mid-delivery: the post is claimed by A and nobody else may touch it.
        let claimed = try team.post(post.id)
        #expect(claimed.state == .delivering && claimed.claimedBy == "host-a:1" && claimed.claimedAt == time)
        // A's editing protections hold while it is out: no edit of a release being delivered.
        #expect(throws: IdentityError.self) {
            try team.drafter.editRelease(id: release.id, text: SchedulerTeam.text + " More.")
        }
        // A's lease (15 s) has run out: B takes it, but A's claim is not stale yet (2 × 15 s).
        team.clock.advance(by: 20)
        let early = try b.tick()
        #expect(early.hadLease && early.delivered == 0)
        #expect(healthy.calls.isEmpty)
        team.clock.advance(by: 11)
        let report = try b.tick()
        #expect(report.delivered == 1)
        #expect(healthy.calls.map(\.idempotencyKey) == [post.idempotencyKey])
        #expect(healthy.calls == stuck.calls, "the same item, byte for byte")
        var done = try team.post(post.id)
        #expect(done.state == .delivered && done.attempts == 2 && done.claimedBy == nil)
        let delivered = try #require(try team.log("post.delivered").last)
        #expect(delivered.change.contains("\"repeat\":true"))

        // A wakes up: its result finds the claim gone and changes nothing.
        wake.signal()
        let late = try tickA.value()
        #expect(late.delivered == 0)
        done = try team.post(post.id)
        #expect(done.state == .delivered && done.deliveredAt == time.addingTimeInterval(31))
        #expect(try team.log("post.delivered").count == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("outbox/x").path)
        #expect(files == ["\(post.id)-\(post.idempotencyKey).json"])
        #expect(try team.chainIsIntact())
    }

    /// A delivery that takes longer than the lease (a slow server) must not make the next post's claim
    /// look old: another scheduler would take it over while this one is still sending it.
    @Test(arguments: Storage.allCases) func aSlowDeliveryDoesNotMakeTheNextClaimLookStale(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let clock = team.clock
        let calls = Mutex(0)
        let wake = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let slow = SchedulerRecordingDeliverer { _ in
            let n = calls.withLock { $0 += 1; return $0 }
            if n == 1 { clock.advance(by: 20) } // the first send takes 20 s
            if n == 2 { entered.signal(); wake.wait() } // the second is still going when B looks
        }
        let healthy = SchedulerRecordingDeliverer()
        let a = team.scheduler(slow, holder: "a")
        let b = team.scheduler(healthy, holder: "b", database: try team.agency.reopened(on: "other"))
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        let posts = try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.x, .mastodon])
        team.clock.set(time)
        let tickA = SchedulerBackgroundRun { try a.tick() }
        entered.wait()
        let second = try team.post(posts[1].id)
        #expect(second.state == .delivering && second.claimedAt == time.addingTimeInterval(20))
        team.clock.set(time.addingTimeInterval(31))
        try b.tick()
        #expect(healthy.calls.isEmpty, "A renewed its lease before claiming, and its claim is 11 s old")
        wake.signal()
        #expect(try tickA.value().delivered == 2)
        #expect(try team.posts(release.id).allSatisfy { $0.state == .delivered && $0.attempts == 1 })
    }

    /// The state a `kill -9` leaves behind, written directly: claimed, never recorded.
    @Test(arguments: Storage.allCases) func aClaimLeftByAKilledSchedulerIsNotTakenOverBeforeItIsStale(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let deliverer = SchedulerRecordingDeliverer()
        let release = try team.approvedRelease()
        let time = SchedulerTeam.at(minutes: 5)
        var post = try #require(try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.x]).first)
        post.state = .delivering
        post.claimedBy = "dead:99"
        post.claimedAt = time
        post.attempts = 1
        try team.database.writeLogged(as: team.drafter.identity!, action: "post.claim") { try $0.updatePost(post) }
        let scheduler = team.scheduler(deliverer, holder: "alive:1")
        team.clock.set(time.addingTimeInterval(30))
        try scheduler.tick()
        #expect(deliverer.calls.isEmpty, "a claim exactly 2 × lease old is not yet stale")
        team.clock.set(time.addingTimeInterval(31))
        #expect(try scheduler.tick().delivered == 1)
        #expect(deliverer.calls.map(\.idempotencyKey) == [post.idempotencyKey])
        #expect(try team.post(post.id).attempts == 2)
    }
}
