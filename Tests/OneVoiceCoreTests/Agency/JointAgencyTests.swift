import Foundation
import Testing
@testable import OneVoiceCore

/// Several agencies on one record (a joint information center): people belong to an agency and hold their
/// roles in it, a joint incident has one voice across its agencies, its releases name them all, and nobody
/// acts on another agency's own incident. Run on a file and on a shared server alike.
@Suite(.serialized) struct JointAgencyTests {
    /// Police (the host) with fire and the county as partners, each with people of its own.
    struct Center {
        let team: SchedulerTeam
        let fireAdmin: Workspace
        let fireDrafter: Workspace
        let fireVoice: Workspace
        let countyDrafter: Workspace

        init(storage: Storage) throws {
            team = try SchedulerTeam(storage: storage)
            try team.agency.admin.addPartnerAgency(code: "fire", name: "Riverton Fire Rescue")
            try team.agency.admin.addPartnerAgency(code: "county", name: "Lake County Emergency Management")
            fireAdmin = try team.agency.enrol("fire.admin", [.admin], agency: "fire")
            fireDrafter = try team.agency.enrol("fire.dan", [.drafter], agency: "fire")
            fireVoice = try team.agency.enrol("fire.pio", [.spokesperson], agency: "fire")
            countyDrafter = try team.agency.enrol("county.cal", [.drafter], agency: "county")
        }

        var police: Workspace { team.drafter }
        func logCount() throws -> Int { try team.agency.logCount() }
    }

