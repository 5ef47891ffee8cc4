import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Demo agency")
struct DemoSeederTests {
    @Test func theDemoIsABadDayInExerciseModeWithAnIntactRecord() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-demo-\(UUID().uuidString)")
        let seeder = DemoSeeder(directory: directory)
        let workspace = try seeder.seed()
        #expect(try workspace.agency().mode == .exercise)
        let incidents = try workspace.incidents()
        #expect(Set(incidents.map(\.kind)).isSuperset(of: [.activeShooter, .officerInvolvedShooting, .roadClosure, .communityEvent, .trafficFatality]))
        #expect(incidents.contains { $0.status == .closed })
        // What was due during the seeded past went out; nothing is left overdue or missed by the seeding itself.
        let states = try workspace.upcomingPosts(limit: 1000).map(\.state)
        #expect(!states.contains(.awaitingConfirmation))
        #expect(!states.contains(.missed))
        let shooter = try #require(incidents.first { $0.kind == .activeShooter })
        let facts = try workspace.facts(incidentID: shooter.id)
        #expect(Set(facts.map(\.status)) == Set(FactStatus.allCases))
        #expect(try workspace.releases(incidentID: shooter.id).contains { $0.status == .inReview })
        #expect(try ChainVerifier(database: workspace.database).verify().isIntact)
        // Every role has its key, and a second seeding starts again from nothing.
        for entry in DemoSeeder.roles { #expect(FileManager.default.fileExists(atPath: seeder.keyURL(handle: entry.handle).path)) }
        let again = try seeder.seed()
        #expect(try again.incidents().count == incidents.count)
    }
}
