import Foundation
@testable import OneVoiceCore

/// An agency that has done everything once, so that every table of record holds rows written by the real
/// workflow: a mode switch, a roster, an incident with a spokesperson, a named person whose family was told,
/// a fact recorded, verified and cleared, a rumor answered, the media list, a partner agency with a joint
/// incident, and a release drafted, cleared, approved, scheduled and delivered by the scheduler.
struct IntegrityFixture {
    let team: SchedulerTeam
    let release: Release

    var agency: TestAgency { team.agency }

    init() throws {
        team = try SchedulerTeam()
        let admin = team.agency.admin
        try admin.setWorkspaceMode(.exercise, note: "drill")
        try admin.setWorkspaceMode(.live, note: "drill over")
        let named = try team.drafter.addNamedPerson(incidentID: team.incident.id, name: "Casey Moore", category: .victim)
        try team.verifier.markNextOfKinNotified(namedPersonID: named.id, note: "Chaplain told the family")
        let fact = try team.drafter.addFact(incidentID: team.incident.id, text: "Elm Street is closed between 1st and 3rd Avenue.",
                                            source: "Sgt. Ortiz", sourceKind: .incidentCommander, key: "closure")
        try team.verifier.setFactStatus(factID: fact.id, to: .verified, note: "Saw the barricades")
        try team.legal.clearFact(factID: fact.id, note: "Fine to say")
        let rumor = try team.drafter.addRumor(incidentID: team.incident.id, text: "The bridge collapsed", seenAt: "Nextdoor")
        _ = try team.drafter.answerRumor(rumorID: rumor.id, factID: fact.id)
        try team.drafter.addContact(name: "Riverton Gazette", email: "desk@gazette.example", outlet: "Gazette")
        let gone = try team.drafter.addContact(name: "Old Desk", email: "old@tv.example", outlet: "TV")
        try team.drafter.removeContact(id: gone.id, reason: "Left the station")
        // A partner agency (renamed once), one of its people, and a joint incident they work on.
        try admin.addPartnerAgency(code: "fire", name: "Riverton Fire Department")
        try admin.renameAgency(code: "fire", to: "Riverton Fire Rescue")
        let firefighter = try team.agency.enrol("fire.pio", [.drafter, .spokesperson], agency: "fire")
        let joint = try team.drafter.openIncident(title: "Warehouse fire", kind: .evacuation, location: "Dock Road", jointWith: ["fire"])
        try team.drafter.assignSpokesperson(incidentID: joint.id, handle: "fire.pio")
        _ = try firefighter.addFact(incidentID: joint.id, text: "Smoke is visible from the river.", source: "Battalion chief",
                                    sourceKind: .incidentCommander)
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Elm Street closed",
                                                     text: SchedulerTeam.text, renditions: SchedulerTeam.renditions)
        try team.drafter.submitRelease(id: release.id)
        try team.legal.clearRelease(id: release.id)
        try team.spokesperson.approveRelease(id: release.id)
        try team.drafter.scheduleRelease(id: release.id, at: team.clock.now(), channels: [.x, .mastodon])
        let delivered = try team.scheduler(SchedulerRecordingDeliverer()).tick().delivered
        precondition(delivered == 2, "the fixture's posts did not go out")
        self.release = try team.drafter.release(id: release.id)
        try team.database.checkpoint()
    }

    /// A copy of the database file to tamper with (the fixture's own file stays as it is).
    func copy() throws -> URL {
        let url = agency.directory.appendingPathComponent("tampered-\(UUID().uuidString).sqlite")
        try FileManager.default.copyItem(at: agency.url, to: url)
        return url
    }

    /// What `archive verify` finds in the database at `url`, with the fixture's noted chain heads.
    func problems(_ url: URL) throws -> [ChainVerifier.Problem] {
        let database = try AppDatabase.open(at: url)
        return try ChainVerifier(database: database, anchors: agency.admin.anchors, outputFolder: agency.directory).verify().problems
    }

    /// Every row of every table of record: (table, rowid, columns with their SQL types).
    func rows() throws -> [(table: String, id: Int64, columns: [(name: String, value: DatabaseValueDescription)])] {
        try agency.admin.database.read { session in try session.describeRowsOfRecord() }
    }
}
