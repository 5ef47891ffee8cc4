import Foundation
import Testing
@testable import OneVoiceCore

/// `agency rename`: who may rename which agency, what names are refused, that a rename never lets a signed
/// release go out under a name its spokesperson did not see, and that `archive verify` replays all of it.
@Suite(.serialized) struct AgencyRenameTests {
    typealias Center = JointAgencyTests.Center

    @Test(arguments: Storage.allCases) func aHostAdminRenamesAnyAgencyAndAPartnersAdminOnlyTheirOwn(storage: Storage) throws {
        let center = try Center(storage: storage)
        let admin = center.team.agency.admin
        let renamed = try admin.renameAgency(code: "fire", to: "  Riverton Fire & Rescue ")
        #expect(renamed == AgencyRenaming(code: "fire", from: "Riverton Fire Rescue", to: "Riverton Fire & Rescue"))
        try center.fireAdmin.renameAgency(code: "FIRE", to: "Riverton Fire Rescue District")
        try admin.renameAgency(code: "host", to: "Riverton Police")
        let directory = try admin.agencyDirectory()
        #expect(directory.hostName == "Riverton Police")
        #expect(directory.name(of: 1) == "Riverton Fire Rescue District")
        #expect(try admin.agency().name == "Riverton Police")
        let entries = try center.team.log("agency.rename")
        #expect(entries.map(\.actorHandle) == ["admin", "fire.admin", "admin"])

        let before = try center.logCount()
        // A partner's admin renames neither the host nor another partner; a drafter renames nothing.
        #expect(throws: IdentityError.self) { try center.fireAdmin.renameAgency(code: "host", to: "Fire's Police") }
        #expect(throws: IdentityError.self) { try center.fireAdmin.renameAgency(code: "county", to: "County OEM") }
        #expect(throws: IdentityError.self) { try center.police.renameAgency(code: "host", to: "Dana's Police") }
        #expect(throws: IdentityError.self) { try center.fireDrafter.renameAgency(code: "fire", to: "Dan's Fire") }
        #expect(throws: StoreError.self) { try admin.renameAgency(code: "water", to: "Riverton Water") }
        // Names that are blank, break a line, hold a control character, or fold like another agency's.
        for name in ["", "   ", "Riverton\nPolice", "Riverton\u{2028}Police", "Riverton\tPolice", "Riverton\u{7}Police",
                     "LAKE COUNTY  emergency management", "Ｌａｋｅ Ｃｏｕｎｔｙ Emergency Management", "riverton fire rescue district",
                     "Riverton Police"] {
            #expect(throws: (any Error).self, "renaming the host to \(name.debugDescription) was allowed") {
                try admin.renameAgency(code: "host", to: name)
            }
        }
        // Adding a partner under another agency's name is refused the same way.
        #expect(throws: StoreError.self) { try admin.addPartnerAgency(code: "oem", name: "lake county emergency management") }
        #expect(throws: StoreError.self) { try admin.addPartnerAgency(code: "oem", name: "Lake County\nEmergency Management") }
        #expect(try center.logCount() == before)
        #expect(try center.team.chainIsIntact())
    }

    /// A release goes out under its agencies' names as they are when it is sent, and its approval signs which
    /// agencies it speaks for, not what they are called: so a rename waits until a signed release has gone out.
    @Test(arguments: Storage.allCases) func aRenameWaitsUntilTheSignedReleasesOfTheAgencyHaveGoneOut(storage: Storage) throws {
        let center = try Center(storage: storage)
        let admin = center.team.agency.admin
        let joint = try center.police.openIncident(title: "Chemical spill on Route 9", kind: .evacuation, location: "Route 9",
                                                    spokesperson: "sam", jointWith: ["fire"])
        let release = try center.police.createRelease(incidentID: joint.id, title: "Route 9 closed",
                                                      text: "Riverton Police Department and Riverton Fire Rescue: Route 9 is closed. The investigation is ongoing, and more information will follow.",
                                                      renditions: ["cap": "Route 9 is closed."])
        try center.team.approve(release.id)
        // Approved, then scheduled: either way a rename of an agency it speaks for is refused, and nothing is written.
        let before = try center.logCount()
        let refusal = #expect(throws: StoreError.self) { try admin.renameAgency(code: "fire", to: "Riverton Fire District") }
        #expect(refusal.map { "\($0)" }?.contains("Release #\(release.id) of incident #\(joint.id)") == true, "\(String(describing: refusal))")
        try center.police.scheduleRelease(id: release.id, at: center.team.clock.now().addingTimeInterval(600), channels: [.cap])
        #expect(throws: StoreError.self) { try admin.renameAgency(code: "fire", to: "Riverton Fire District") }
        #expect(throws: StoreError.self) { try admin.renameAgency(code: "host", to: "Riverton Police") }
        #expect(try center.logCount() == before + 1)  // the schedule only
        // The county takes no part: its name may change.
        try admin.renameAgency(code: "county", to: "Lake County Office of Emergency Management")

        // It goes out in the names its spokesperson saw; then fire may be renamed.
        center.team.clock.advance(by: 601)
        let deliverer = SchedulerRecordingDeliverer()
        #expect(try center.team.scheduler(deliverer).tick().delivered == 1)
        #expect(deliverer.calls.first?.agencyName == "Riverton Police Department and Riverton Fire Rescue")
        try admin.renameAgency(code: "fire", to: "Riverton Fire District")

        // A text that names the agency by its old name no longer names it: blocked until it says the new one.
        let next = try center.police.createRelease(incidentID: joint.id, title: "Route 9 update",
                                                   text: "Riverton Police Department and Riverton Fire Rescue: Route 9 reopens at noon.",
                                                   renditions: ["website": "Route 9 reopens at noon."])
        let finding = try #require(try center.police.checkRelease(id: next.id).first { $0.rule == "joint-agencies" })
        #expect(finding.severity == .block && finding.message.contains("Riverton Fire District"))
        let drafted = try center.police.draftRelease(incidentID: joint.id, templateID: "evacuation", holding: true)
        #expect(try center.police.revision(releaseID: drafted.id).text.contains("Riverton Police Department and Riverton Fire District"))
        #expect(try center.team.chainIsIntact())
    }

    /// Renames validly signed but written around the workflow: `verify` names each.
    @Test func verifyReportsARenameBySomeoneNotAllowed() throws {
        let center = try Center(storage: .file)
        let database = center.team.database
        func forgeRename(by workspace: Workspace, table: String, id: Int64, to name: String) throws {
            let key = try #require(workspace.identity)
            try database.write(signer: key) { session in
                try session.db.execute(sql: "UPDATE \(table) SET name = ? WHERE id = ?", arguments: [name, id])
                // actor nil skips the workflow's checks, as a forger's own code would.
                try session.appendLog(actor: nil, action: "agency.rename", subjectType: table, subjectID: id, incidentID: nil,
                                      change: ["to": name], at: center.team.clock.now())
            }
        }
        // Fire's admin renames the host and the county; fire's drafter renames fire.
        try forgeRename(by: center.fireAdmin, table: "agency", id: 1, to: "Fire's Police")
        try forgeRename(by: center.fireAdmin, table: "partnerAgency", id: 2, to: "County by Fire")
        try forgeRename(by: center.fireDrafter, table: "partnerAgency", id: 1, to: "Dan's Fire")
        // The host's admin renames fire to the county's name, and the county while its signed release waits.
        try forgeRename(by: center.team.agency.admin, table: "partnerAgency", id: 1, to: "county by fire")
        let countyVoice = try center.team.agency.enrol("county.pio", [.spokesperson], agency: "county")
        let countyIncident = try center.countyDrafter.openIncident(title: "Shelter opens", kind: .evacuation, location: "Lake High School",
                                                                   spokesperson: "county.pio")
        let release = try center.countyDrafter.createRelease(incidentID: countyIncident.id, title: "Shelter open",
                                                             text: "Lake High School is open as a shelter. The investigation is ongoing, and more information will follow.",
                                                             renditions: ["website": "Lake High School is open as a shelter."])
        try center.countyDrafter.submitRelease(id: release.id)
        try countyVoice.approveRelease(id: release.id)
        try forgeRename(by: center.team.agency.admin, table: "partnerAgency", id: 2, to: "Lake County OEM")

        let problems = try ChainVerifier(database: database).verify().problems.map(\.message)
        #expect(problems.filter { $0.contains("fire.admin renamed another agency than their own") }.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains("fire.dan did not hold the admin role") }, "\(problems)")
        #expect(problems.contains { $0.contains("renamed agency #1 to a name that") }, "\(problems)")
        #expect(problems.contains { $0.contains("renamed agency #2 while release #\(release.id)") }, "\(problems)")
    }
}
