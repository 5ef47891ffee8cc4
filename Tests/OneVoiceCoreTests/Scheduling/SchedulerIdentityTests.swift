import Foundation
import Testing
@testable import OneVoiceCore

/// Identifiers are stored at the first delivery and never recomputed; LIVE never goes out under a
/// placeholder identity; CAP fields are chosen per release.
@Suite("Scheduler: published identities and CAP fields")
struct SchedulerIdentityTests {
    static let renditions = ["cap": "Elm Street is closed between 1st and 3rd Avenue.", "x": "Elm Street is closed."]

    func capRelease(_ team: SchedulerTeam) throws -> Release {
        try team.approvedRelease(renditions: Self.renditions)
    }

    func scheduler(_ team: SchedulerTeam, sender: String, recorder: SchedulerRecordingDeliverer) -> Scheduler {
        team.scheduler(recorder) { configuration in
            configuration.capSender = sender
            configuration.identities = PublishedIdentity.Minter(feedTagAuthority: "\(sender),2026", mediaDomain: sender)
        }
    }

    @Test func aCAPUpdateReferencesTheIdentifierThatWasSentWhateverTheSettingsSayNow() throws {
        let team = try SchedulerTeam()
        let layout = OutboxLayout(dataDirectory: team.agency.directory)
        let first = SchedulerRecordingDeliverer(inner: CAPDeliverer(layout: layout))
        let original = try capRelease(team)
        let sent = SchedulerTeam.at(minutes: 5)
        try team.drafter.scheduleRelease(id: original.id, at: sent, channels: [.cap])
        team.clock.set(sent)
        #expect(try scheduler(team, sender: "pio.a.example", recorder: first).tick().delivered == 1)
        let stored = try #require(try team.database.read { try $0.publishedIdentity(releaseID: original.id, channel: .cap) })
        #expect(stored.value == "pio.a.example.release.\(original.id)")
        #expect(stored.sentAt == sent)
        #expect(try team.log("post.identity").count == 1)

        // The sender changes; the update still points at what went out.
        let update = try team.drafter.followUpRelease(of: original.id, kind: .update)
        try team.drafter.editRelease(id: update.id, text: "Elm Street has reopened. The all clear has been given. The investigation is ongoing, and more information will follow.",
                                     renditions: ["cap": "Elm Street has reopened."])
        try team.approve(update.id)
        let later = SchedulerTeam.at(minutes: 30)
        try team.drafter.scheduleRelease(id: update.id, at: later, channels: [.cap])
        team.clock.set(later)
        let second = SchedulerRecordingDeliverer(inner: CAPDeliverer(layout: layout))
        #expect(try scheduler(team, sender: "pio.b.example", recorder: second).tick().delivered == 1)
        let call = try #require(second.calls.first)
        #expect(call.referencedCAPIdentifier == stored.value)
        #expect(call.referencedSentAt == sent)
        let xml = try CAPAlertWriter.xml(for: call)
        #expect(xml.contains("<references>pio.a.example,pio.a.example.release.\(original.id),"))
        #expect(xml.contains("<msgType>Update</msgType>"))
        // An all-clear does not stay urgent.
        #expect(xml.contains("<urgency>Past</urgency>"))
        #expect(xml.contains("<expires>"))

        // The original's item, built again today, keeps its first identifier.
        let item = try team.database.read { session -> DeliveryItem in
            let post = try #require(try session.posts(releaseID: original.id).first)
            return try DeliveryItem(post: post, release: try #require(try session.release(id: original.id)),
                                    incident: team.incident, agency: try #require(try session.agency()), sentAt: sent,
                                    capSender: "pio.c.example", releaseURLPattern: nil, session: session)
        }
        #expect(item.publishedID == stored.value)
        #expect(try CAPAlertWriter.xml(for: item).contains("<identifier>\(stored.value)</identifier>"))
        #expect(try team.chainIsIntact())
    }

