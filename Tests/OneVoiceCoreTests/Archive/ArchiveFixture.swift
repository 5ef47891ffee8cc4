import Foundation
@testable import OneVoiceCore

/// Two incidents with one of every kind of record each, on different days, for the archive tests.
struct ArchiveFixture {
    let agency: TestAgency
    let drafter: Workspace
    let elm: Incident
    let mill: Incident
    let elmRelease: Release
    let millRelease: Release

    static let day: TimeInterval = 86_400

    init(storage: Storage = .file) throws {
        agency = try TestAgency(storage: storage)
        drafter = try agency.enrol("dana", [.drafter])
        let verifier = try agency.enrol("vera", [.verifier])
        // Day 0: Elm Park.
        elm = try drafter.openIncident(title: "Shots fired near Elm Park", kind: .officerInvolvedShooting, location: "1200 block of Elm Street")
        let elmFact = try drafter.addFact(incidentID: elm.id, text: "Two people were taken to Mercy Hospital.", source: "Lt. Ortiz",
                                          sourceKind: .incidentCommander)
        try verifier.setFactStatus(factID: elmFact.id, to: .verified, note: "Called the hospital")
        try drafter.addRumor(incidentID: elm.id, text: "A gunman is still loose on Willow Avenue", seenAt: "Nextdoor")
        elmRelease = try drafter.createRelease(incidentID: elm.id, title: "Elm Park statement",
                                               text: "Officers responded to the 1200 block of Elm Street.", renditions: ["x": "Officers at Elm St."])
        try drafter.reviseRelease(id: elmRelease.id, text: "Officers responded to the 1200 block of Elm Street. The investigation is ongoing.",
                                  renditions: ["x": "Officers at Elm St. More to follow."])
        try Self.insertPost(agency, release: elmRelease, text: "Elm Park update: avoid the area <please> & stay safe.")
        // Day 2: the mill fire.
        agency.clock.advance(by: 2 * Self.day)
        mill = try drafter.openIncident(title: "Fire at the Quarrystone mill", kind: .evacuation, location: "Mill district")
        try drafter.addFact(incidentID: mill.id, text: "Route 4 is closed at the Zephyrine bridge.", source: "Fire command",
                            sourceKind: .incidentCommander)
        try drafter.addRumor(incidentID: mill.id, text: "The Quarrystone dam has failed", seenAt: "X")
        millRelease = try drafter.createRelease(incidentID: mill.id, title: "Quarrystone evacuation", text: "Leave the mill district now.",
                                                renditions: [:])
        try Self.insertPost(agency, release: millRelease, text: "Quarrystone: leave the mill district now.")
    }

    /// Posts have no Core operation yet (delivery builds them); tests write one as the scheduler would.
    static func insertPost(_ agency: TestAgency, release: Release, text: String) throws {
        let now = agency.clock.now()
        try agency.admin.database.write(signer: agency.adminKey) { session in
            var post = Post(releaseID: release.id, incidentID: release.incidentID, revisionNumber: 1, channel: .x, text: text,
                            scheduledAt: nil, state: .held, idempotencyKey: UUID().uuidString, isExercise: false, createdAt: now)
            try post.insert(session.db)
            try session.appendLog(actor: nil, action: "release.hold", subjectType: "release", subjectID: release.id,
                                  incidentID: release.incidentID, change: ["post": post.id], at: now)
        }
    }

    var temporaryFolder: URL { agency.directory }
}
