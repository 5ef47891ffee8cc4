import Foundation
import Testing
@testable import OneVoiceCore

/// X, Bluesky and Facebook through the scheduler, each against its fake server on 127.0.0.1, which checks every
/// request against the platform's published shapes (see `PlatformFakeServer`).
@Suite("Posting to platforms", .serialized)
struct PlatformDeliveryTests {
    typealias Platform = PlatformFakeServer.Platform
    static let all: [Platform] = [.x, .bluesky, .facebook]

    static let renditions = [
        "x": "Elm Street is closed between 1st and 3rd Avenue. Details: riverton.gov/news/7",
        "bluesky": "Elm Street is closed between 1st and 3rd Avenue. Details: https://riverton.gov/news/7 #RivertonAlert",
        "facebook": "Elm Street is closed between 1st and 3rd Avenue. Use Oak Street instead. Details: https://riverton.gov/news/7",
        "website": SchedulerTeam.text,
    ]

    struct Setup {
        let team: SchedulerTeam
        let server: PlatformFakeServer
        let scheduler: Scheduler
        let post: Post
        let release: Release
    }

    static func channel(_ platform: Platform) -> Channel { Channel(rawValue: platform.rawValue)! }

    static func setUp(_ platform: Platform, plan: [String] = ["ok"], reset: Date? = nil, exercise: Bool = false) throws -> Setup {
        let team = try SchedulerTeam(exercise: exercise)
        let server = try PlatformFakeServer(platform, plan: plan, rateLimitReset: reset)
        let release = try team.approvedRelease(renditions: renditions)
        let post = try #require(try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [channel(platform)]).first)
        team.clock.set(SchedulerTeam.at(minutes: 5))
        return Setup(team: team, server: server, scheduler: team.scheduler(server.deliverer(platform)), post: post, release: release)
    }

