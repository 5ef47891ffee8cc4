import Foundation
import Testing
@testable import OneVoiceCore

/// The checks run on every field that is published with a release, not only its text.
@Suite("Checks on every published field")
struct PublishedFieldCheckTests {
    static let caveat = "The investigation is ongoing, and more information will follow."

    func team(title: String, location: String) throws -> (drafter: Workspace, incident: Incident) {
        let agency = try TestAgency()
        let drafter = try agency.enrol("dana", [.drafter])
        try agency.enrol("sam", [.spokesperson])
        let incident = try drafter.openIncident(title: title, kind: .general, location: location, spokesperson: "sam")
        return (drafter, incident)
    }

    @Test func aTitleAndALocationAreCheckedAndNamed() throws {
        let (drafter, incident) = try team(title: "Jordan Smith, 15, arrested", location: "1234 Elm Street")
        let release = try drafter.createRelease(incidentID: incident.id, title: "Holding statement: Jordan Smith (15) arrested",
                                                text: "Officers made an arrest. \(Self.caveat)", renditions: [:])
        let findings = try drafter.checkRelease(id: release.id)
        let headline = try #require(findings.first { $0.field == "headline" && $0.rule == "juvenile" })
        #expect(headline.severity == .block)
        #expect(headline.message.hasPrefix("In the headline"))
        #expect(findings.contains { $0.field == "incident-title" && $0.rule == "juvenile" })
        let area = try #require(findings.first { $0.field == "area" && $0.rule == "address" })
        #expect(area.line == 1 && area.column == 1)
        #expect(area.summary.hasPrefix("area 1:1: block [address]"))
    }

    @Test func aCleanTitleAndHundredBlockLocationPass() throws {
        let (drafter, incident) = try team(title: "Road closed near Elm Park", location: "1200 block of Elm Street")
        let release = try drafter.createRelease(incidentID: incident.id, title: "Road closed near Elm Park",
                                                text: "Elm Street is closed. \(Self.caveat)", renditions: ["x": "Elm Street is closed."])
        #expect(try drafter.checkRelease(id: release.id).filter { $0.severity == .block }.isEmpty)
    }

    @Test func invisibleCharactersInAHeadlineBlock() throws {
        let (drafter, incident) = try team(title: "Shelter order", location: "Downtown")
        let release = try drafter.createRelease(incidentID: incident.id, title: "Shelter order \u{202E}DETFIL\u{202C}",
                                                text: "Shelter in place. \(Self.caveat)", renditions: [:])
        let findings = try drafter.checkRelease(id: release.id)
        #expect(findings.contains { $0.field == "headline" && $0.rule == "invisible-character" && $0.severity == .block })
    }

    @Test(arguments: [
        "two  people were TAKEN to mercy hospital",
        "Two people were taken to Mercy Hospital!",
        "Two people\u{00A0}were taken, to Mercy\u{200B} Hospital",
        "two-people were taken to mercy-hospital",
    ])
    func anUnverifiedFactIsFoundWhateverItsSpacing(_ sentence: String) throws {
        let (drafter, incident) = try team(title: "Crash", location: "Downtown")
        try drafter.addFact(incidentID: incident.id, text: "Two people were taken to Mercy Hospital.", source: "Lt. Ortiz",
                            sourceKind: .incidentCommander)
        let release = try drafter.createRelease(incidentID: incident.id, title: "Crash", text: "Police said \(sentence). \(Self.caveat)",
                                                renditions: ["x": "Update: \(sentence)."])
        let findings = try drafter.checkRelease(id: release.id)
        #expect(findings.contains { $0.rule == "unverified-fact" && $0.field == "text" }, "\(findings.map(\.summary))")
        #expect(findings.contains { $0.rule == "unverified-fact" && $0.field == "rendition:x" })
    }

    @Test(arguments: ["Maria\u{200B} Gonzalez", "MARIA GONZALEZ", "Gonza\u{00AD}lez", "María Gonzalez", "Maria  Gonzalez"])
    func aHeldNameIsFoundWithInvisibleCharactersInside(_ written: String) throws {
        let (drafter, incident) = try team(title: "Crash", location: "Downtown")
        try drafter.addNamedPerson(incidentID: incident.id, name: "Maria Gonzalez", category: .victim)
        let release = try drafter.createRelease(incidentID: incident.id, title: "Crash", text: "The driver, \(written), died. \(Self.caveat)",
                                                renditions: [:])
        let findings = try drafter.checkRelease(id: release.id)
        #expect(findings.contains { $0.rule == "hold-next-of-kin" }, "\(written): \(findings.map(\.summary))")
    }
}
