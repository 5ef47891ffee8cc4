import Foundation
import Testing
@testable import OneVoiceCore

/// The path from a pre-plan template to a signed approval, with several people, and every refusal on the way.
@Suite("Release sign-off workflow")
struct SignOffWorkflowTests {
    struct Team {
        let agency: TestAgency
        let drafter: Workspace
        let verifier: Workspace
        let legal: Workspace
        let spokesperson: Workspace
        let other: Workspace
        let incident: Incident

        init(kind: IncidentKind = .officerInvolvedShooting, storage: Storage = .file) throws {
            agency = try TestAgency(storage: storage)
            let settings = WorkspaceSettings(templates: WorkspaceSettings.builtIn.templates, ruleSet: WorkspaceSettings.builtIn.ruleSet,
                                             agencyPhone: "555-0100", agencyEmail: "pio@riverton.example",
                                             agencyWebsite: "https://riverton.example", releaseURLPattern: "https://riverton.example/news/{id}",
                                             nextUpdate: "on the department's website by 6 p.m.")
            func configured(_ w: Workspace) -> Workspace {
                Workspace(database: w.database, clock: w.clock, identity: w.identity, settings: settings)
            }
            drafter = configured(try agency.enrol("dana", [.drafter]))
            verifier = configured(try agency.enrol("vic", [.verifier]))
            legal = configured(try agency.enrol("lee", [.legal]))
            spokesperson = configured(try agency.enrol("sam", [.spokesperson]))
            other = configured(try agency.enrol("pat", [.spokesperson, .drafter]))
            incident = try drafter.openIncident(title: "Officer-involved shooting near Elm Park", kind: kind,
                                                location: "the 1200 block of Elm Street", spokesperson: "sam")
        }
    }

    @Test(arguments: Storage.allCases) func aHoldingStatementGoesFromTemplateToSignedApproval(storage: Storage) throws {
        let team = try Team(storage: storage)
        for (key, text, source) in [("injuries", "One adult was taken to Mercy Hospital.", "Mercy Hospital"),
                                    ("public-safety", "There is no ongoing threat to the public.", "Incident commander"),
                                    ("investigating-agency", "The State Bureau of Investigation", "SBI duty agent")] {
            let fact = try team.drafter.addFact(incidentID: team.incident.id, text: text, source: source, sourceKind: .officialRecord, key: key)
            try team.verifier.setFactStatus(factID: fact.id, to: .verified)
            try team.legal.clearFact(factID: fact.id)
        }
        let release = try team.drafter.draftRelease(incidentID: team.incident.id, templateID: "officer-involved-shooting", holding: true)
        let state = try team.drafter.signOffState(releaseID: release.id)
        #expect(state.blocking.isEmpty, "\(state.blocking.map(\.message))")
        #expect(state.revision.renditions.keys.contains("x"))
        #expect(!state.revision.text.contains("{{"))

        try team.drafter.submitRelease(id: release.id)
        // The holding statement is exactly as pre-cleared with its template: no fresh legal review.
        #expect(!state.legalReviewRequired)
        let approval = try team.spokesperson.approveRelease(id: release.id, acknowledging: state.warnings.map(\.rule))
        #expect(approval.contentHash == state.document.hash)
        #expect(approval.hasValidSignature)
        #expect(try team.drafter.release(id: release.id).status == .approved)
        #expect(try ChainVerifier(database: team.drafter.database).verify().isIntact)
    }