    @Test(arguments: all) func aPostGoesOutOnceAndItsIdAndAddressAreKept(_ platform: Platform) throws {
        let s = try Self.setUp(platform)
        defer { s.server.stop() }
        let report = try s.scheduler.tick()
        #expect(report.delivered == 1)
        let post = try s.team.post(s.post.id)
        #expect(post.state == .delivered)
        let creates = try s.server.creates()
        #expect(creates.count == 1)
        let problems = try s.server.problems()
        #expect(problems.isEmpty, "\(problems)")
        switch platform {
        case .x:
            #expect(PlatformFakeServer.json(creates[0])["text"] as? String == Self.renditions["x"])
            #expect(post.externalID == "1862334455667788001")
            #expect(post.publicURL == "https://x.com/i/web/status/1862334455667788001")
        case .bluesky:
            #expect(post.externalID == "at://\(PlatformFakeServer.did)/app.bsky.feed.post/3kpost1")
            #expect(post.externalCID == "bafyreicid1")
            #expect(post.publicURL == "https://bsky.app/profile/\(PlatformFakeServer.did)/post/3kpost1")
            let record = PlatformFakeServer.json(creates[0])["record"] as? [String: Any] ?? [:]
            #expect((record["facets"] as? [Any])?.count == 2, "the link and the tag")
        case .facebook:
            #expect(creates[0]["path"] as? String == "/\(PlatformFakeServer.pageID)/feed")
            #expect(post.externalID == "\(PlatformFakeServer.pageID)_900001")
            #expect(post.publicURL == "https://www.facebook.com/\(PlatformFakeServer.pageID)_900001")
        }
        // The claim is in the record before the request; the answer after it, with the address.
        let sending = try #require(try s.team.log("post.claim").last)
        let delivered = try #require(try s.team.log("post.delivered").last)
        #expect(sending.seq < delivered.seq)
        #expect(delivered.change.contains(post.publicURL ?? "-"))
        #expect(try s.team.status(s.release.id) == .released)
        // Secrets never reach the record.
        let everything = try s.team.database.read { try $0.logPage(limit: 10_000) }.map(\.change).joined()
        #expect(!everything.contains(PlatformFakeServer.token) && !everything.contains(PlatformFakeServer.appPassword)
                && !everything.contains(PlatformFakeServer.accessJwt))
    }

    @Test(arguments: all) func aRateLimitWaitsForTheResetAndThenPostsExactlyOnce(_ platform: Platform) throws {
        let reset = SchedulerTeam.at(minutes: 7)
        let s = try Self.setUp(platform, plan: ["429", "ok"], reset: reset)
        defer { s.server.stop() }
        #expect(try s.scheduler.tick().failed == 1)
        var post = try s.team.post(s.post.id)
        #expect(post.state == .failed)
        // X and Bluesky name the reset time; Facebook's rate-limit error gives Retry-After (60 s).
        let expected = platform == .facebook ? SchedulerTeam.at(minutes: 6) : reset
        #expect(post.nextAttemptAt == expected)
        #expect(post.lastError?.contains("tried again when the limit resets") == true)
        // Before the reset nothing is tried.
        s.team.clock.set(expected.addingTimeInterval(-1))
        #expect(try s.scheduler.tick().delivered == 0)
        #expect(try s.server.creates().count == 1)
        s.team.clock.set(expected)
        #expect(try s.scheduler.tick().delivered == 1)
        post = try s.team.post(s.post.id)
        #expect(post.state == .delivered)
        let creates = try s.server.creates()
        #expect(creates.count == 2)
        #expect(creates.filter { $0["step"] as? String == "ok" }.count == 1, "exactly one post was created")
        #expect(try s.team.log("post.delivered").count == 1)
        let problems = try s.server.problems()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(arguments: all) func aResetBeyondTheGraceWindowWaitsForAPerson(_ platform: Platform) throws {
        guard platform != .facebook else { return } // Facebook gives no reset time, only Retry-After
        let s = try Self.setUp(platform, plan: ["429"], reset: SchedulerTeam.at(minutes: 60))
        defer { s.server.stop() }
        _ = try s.scheduler.tick()
        #expect(try s.team.post(s.post.id).state == .awaitingConfirmation)
    }

    @Test(arguments: all) func refusedCredentialsHoldThePostAndTurnTheBoardRed(_ platform: Platform) throws {
        let s = try Self.setUp(platform, plan: ["401"])
        defer { s.server.stop() }
        _ = try s.scheduler.tick()
        let post = try s.team.post(s.post.id)
        #expect(post.state == .credentialsExpired)
        let name = Self.channel(platform).displayName
        #expect(post.lastError?.hasPrefix("Credentials expired for \(name)") == true, "\(post.lastError ?? "")")
        #expect(post.lastError?.contains(PlatformFakeServer.token) == false)
        #expect(post.lastError?.contains(PlatformFakeServer.accessJwt) == false)
        let board = try s.team.database.read { try $0.boardPage(after: nil, limit: 10) }
        #expect(board.first { $0.incident.id == s.team.incident.id }?.postsNeedingAttention == 1)
        // Held: later ticks send nothing until a person resends it.
        s.team.clock.advance(by: 3600)
        _ = try s.scheduler.tick()
        #expect(try s.server.creates().count == 1)
        try s.team.drafter.resendPost(postID: post.id)
        #expect(try s.team.post(post.id).state == .scheduled)
        #expect(try s.team.log("post.resend").last?.actorHandle == "dana")
    }

    @Test(arguments: all) func aTimeoutAfterTheBodyArrivedIsHeldAndNeverResent(_ platform: Platform) throws {
        let s = try Self.setUp(platform, plan: ["hang"])
        defer { s.server.stop() }
        let report = try s.scheduler.tick()
        #expect(report.needsCheck == 1)
        var post = try s.team.post(s.post.id)
        #expect(post.state == .needsCheck)
        #expect(post.lastError?.contains("it was not sent again") == true, "\(post.lastError ?? "")")
        #expect(try s.server.creates().count == 1)
        for _ in 0..<3 {
            s.team.clock.advance(by: 3600)
            _ = try s.scheduler.tick()
        }
        #expect(try s.server.creates().count == 1, "an ambiguous post was sent again")
        #expect(try s.team.post(post.id).state == .needsCheck)
        // A person finds it on the platform and marks it sent (signed, logged).
        post = try s.team.spokesperson.markPosted(postID: post.id, url: "https://example.social/p/1")
        #expect(post.state == .delivered && post.publicURL == "https://example.social/p/1")
        #expect(try s.team.log("post.mark_posted").last?.actorHandle == "sam")
        #expect(try s.team.log("attest.posted").count == 1)
        #expect(try s.team.status(s.release.id) == .released)
        #expect(try s.team.chainIsIntact())
    }

    @Test(arguments: all) func aConnectionClosedAfterTheBodyArrivedIsHeldAndNeverResent(_ platform: Platform) throws {
        let s = try Self.setUp(platform, plan: ["drop"])
        defer { s.server.stop() }
        #expect(try s.scheduler.tick().needsCheck == 1)
        let post = try s.team.post(s.post.id)
        #expect(post.state == .needsCheck)
        #expect(post.lastError?.contains("it was not sent again") == true, "\(post.lastError ?? "")")
        s.team.clock.advance(by: 3600)
        _ = try s.scheduler.tick()
        #expect(try s.server.creates().count == 1, "a post whose answer was lost was sent again")
    }

    @Test(arguments: all) func aCorrectionFollowsTheOriginalAsAReplyAndAThread(_ platform: Platform) throws {
        let s = try Self.setUp(platform)
        defer { s.server.stop() }
        #expect(try s.scheduler.tick().delivered == 1)
        let original = try s.team.post(s.post.id)
        var parent = original
        for n in 1...2 {
            let correction = try s.team.drafter.createRelease(incidentID: s.team.incident.id, title: "CORRECTION \(n)", text: SchedulerTeam.text,
                                                              renditions: Self.renditions, kind: .correction, parentID: parent.releaseID)
            try s.team.approve(correction.id)
            let at = SchedulerTeam.at(minutes: 5 + Double(n))
            let post = try #require(try s.team.drafter.scheduleRelease(id: correction.id, at: at, channels: [Self.channel(platform)]).first)
            s.team.clock.set(at)
            #expect(try s.scheduler.tick().delivered == 1)
            let request = try #require(try s.server.creates().last)
            let body = PlatformFakeServer.json(request)
            switch platform {
            case .x:
                #expect((body["reply"] as? [String: Any])?["in_reply_to_tweet_id"] as? String == parent.externalID)
            case .bluesky:
                let reply = (body["record"] as? [String: Any])?["reply"] as? [String: Any]
                let root = reply?["root"] as? [String: String], replyParent = reply?["parent"] as? [String: String]
                #expect(root == ["uri": original.externalID ?? "", "cid": original.externalCID ?? ""])
                #expect(replyParent == ["uri": parent.externalID ?? "", "cid": parent.externalCID ?? ""])
            case .facebook:
                #expect(request["path"] as? String == "/\(parent.externalID ?? "")/comments")
            }
            parent = try s.team.post(post.id)
            #expect(parent.state == .delivered)
        }
        let problems = try s.server.problems()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(arguments: all) func anExercisePostNeverReachesThePlatform(_ platform: Platform) throws {
        let s = try Self.setUp(platform, exercise: true)
        defer { s.server.stop() }
        _ = try s.scheduler.tick()
        let post = try s.team.post(s.post.id)
        #expect(post.state == .failed && post.nextAttemptAt == nil)
        #expect(post.lastError?.hasPrefix("This is an exercise post") == true)
        // The client itself refuses, whatever the wiring.
        let item = DeliveryFixture.item(channel: Self.channel(platform), isExercise: true)
        #expect(throws: DeliveryError.exerciseNotSent(channel: Self.channel(platform))) { try s.server.deliverer(platform).deliver(item) }
        #expect(try s.server.requests().isEmpty, "an exercise request reached the platform")
    }

    @Test(arguments: all) func channelTestChecksTheCredentialsWithoutPosting(_ platform: Platform) throws {
        let server = try PlatformFakeServer(platform)
        defer { server.stop() }
        let said: String
        switch server.deliverer(platform) {
        case let x as XDeliverer: said = try x.check()
        case let bluesky as BlueskyDeliverer: said = try bluesky.check()
        case let facebook as FacebookDeliverer: said = try facebook.check()
        default: Issue.record("no client"); return
        }
        #expect(!said.isEmpty)
        #expect(try server.creates().isEmpty)
        #expect(try server.requests().count == 1)
        let problems = try server.problems()
        #expect(problems.isEmpty, "\(problems)")
        let wrong = DeliverySecrets(xToken: "wrong-token-1", blueskyAppPassword: "wrong-pass-1", facebookToken: "wrong-token-1")
        let refused: any Deliverer = switch platform {
        case .x: XDeliverer(apiBase: server.base, secrets: wrong, timeout: 2)
        case .bluesky: BlueskyDeliverer(service: server.base, handle: "rivertonpd.bsky.social", secrets: wrong, timeout: 2)
        case .facebook: FacebookDeliverer(graphBase: server.base, pageID: PlatformFakeServer.pageID, secrets: wrong, timeout: 2)
        }
        do {
            switch refused {
            case let x as XDeliverer: _ = try x.check()
            case let bluesky as BlueskyDeliverer: _ = try bluesky.check()
            case let facebook as FacebookDeliverer: _ = try facebook.check()
            default: break
            }
            Issue.record("wrong credentials were accepted")
        } catch {
            #expect(error.description.hasPrefix("Credentials expired for"), "\(error.description)")
            #expect(!error.description.contains("wrong-"))
        }
    }

    @Test(arguments: ["EXERCISE: Elm Street is closed.", "ＥＸＥＲＣＩＳＥ — Elm Street is closed.", "\u{200B}EXER\u{200D}CISE Elm Street",
                      "*** EXERCISE *** Elm Street is closed.", "  [EXERCISE] drill"])
    func aLiveFlaggedItemMarkedAsADrillIsRefusedToo(_ text: String) throws {
        for platform in Self.all {
            let server = try PlatformFakeServer(platform)
            defer { server.stop() }
            let item = DeliveryFixture.item(channel: Self.channel(platform), isExercise: false, text: text)
            #expect(throws: DeliveryError.exerciseNotSent(channel: Self.channel(platform))) { try server.deliverer(platform).deliver(item) }
            #expect(try server.requests().isEmpty)
        }
        // Ordinary words are not a marker.
        #expect(!DeliveryItem.startsWithExerciseMarker("Exercise caution near Elm Street."))
        #expect(!DeliveryItem.startsWithExerciseMarker("EXERCISES at the park are cancelled."))
    }

    @Test(arguments: all) func aRowSetBackToScheduledByHandDoesNotPostTwice(_ platform: Platform) throws {
        let s = try Self.setUp(platform)
        defer { s.server.stop() }
        #expect(try s.scheduler.tick().delivered == 1)
        // Someone edits the row back to "scheduled" (the sqlite3 shell, a bad restore).
        try s.team.agency.sqlite("UPDATE post SET state = 'scheduled', attempts = 0 WHERE id = \(s.post.id)")
        s.team.clock.advance(by: 60)
        let report = try s.scheduler.tick()
        #expect(report.delivered == 0 && report.needsCheck == 1)
        #expect(try s.server.creates().count == 1, "a delivered post went out twice")
        let post = s.post
        #expect(try s.team.post(post.id).lastError?.hasPrefix("The records log says this post already went out") == true)
        // The release went out: it cannot be sent again; a person who finds the post marks it sent.
        #expect(throws: IdentityError.self) { try s.team.drafter.resendPost(postID: post.id) }
        #expect(try s.team.drafter.markPosted(postID: post.id).state == .delivered)
        #expect(try s.server.creates().count == 1)
    }
}