    @Test(arguments: Storage.allCases) func nobodyActsOnAnIncidentTheirAgencyHasNoPartIn(storage: Storage) throws {
        let center = try Center(storage: storage)
        let policeIncident = center.team.incident
        let approved = try center.team.approvedRelease()
        let fireLegal = try center.team.agency.enrol("fire.lee", [.legal, .verifier], agency: "fire")
        let policeFact = try center.police.addFact(incidentID: policeIncident.id, text: "Elm Street is closed.", source: "Sgt.",
                                                   sourceKind: .incidentCommander)
        let before = try center.logCount()
        // Every kind of act a partner might try on the host's own incident is refused, and nothing is written.
        let attempts: [(String, () throws -> Void)] = [
            ("fact", { _ = try center.fireDrafter.addFact(incidentID: policeIncident.id, text: "Two engines on scene.", source: "Chief",
                                                         sourceKind: .incidentCommander) }),
            ("release", { _ = try center.fireDrafter.createRelease(incidentID: policeIncident.id, title: "Fire update", text: "Smoke.",
                                                                    renditions: ["website": "Smoke."]) }),
            ("rumor", { _ = try center.fireDrafter.addRumor(incidentID: policeIncident.id, text: "A tanker exploded", seenAt: "X") }),
            ("named", { _ = try center.fireDrafter.addNamedPerson(incidentID: policeIncident.id, name: "Pat Doe", category: .victim) }),
            ("close", { _ = try center.fireDrafter.closeIncident(id: policeIncident.id) }),
            ("join", { _ = try center.fireDrafter.setJointAgencies(incidentID: policeIncident.id, adding: ["fire"]) }),
            ("voice", { _ = try center.fireAdmin.assignSpokesperson(incidentID: policeIncident.id, handle: "fire.pio") }),
            ("schedule", { _ = try center.fireDrafter.scheduleRelease(id: approved.id, at: center.team.clock.now(), channels: [.x]) }),
            ("verify", { _ = try fireLegal.setFactStatus(factID: policeFact.id, to: .verified, note: "Saw it") }),
            ("edit", { _ = try center.fireDrafter.editRelease(id: approved.id, text: "Changed.") }),
        ]
        for (name, attempt) in attempts {
            #expect(throws: (any Error).self, "\(name) on the host's incident was allowed to a partner") { try attempt() }
        }
        #expect(try center.logCount() == before)

        // A partner's own incident is theirs alone, the other way round too.
        let fireIncident = try center.fireDrafter.openIncident(title: "Warehouse fire", kind: .evacuation, location: "Dock Road")
        #expect(fireIncident.agencyID != AgencyID.host)
        #expect(throws: IdentityError.self) {
            try center.police.addFact(incidentID: fireIncident.id, text: "Police closed Dock Road.", source: "Sgt.", sourceKind: .incidentCommander)
        }
        #expect(throws: IdentityError.self) {
            try center.countyDrafter.addFact(incidentID: fireIncident.id, text: "Shelter open.", source: "OEM", sourceKind: .officialRecord)
        }
        _ = try center.fireDrafter.addFact(incidentID: fireIncident.id, text: "Two engines on scene.", source: "Chief", sourceKind: .incidentCommander)
        #expect(try center.team.chainIsIntact())
    }

    @Test(arguments: Storage.allCases) func aJointIncidentIsWorkedByEveryAgencyTakingPartWithOneVoice(storage: Storage) throws {
        let center = try Center(storage: storage)
        let joint = try center.police.openIncident(title: "Chemical spill on Route 9", kind: .evacuation, location: "Route 9",
                                                    jointWith: ["fire"])
        #expect(joint.isJoint && joint.participatingAgencies == [AgencyID.host, 1])
        // Both agencies work it; the county does not, until it is added.
        _ = try center.police.addFact(incidentID: joint.id, text: "Route 9 is closed.", source: "Sgt. Ortiz", sourceKind: .incidentCommander)
        _ = try center.fireDrafter.addFact(incidentID: joint.id, text: "A tanker is leaking.", source: "Chief", sourceKind: .incidentCommander)
        #expect(throws: IdentityError.self) {
            try center.countyDrafter.addFact(incidentID: joint.id, text: "Shelter open.", source: "OEM", sourceKind: .officialRecord)
        }
        // The county cannot add itself; an agency taking part can add it.
        #expect(throws: IdentityError.self) { try center.countyDrafter.setJointAgencies(incidentID: joint.id, adding: ["county"]) }
        try center.fireDrafter.setJointAgencies(incidentID: joint.id, adding: ["county"])
        _ = try center.countyDrafter.addFact(incidentID: joint.id, text: "A shelter is open at the high school.", source: "OEM",
                                              sourceKind: .officialRecord)

        // One lead spokesperson, from any agency taking part: fire's PIO speaks for all three.
        try center.fireAdmin.assignSpokesperson(incidentID: joint.id, handle: "fire.pio")
        #expect(try center.police.incident(id: joint.id).spokespersonID == (try center.fireVoice.currentPerson())?.id)
        // Fire cannot leave while its PIO is the voice; nor can the owner ever leave; an unknown code is refused.
        #expect(throws: StoreError.self) { try center.police.setJointAgencies(incidentID: joint.id, removing: ["fire"]) }
        #expect(throws: StoreError.self) { try center.fireDrafter.setJointAgencies(incidentID: joint.id, removing: ["host"]) }
        #expect(throws: StoreError.self) { try center.police.setJointAgencies(incidentID: joint.id, adding: ["state-police"]) }
        // Someone of an agency that does not take part cannot be the voice.
        let lone = try center.police.openIncident(title: "Lost child at the fair", kind: .missingPerson, location: "Fairgrounds")
        #expect(throws: StoreError.self) { try center.team.agency.admin.assignSpokesperson(incidentID: lone.id, handle: "fire.pio") }
        #expect(throws: StoreError.self) {
            try center.police.openIncident(title: "Bridge", kind: .roadClosure, location: "Bridge", spokesperson: "fire.pio")
        }
        // The county leaves again.
        try center.police.setJointAgencies(incidentID: joint.id, removing: ["county"])
        #expect(try center.police.incident(id: joint.id).jointAgencies == [1])
        #expect(try center.team.chainIsIntact())
    }

    @Test(arguments: Storage.allCases) func rolesAreHeldPerAgency(storage: Storage) throws {
        let center = try Center(storage: storage)
        let key = IdentityKey()
        // Fire's admin enrols fire's people, and only them.
        try center.fireAdmin.addToRoster(handle: "fire.val", displayName: "Val", roles: [.verifier], publicKey: key.publicKeyBase64)
        #expect(try center.fireAdmin.roster().first { $0.handle == "fire.val" }?.agencyID == 1)
        #expect(throws: IdentityError.self) {
            try center.fireAdmin.addToRoster(handle: "cop", displayName: "Cop", roles: [.admin], publicKey: IdentityKey().publicKeyBase64, agency: "host")
        }
        #expect(throws: IdentityError.self) { try center.fireAdmin.setRoles(handle: "dana", roles: [.admin]) }
        #expect(throws: IdentityError.self) { try center.fireAdmin.removeFromRoster(handle: "vic", reason: "no") }
        // Running the record is the host's: partners, the mode.
        #expect(throws: IdentityError.self) { try center.fireAdmin.addPartnerAgency(code: "state", name: "State Police") }
        #expect(throws: IdentityError.self) { try center.fireAdmin.setWorkspaceMode(.exercise) }
        // The host's admin manages anyone's roster, and fire's admin their own.
        try center.team.agency.admin.setRoles(handle: "fire.dan", roles: [.drafter, .verifier])
        try center.fireAdmin.setRoles(handle: "fire.val", roles: [.verifier, .legal])
        // A fire verifier checks a fire fact, on fire's incident, but not on the host's.
        let fireIncident = try center.fireDrafter.openIncident(title: "Brush fire", kind: .evacuation, location: "North Ridge")
        let fact = try center.fireDrafter.addFact(incidentID: fireIncident.id, text: "Ten acres burned.", source: "Chief", sourceKind: .incidentCommander)
        try center.fireAdmin.acting(as: key).setFactStatus(factID: fact.id, to: .verified, note: "Map")
        let policeFact = try center.police.addFact(incidentID: center.team.incident.id, text: "Elm Street is closed.", source: "Sgt.",
                                                   sourceKind: .incidentCommander)
        #expect(throws: IdentityError.self) {
            try center.fireAdmin.acting(as: key).setFactStatus(factID: policeFact.id, to: .verified, note: "Saw it")
        }
        // Codes are checked like handles, and a code is taken once.
        #expect(throws: StoreError.self) { try center.team.agency.admin.addPartnerAgency(code: "Fire Dept", name: "x") }
        #expect(throws: StoreError.self) { try center.team.agency.admin.addPartnerAgency(code: "host", name: "x") }
        #expect(throws: StoreError.self) { try center.team.agency.admin.addPartnerAgency(code: "fire", name: "Other Fire") }
        #expect(throws: StoreError.self) {
            try center.team.agency.admin.addToRoster(handle: "x", displayName: "X", roles: [.drafter], publicKey: IdentityKey().publicKeyBase64, agency: "nope")
        }
        #expect(try center.team.chainIsIntact())
    }

    @Test(arguments: Storage.allCases) func aJointReleaseNamesEveryAgencyAndItsApprovalSignsThem(storage: Storage) throws {
        let center = try Center(storage: storage)
        let joint = try center.police.openIncident(title: "Chemical spill on Route 9", kind: .evacuation, location: "Route 9",
                                                    spokesperson: "sam", jointWith: ["fire"])
        // Drafted from a template, the agency slot names both.
        let drafted = try center.police.draftRelease(incidentID: joint.id, templateID: "evacuation", holding: true)
        let draftedText = try center.police.revision(releaseID: drafted.id).text
        #expect(draftedText.contains("Riverton Police Department and Riverton Fire Rescue"), "\(draftedText)")

        // A text that leaves an agency out is blocked, whatever its case or spacing when it does name it.
        let release = try center.police.createRelease(incidentID: joint.id, title: "Route 9 closed",
                                                      text: "Riverton Police Department: Route 9 is closed.",
                                                      renditions: ["website": "Route 9 is closed.", "cap": "Route 9 is closed."])
        #expect(try center.police.checkRelease(id: release.id).contains { $0.rule == "joint-agencies" && $0.severity == .block })
        try center.police.editRelease(id: release.id, text: "RIVERTON POLICE  Department and riverton fire\nrescue: Route 9 is closed. The investigation is ongoing, and more information will follow.",
                                      renditions: ["website": "Route 9 is closed.", "cap": "Route 9 is closed."])
        #expect(!(try center.police.checkRelease(id: release.id).contains { $0.rule == "joint-agencies" }))

        // The approval signs the agencies, and the post goes out in both names.
        try center.police.submitRelease(id: release.id)
        try center.team.spokesperson.approveRelease(id: release.id)
        let document = try center.police.signOffState(releaseID: release.id).document
        #expect(document.agencies == [AgencyID.host, 1])
        try center.police.scheduleRelease(id: release.id, at: center.team.clock.now(), channels: [.cap])
        let deliverer = SchedulerRecordingDeliverer()
        _ = try center.team.scheduler(deliverer).tick()
        let item = try #require(deliverer.calls.first)
        #expect(item.agencyName == "Riverton Police Department and Riverton Fire Rescue")
        #expect(try CAPAlertWriter.xml(for: item).contains("<senderName>Riverton Police Department and Riverton Fire Rescue</senderName>"))
        let mail = String(decoding: try MediaMessageWriter.message(for: item, settings: MediaListSettings(fromAddress: "pio@riverton.gov", contacts: ["desk@news.example"])), as: UTF8.self)
        #expect(mail.contains("From: \"Riverton Police Department and Riverton Fire Rescue\" <pio@riverton.gov>"), "\(mail.prefix(400))")

        // An agency added after the approval leaves a document nobody signed: not sent.
        let second = try center.police.createRelease(incidentID: joint.id, title: "Route 9 update",
                                                     text: "Riverton Police Department and Riverton Fire Rescue: Route 9 reopens at noon. The investigation is ongoing, and more information will follow.",
                                                     renditions: ["website": "Route 9 reopens at noon."])
        try center.police.submitRelease(id: second.id)
        try center.team.spokesperson.approveRelease(id: second.id)
        try center.police.scheduleRelease(id: second.id, at: center.team.clock.now(), channels: [.website])
        try center.fireDrafter.setJointAgencies(incidentID: joint.id, adding: ["county"])
        let later = SchedulerRecordingDeliverer()
        _ = try center.team.scheduler(later).tick()
        #expect(later.calls.isEmpty, "a release went out for an agency its approval did not name")
        #expect(try center.team.chainIsIntact())
        // The joint incident's records export and check out, whole (people of both agencies included).
        let out = center.team.agency.directory.appendingPathComponent("export-joint")
        try center.fireDrafter.exportRecords(scope: ExportScope(incidentID: joint.id), to: out)
        let report = try ExportChecker(directory: out).check()
        #expect(report.isIntact, "\(report.problems.prefix(3))")
    }

    /// Entries validly signed by a partner's people, written around the workflow: `verify` names each.
    @Test func verifyReportsAPartnerActingOnAnotherAgencysIncident() throws {
        let center = try Center(storage: .file)
        let database = center.team.database
        let policeIncident = center.team.incident
        let fireKey = try #require(center.fireDrafter.identity)
        // A fact on the host's incident, signed by fire's drafter (actor nil skips the workflow's check, as a forger's own code would).
        try database.write(signer: fireKey) { session in
            let dan = try #require(try session.person(publicKey: fireKey.publicKeyBase64))
            var fact = Fact(incidentID: policeIncident.id, key: nil, text: "Fire says the road is open.", source: "Chief", sourceKind: .incidentCommander,
                            recordedBy: dan.id, recordedAt: center.team.clock.now())
            try session.insertFact(&fact)
            try session.appendLog(actor: nil, action: "fact.add", subjectType: "fact", subjectID: fact.id, incidentID: policeIncident.id,
                                  change: fact, at: center.team.clock.now())
        }
        // Fire's admin moves a police drafter into fire, and enrols someone into the host agency.
        let fireAdminKey = try #require(center.fireAdmin.identity)
        try database.write(signer: fireAdminKey) { session in
            let dana = try #require(try session.person(handle: "dana"))
            try session.db.execute(sql: "UPDATE person SET agencyID = 1 WHERE id = ?", arguments: [dana.id])
            try session.appendLog(actor: nil, action: "roster.roles", subjectType: "person", subjectID: dana.id, incidentID: nil,
                                  change: ["to": "fire"], at: center.team.clock.now())
        }
        let problems = try ChainVerifier(database: database).verify().problems.map(\.message)
        #expect(problems.contains { $0.contains("fire.dan acted on incident #\(policeIncident.id)") }, "\(problems)")
        #expect(problems.contains { $0.contains("changed person") || $0.contains("column agencyID") }, "\(problems)")
    }

    /// What the dashboard's roster form offers: a host admin every agency, a partner's admin their own, each
    /// their own first; nothing on a record of one agency, or to someone who is no admin.
    @Test func theAgenciesAnAdminMayEnrolInto() throws {
        let center = try Center(storage: .file)
        #expect(try center.team.agency.admin.enrolmentAgencies().map(\.code) == ["host", "fire", "county"])
        #expect(try center.fireAdmin.enrolmentAgencies().map { "\($0.code)=\($0.name)" } == ["fire=Riverton Fire Rescue"])
        #expect(try center.fireDrafter.enrolmentAgencies().isEmpty)
        #expect(try SchedulerTeam().agency.admin.enrolmentAgencies().isEmpty)
    }

    @Test func aRecordOfOneAgencyReadsAsBefore() throws {
        let team = try SchedulerTeam()
        let release = try team.approvedRelease()
        // No partner: documents hash as they did before agencies were kept, and no check names agencies.
        #expect(try team.drafter.signOffState(releaseID: release.id).document.agencies == nil)
        #expect(try team.agency.admin.agencyDirectory().partners.isEmpty)
        #expect(try team.drafter.incident(id: team.incident.id).participatingAgencies == [AgencyID.host])
    }
}