    @Test(arguments: Storage.allCases) func anEditedHoldingStatementAfterAShootingNeedsLegalClearance(storage: Storage) throws {
        let team = try Team(storage: storage)
        let release = try team.drafter.draftRelease(incidentID: team.incident.id, templateID: "officer-involved-shooting", holding: true)
        let drafted = try team.drafter.revision(releaseID: release.id)
        try team.drafter.editRelease(id: release.id, text: drafted.text + "\nA community meeting will be held on Thursday.")
        try team.drafter.submitRelease(id: release.id)
        let state = try team.drafter.signOffState(releaseID: release.id)
        #expect(state.legalReviewRequired)
        #expect(throws: IdentityError.self) {
            try team.spokesperson.approveRelease(id: release.id, acknowledging: state.warnings.map(\.rule))
        }
        #expect(throws: IdentityError.self) { try team.drafter.clearRelease(id: release.id) }
        try team.legal.clearRelease(id: release.id, note: "Reviewed against the OIS protocol")
        let approval = try team.spokesperson.approveRelease(id: release.id, acknowledging: state.warnings.map(\.rule))
        #expect(approval.contentHash == state.document.hash)
        #expect(try ChainVerifier(database: team.drafter.database).verify().attestations == 2)
    }

    @Test(arguments: Storage.allCases) func nobodyButTheIncidentsSpokespersonCanApprove(storage: Storage) throws {
        let team = try Team(kind: .roadClosure, storage: storage)
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Closure",
                                                     text: "Elm Street is closed between 1st and 3rd Avenue. The investigation is ongoing, and more information will follow.",
                                                     renditions: ["x": "Elm Street is closed between 1st and 3rd Avenue."])
        try team.drafter.submitRelease(id: release.id)
        for wrong in [team.drafter, team.agency.admin, team.other, team.legal] {
            #expect(throws: IdentityError.self) { try wrong.approveRelease(id: release.id) }
        }
        #expect(try team.drafter.release(id: release.id).status == .inReview)
        try team.spokesperson.approveRelease(id: release.id)
        #expect(try team.drafter.release(id: release.id).status == .approved)
    }

    @Test(arguments: Storage.allCases) func factsNeedASecondPersonAndOnlyVerifiedFactsCanGo(storage: Storage) throws {
        let team = try Team(kind: .roadClosure, storage: storage)
        let fact = try team.drafter.addFact(incidentID: team.incident.id, text: "Two people were taken to Mercy Hospital",
                                            source: "Mercy Hospital", sourceKind: .hospital, key: "injured")
        // The recorder cannot verify their own fact, even holding the role.
        let selfVerifier = try team.agency.enrol("sol", [.drafter, .verifier])
        let own = try selfVerifier.addFact(incidentID: team.incident.id, text: "A shelter opened at the high school",
                                           source: "Red Cross", sourceKind: .officialRecord)
        #expect(throws: IdentityError.self) { try selfVerifier.setFactStatus(factID: own.id, to: .verified) }
        #expect(throws: IdentityError.self) { try team.drafter.setFactStatus(factID: fact.id, to: .verified) }

        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Update",
                                                     text: "Two people were taken to Mercy Hospital. The investigation is ongoing.",
                                                     renditions: [:])
        let findings = try team.drafter.checkRelease(id: release.id)
        #expect(findings.contains { $0.rule == "unverified-fact" && $0.line == 1 && $0.column == 1 })
        #expect(throws: IdentityError.self) { try team.drafter.submitRelease(id: release.id) }

        try team.verifier.setFactStatus(factID: fact.id, to: .verified, note: "Called the charge nurse")
        #expect(try team.drafter.checkRelease(id: release.id).filter { $0.severity == .block }.isEmpty)
        let attestations = try team.drafter.factAttestations(factID: fact.id)
        #expect(attestations.map(\.verdict) == ["verified"])
        #expect(attestations.first?.actorHandle == "vic")
    }

    @Test(arguments: Storage.allCases) func anEditAfterApprovalNeedsANewApproval(storage: Storage) throws {
        let team = try Team(kind: .roadClosure, storage: storage)
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Closure",
                                                     text: "Elm Street is closed. The investigation is ongoing.", renditions: [:])
        try team.drafter.submitRelease(id: release.id)
        let first = try team.spokesperson.approveRelease(id: release.id)
        try team.drafter.editRelease(id: release.id, text: "Elm Street and Oak Street are closed. The investigation is ongoing.")
        let after = try team.drafter.signOffState(releaseID: release.id)
        #expect(after.release.status == .draft)
        #expect(after.approval == nil)
        let history = try team.drafter.releaseAttestations(releaseID: release.id)
        #expect(history.count == 1)
        #expect(history.first?.id == first.id)
        #expect(history.first?.supersededAt != nil)
        #expect(throws: IdentityError.self) { try team.spokesperson.approveRelease(id: release.id) }
    }

    @Test(arguments: Storage.allCases) func blockingRulesStopSubmissionAndWarningsMustBeAcknowledged(storage: Storage) throws {
        let team = try Team(kind: .roadClosure, storage: storage)
        let blocked = try team.drafter.createRelease(incidentID: team.incident.id, title: "Bad",
                                                     text: "The suspect lives at 1234 Oak Street. The investigation is ongoing.", renditions: [:])
        #expect(throws: IdentityError.self) { try team.drafter.submitRelease(id: blocked.id) }

        let warned = try team.drafter.createRelease(incidentID: team.incident.id, title: "Speculative",
                                                    text: "We believe the driver was speeding. The investigation is ongoing.", renditions: [:])
        try team.drafter.submitRelease(id: warned.id)
        let warnings = try team.drafter.signOffState(releaseID: warned.id).warnings
        #expect(!warnings.isEmpty)
        #expect(throws: IdentityError.self) { try team.spokesperson.approveRelease(id: warned.id) }
        try team.spokesperson.approveRelease(id: warned.id, acknowledging: warnings.map(\.rule))
    }

    @Test(arguments: Storage.allCases) func namesUnderAHoldBlock(storage: Storage) throws {
        let team = try Team(storage: storage)
        _ = try team.drafter.addNamedPerson(incidentID: team.incident.id, name: "Jordan Reyes", category: .officer)
        let victim = try team.drafter.addNamedPerson(incidentID: team.incident.id, name: "Casey Moore", category: .victim)
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Names",
                                                     text: "Officer Reyes fired. Casey Moore was injured. The investigation is ongoing.", renditions: [:])
        let rules = try team.drafter.checkRelease(id: release.id).map(\.rule)
        #expect(rules.contains("hold-officer-name"))
        #expect(rules.contains("hold-next-of-kin"))
        try team.verifier.markNextOfKinNotified(namedPersonID: victim.id, note: "Chaplain notified the family")
        #expect(!(try team.drafter.checkRelease(id: release.id).map(\.rule)).contains("hold-next-of-kin"))
        // After 72 hours the officer's name may go.
        team.agency.clock.advance(by: 73 * 3600)
        #expect(!(try team.drafter.checkRelease(id: release.id).map(\.rule)).contains("hold-officer-name"))
    }

    @Test(arguments: Storage.allCases) func aReleasedReleaseChangesOnlyThroughACorrection(storage: Storage) throws {
        let team = try Team(kind: .roadClosure, storage: storage)
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Closure",
                                                     text: "Elm Street is closed. The investigation is ongoing.", renditions: [:])
        try team.drafter.submitRelease(id: release.id)
        try team.spokesperson.approveRelease(id: release.id)
        try team.agency.admin.database.writeLogged(as: team.agency.adminKey, action: "release.released") { session in
            var r = try #require(try session.release(id: release.id))
            r.status = .released
            try session.updateRelease(r)
        }
        #expect(throws: IdentityError.self) { try team.drafter.editRelease(id: release.id, text: "Changed.") }
        let correction = try team.drafter.followUpRelease(of: release.id, kind: .correction)
        #expect(correction.parentID == release.id)
        #expect(correction.kind == .correction)
        #expect(try team.drafter.release(id: correction.id).status == .draft)
    }

    @Test(arguments: Storage.allCases) func exerciseRenditionsCarryTheMarkerAndSwitchingModeIsAttested(storage: Storage) throws {
        let agency = try TestAgency(mode: .exercise, storage: storage)
        let drafter = try agency.enrol("dana", [.drafter])
        let incident = try drafter.openIncident(title: "Drill", kind: .activeShooter, location: "Riverton High School")
        let release = try drafter.draftRelease(incidentID: incident.id, templateID: "active-shooter", holding: true)
        let renditions = try drafter.revision(releaseID: release.id).renditions
        #expect(!renditions.isEmpty)
        #expect(renditions.values.allSatisfy { $0.hasPrefix(Renditions.exerciseMarker) })
        #expect(throws: IdentityError.self) { try drafter.setWorkspaceMode(.live) }
        try agency.admin.setWorkspaceMode(.live, note: "Drill over")
        #expect(try agency.admin.agency().mode == .live)
        #expect(try ChainVerifier(database: agency.admin.database).verify().attestations == 1)
    }

    @Test(arguments: Storage.allCases) func retractingAReleasedFactDraftsACorrection(storage: Storage) throws {
        let team = try Team(kind: .roadClosure, storage: storage)
        let fact = try team.drafter.addFact(incidentID: team.incident.id, text: "Oak Street is open as a detour",
                                            source: "Public Works", sourceKind: .officialRecord)
        try team.verifier.setFactStatus(factID: fact.id, to: .verified)
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Closure",
                                                     text: "Elm Street is closed. Oak Street is open as a detour. The investigation is ongoing.",
                                                     renditions: ["website": "Elm Street is closed. Oak Street is open as a detour."])
        try team.drafter.submitRelease(id: release.id)
        try team.spokesperson.approveRelease(id: release.id)
        try team.spokesperson.scheduleRelease(id: release.id, at: team.agency.clock.now().addingTimeInterval(600))
        #expect(try team.drafter.releases(incidentID: team.incident.id).count == 1)

        try team.verifier.setFactStatus(factID: fact.id, to: .retracted, note: "Oak Street flooded too")
        let corrections = try team.drafter.releases(incidentID: team.incident.id).filter { $0.kind == .correction }
        #expect(corrections.count == 1)
        #expect(corrections.first?.parentID == release.id)
        let text = try team.drafter.revision(releaseID: try #require(corrections.first).id).text
        #expect(text.hasPrefix("An earlier release said: \"Oak Street is open as a detour.\""))
        #expect(text.contains("Elm Street is closed."))
        #expect(try ChainVerifier(database: team.drafter.database).verify().isIntact)
    }
}