    @Test func capFieldsAreChosenPerReleaseAndNeedANewApproval() throws {
        let team = try SchedulerTeam()
        let original = try capRelease(team)
        let revision = try team.drafter.revision(releaseID: original.id)
        // Defaults from the incident's kind (a road closure) for an original release.
        #expect(revision.cap == CAPFields(urgency: "Expected", severity: "Minor", certainty: "Observed", msgType: "Alert"))

        let expires = SchedulerTeam.at(minutes: 240)
        let cap = CAPFields(urgency: "Immediate", severity: "Severe", certainty: "Likely", msgType: "Alert", expires: expires)
        let edited = try team.drafter.editRelease(id: original.id, text: revision.text, renditions: revision.renditions, cap: cap)
        #expect(edited.cap == cap)
        #expect(edited.renditions == revision.renditions)
        #expect(try team.drafter.release(id: original.id).status == .draft)
        #expect(try team.drafter.signOffState(releaseID: original.id).approval == nil)

        #expect(throws: StoreError.self) {
            try team.drafter.editRelease(id: original.id, text: revision.text, renditions: revision.renditions,
                                         cap: CAPFields(urgency: "Now", severity: "Severe", certainty: "Likely"))
        }
        try team.approve(original.id)
        let recorder = SchedulerRecordingDeliverer()
        let time = SchedulerTeam.at(minutes: 5)
        try team.drafter.scheduleRelease(id: original.id, at: time, channels: [.cap])
        team.clock.set(time)
        #expect(try scheduler(team, sender: "pio.a.example", recorder: recorder).tick().delivered == 1)
        let xml = try CAPAlertWriter.xml(for: try #require(recorder.calls.first))
        #expect(xml.contains("<urgency>Immediate</urgency>"))
        #expect(xml.contains("<severity>Severe</severity>"))
        #expect(xml.contains("<certainty>Likely</certainty>"))
        #expect(xml.contains("<expires>2026-11-18T09:06:40-06:00</expires>"))
    }

    @Test func aCancelNeedsTheAlertItWithdraws() throws {
        var item = DeliveryFixture.item(channel: .cap)
        item.cap = CAPFields(urgency: "Past", severity: "Minor", certainty: "Observed", msgType: "Cancel")
        #expect(throws: DeliveryError.self) { try CAPAlertWriter.xml(for: item) }
        var cancel = DeliveryFixture.item(channel: .cap, kind: .update)
        cancel.cap = item.cap
        let xml = try CAPAlertWriter.xml(for: cancel)
        #expect(xml.contains("<msgType>Cancel</msgType>"))
        #expect(xml.contains("<references>pio@riverton.gov,pio@riverton.gov.release.6,"))
    }

    @Test(arguments: [false, true])
    func liveNeverGoesOutUnderAPlaceholderIdentity(_ exercise: Bool) throws {
        let team = try SchedulerTeam(exercise: exercise)
        let release = try capRelease(team)
        let time = SchedulerTeam.at(minutes: 5)
        try team.drafter.scheduleRelease(id: release.id, at: time, channels: [.cap, .x])
        team.clock.set(time)
        // The built-in settings have no website, CAP sender or media address.
        let scheduler = try Scheduler.standard(workspace: team.drafter)
        try scheduler.tick()
        let posts = try team.posts(release.id)
        let cap = try #require(posts.first { $0.channel == .cap })
        let x = try #require(posts.first { $0.channel == .x })
        // X without settings is a hand-off (an exercise one is written to the exercise outbox and done).
        #expect(x.state == (exercise ? .delivered : .handOff))
        if exercise {
            #expect(cap.state == .delivered)
        } else {
            #expect(cap.state == .held)
            #expect(cap.lastError?.contains("cap_sender") == true)
            #expect(try team.log("post.held").map(\.subjectID) == [cap.id])
            #expect(try team.database.read { try $0.publishedIdentity(releaseID: release.id, channel: .cap) } == nil)
        }
    }
}
