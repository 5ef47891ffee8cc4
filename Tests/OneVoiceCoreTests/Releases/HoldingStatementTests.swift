import Foundation
import Testing
@testable import OneVoiceCore

/// A holding statement must be able to go out in the first minutes: drafted from any built-in
/// template on a fresh incident, before anyone has recorded or verified a fact.
@Suite("Holding statements")
struct HoldingStatementTests {
    @Test(arguments: IncidentKind.allCases)
    func aHoldingStatementFromEveryBuiltInTemplateHasNoBlockingFinding(_ kind: IncidentKind) throws {
        let agency = try TestAgency()
        let drafter = try agency.enrol("dana", [.drafter])
        try agency.enrol("sam", [.spokesperson])
        let incident = try drafter.openIncident(title: "Incident near Elm Park", kind: kind,
                                                location: "the 1200 block of Elm Street", spokesperson: "sam")
        let template = try #require(drafter.settings.templates.template(for: kind))
        let release = try drafter.draftRelease(incidentID: incident.id, templateID: template.id, holding: true)
        #expect(release.isHolding)
        let findings = try drafter.checkRelease(id: release.id)
        let blocking = findings.filter { $0.severity == .block }
        #expect(blocking.isEmpty, "\(kind.slug): \(blocking.map { "\($0.rule): \($0.message) <\($0.excerpt)>" })")
        #expect(!findings.contains { $0.rule == PolicyChecker.missingCaveatRule }, "\(kind.slug) lacks the caveat")

        let revision = try drafter.revision(releaseID: release.id)
        #expect(!revision.text.contains("{{"))
        #expect(Set(revision.renditions.keys) == Set(template.channels.map(\.slug)))
        for (slug, text) in revision.renditions {
            let channel = try #require(Channel(rawValue: slug))
            #expect(PostValidator.validate(text, for: channel).valid, "\(kind.slug) \(slug): \(text)")
        }
    }

    @Test(arguments: Storage.allCases) func holdingRenditionsComeFromHoldingShortAndFullReleasesFromShort(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let drafter = try agency.enrol("dana", [.drafter])
        let incident = try drafter.openIncident(title: "Shooting", kind: .officerInvolvedShooting, location: "the 1200 block of Elm Street")
        let holding = try drafter.draftRelease(incidentID: incident.id, templateID: "officer-involved-shooting", holding: true)
        let x = try #require(try drafter.revision(releaseID: holding.id).renditions["x"])
        #expect(x.hasPrefix("Officers of the Riverton Police Department were involved in a shooting near the 1200 block of Elm Street at about "))
        #expect(!x.contains("{{"))

        // Editing the holding statement remakes its channel texts from the holding short texts too.
        try drafter.editRelease(id: holding.id, text: "Officers were involved in a shooting. The investigation is ongoing, and more information will follow.")
        #expect(try drafter.revision(releaseID: holding.id).renditions["x"] == x)

        // The full release keeps its fact slots (blocked until the facts are recorded and verified).
        let full = try drafter.draftRelease(incidentID: incident.id, templateID: "officer-involved-shooting")
        let fullX = try #require(try drafter.revision(releaseID: full.id).renditions["x"])
        #expect(fullX.contains("{{fact:public-safety}}"))
        #expect(try drafter.checkRelease(id: full.id).contains { $0.rule == "required-fact" })
    }
}
