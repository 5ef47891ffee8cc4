import Foundation
import Testing
@testable import OneVoiceCore

/// The release check runs before the write; inside it only a comparison shows nothing changed.
@Suite struct CheckOutsideWriteTests {
    @Test func aCheckIsReusedOnlyWhileItsInputsAreUnchanged() throws {
        let team = try SchedulerTeam()
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Elm", text: SchedulerTeam.text,
                                                     renditions: SchedulerTeam.renditions)
        let earlier = try #require(team.drafter.precheckRelease(id: release.id))
        // A marker finding that a fresh check would never produce: seen again only if the earlier check is reused.
        let marker = Finding(rule: "marker", severity: .warn, line: 1, column: 1, excerpt: "", message: "reused")
        let marked = CheckedRelease(release: earlier.release, revision: earlier.revision, incident: earlier.incident,
                                    facts: earlier.facts, namedPeople: earlier.namedPeople, findings: [marker])
        let reused = try team.database.read { try team.drafter.checkRelease($0, id: release.id, reusing: marked) }
        #expect(reused.map(\.rule) == ["marker"])
        // A fact added meanwhile: the write checks again.
        _ = try team.drafter.addFact(incidentID: team.incident.id, text: "Crews expect to finish by Friday.", source: "Lt. Ortiz",
                                     sourceKind: .incidentCommander)
        let fresh = try team.database.read { try team.drafter.checkRelease($0, id: release.id, reusing: marked) }
        #expect(!fresh.contains { $0.rule == "marker" })
        // A new revision meanwhile: checked again too.
        let again = try #require(team.drafter.precheckRelease(id: release.id))
        let remarked = CheckedRelease(release: again.release, revision: again.revision, incident: again.incident,
                                      facts: again.facts, namedPeople: again.namedPeople, findings: [marker])
        try team.drafter.reviseRelease(id: release.id, text: SchedulerTeam.text + " More soon.", renditions: SchedulerTeam.renditions)
        let revised = try team.database.read { try team.drafter.checkRelease($0, id: release.id, reusing: remarked) }
        #expect(!revised.contains { $0.rule == "marker" })
    }

    @Test func aLongReleaseHoldsTheWriteLockBriefly() throws {
        let team = try SchedulerTeam()
        let long = String(repeating: "Elm Street is closed between 1st and 3rd Avenue. ", count: 1_300)
            + "The investigation is ongoing, and more information will follow."
        #expect(long.unicodeScalars.count <= TextField.releaseText.limit)
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Long", text: long,
                                                     renditions: ["website": long])
        let checked = try #require(team.drafter.precheckRelease(id: release.id))
        let start = Date()
        _ = try team.database.write { session in try team.drafter.signOffState(session, releaseID: release.id, reusing: checked) }
        #expect(Date().timeIntervalSince(start) < 1.0)
    }
}
