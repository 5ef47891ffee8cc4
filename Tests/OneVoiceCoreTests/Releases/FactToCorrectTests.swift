import Foundation
import Testing
@testable import OneVoiceCore

/// A released statement that rests on a fact now disputed or retracted is what the board flags for a correction.
@Suite("Fact to correct")
struct FactToCorrectTests {
    @Test(arguments: Storage.allCases) func aDisputedFactInAReleasedReleaseAsksForACorrectionUntilOneIsDrafted(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let fact = try team.drafter.addFact(incidentID: team.incident.id, text: "Elm Street reopens at noon",
                                            source: "Public Works dispatcher", sourceKind: .officialRecord)
        try team.verifier.setFactStatus(factID: fact.id, to: .verified, note: "called back")
        let text = "Elm Street reopens at noon. The investigation is ongoing, and more information will follow."
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Elm Street", text: text,
                                                     renditions: ["website": text])
        try team.approve(release.id)
        _ = try team.spokesperson.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 0))
        try team.scheduler(SchedulerRecordingDeliverer()).tick()
        #expect(try team.status(release.id) == .released)
        let find = { try team.drafter.dashboardRead { try $0.factToCorrect(incidentID: team.incident.id) } }
        #expect(try find() == nil, "a verified fact needs nothing")

        try team.verifier.setFactStatus(factID: fact.id, to: .disputed, note: "the crew needs another day")
        let flagged = try #require(try find())
        #expect(flagged.fact.id == fact.id)
        #expect(flagged.releaseID == release.id)

        _ = try team.drafter.followUpRelease(of: release.id, kind: .correction)
        #expect(try find() == nil, "a drafted correction answers it")
    }

    @Test(arguments: Storage.allCases) func aDisputedFactNoReleaseSaidNeedsNothing(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        let fact = try team.drafter.addFact(incidentID: team.incident.id, text: "A water main burst under Elm Street",
                                            source: "A neighbour", sourceKind: .witness)
        try team.verifier.setFactStatus(factID: fact.id, to: .disputed, note: "no sign of it")
        let release = try team.approvedRelease()
        _ = try team.spokesperson.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 0))
        try team.scheduler(SchedulerRecordingDeliverer()).tick()
        #expect(try team.drafter.dashboardRead { try $0.factToCorrect(incidentID: team.incident.id) } == nil)
    }
}
