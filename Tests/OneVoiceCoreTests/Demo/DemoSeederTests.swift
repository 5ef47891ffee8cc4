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
        // A partner agency with a person of its own, taking part in the water main break.
        let agencies = try workspace.agencyDirectory()
        #expect(agencies.partners.map(\.code) == [DemoSeeder.partner.code])
        #expect(try workspace.roster().first { $0.handle == DemoSeeder.partner.person.handle }?.agencyID == agencies.partners.first?.id)
        #expect(incidents.filter(\.isJoint).map(\.kind) == [.roadClosure])
        #expect(FileManager.default.fileExists(atPath: seeder.keyURL(forRoleOrHandle: DemoSeeder.partner.person.handle)?.path ?? "/nowhere"))
        #expect(try ChainVerifier(database: workspace.database).verify().isIntact)
        // Every role has its key, and a second seeding starts again from nothing.
        for entry in DemoSeeder.roles { #expect(FileManager.default.fileExists(atPath: seeder.keyURL(handle: entry.handle).path)) }
        let again = try seeder.seed()
        #expect(try again.incidents().count == incidents.count)
    }
}

@Suite("Demo records log order")
struct DemoLogOrderTests {
    /// The records log lists entries newest first by their number; in the demo their times must agree,
    /// or the "newest first" log reads out of order.
    @Test func theDemoLogIsInTimeOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try DemoSeeder(directory: directory).seed()
        let entries = try workspace.database.read { try $0.logWindow(incidentID: nil, from: nil, backward: false, limit: 100_000) }
        #expect(entries.count > 20)
        let times = entries.reversed().map(\.time)
        let outOfOrder = zip(times, times.dropFirst()).filter { $0 > $1 }.count
        #expect(outOfOrder == 0, "\(outOfOrder) entries are older than the entry before them")
    }
}
