import Foundation
import Testing
@testable import OneVoiceCore

/// Correcting an incident and an unverified fact: one logged change each, refused where the record must stay.
@Suite("Incident and fact corrections")
struct IncidentEditTests {
    @Test(arguments: Storage.allCases) func anIncidentIsCorrectedWithOneLoggedChange(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let pio = try agency.enrol("pio", [.drafter, .spokesperson])
        let incident = try pio.openIncident(title: "Shots fird", kind: .general, location: "Elm Street")
        let before = try agency.logCount()
        let edited = try pio.editIncident(id: incident.id, title: "Shots fired", kind: .officerInvolvedShooting, severity: 4,
                                          location: "the 1200 block of Elm Street")
        #expect(edited.title == "Shots fired")
        #expect(try pio.incident(id: incident.id).kind == .officerInvolvedShooting)
        #expect(try agency.logCount() == before + 1)
        let entry = try #require(try agency.admin.database.read { try $0.logWindow(incidentID: incident.id, from: nil, backward: false, limit: 1) }.first)
        #expect(entry.action == "incident.edit")
        #expect(entry.change.contains("Shots fird") && entry.change.contains("Shots fired"), "the change holds before and after")
        #expect(try ChainVerifier(database: agency.admin.database).verify().isIntact)
    }

    @Test(arguments: Storage.allCases) func refusalsChangeNothing(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let pio = try agency.enrol("pio", [.drafter, .spokesperson])
        let vic = try agency.enrol("vic", [.verifier])
        let incident = try pio.openIncident(title: "Flood", kind: .general, location: "River Road")
        let before = try agency.logCount()
        #expect(throws: (any Error).self) { try pio.editIncident(id: incident.id, title: "  ", kind: .general, severity: 2, location: "") }
        #expect(throws: (any Error).self) { try pio.editIncident(id: incident.id, title: "Flood", kind: .general, severity: 9, location: "") }
        #expect(throws: (any Error).self) { try vic.editIncident(id: incident.id, title: "Flood!", kind: .general, severity: 2, location: "") }
        #expect(throws: (any Error).self) { try pio.editIncident(id: incident.id, title: "Flood", kind: .general, severity: 2, location: "River Road") }
        #expect(throws: (any Error).self) { try pio.editIncident(id: 999, title: "Flood", kind: .general, severity: 2, location: "") }
        _ = try pio.closeIncident(id: incident.id)
        #expect(throws: (any Error).self) { try pio.editIncident(id: incident.id, title: "Reopened?", kind: .general, severity: 2, location: "") }
        #expect(try agency.logCount() == before + 1, "only the close was logged")
    }

    @Test(arguments: Storage.allCases) func onlyAnUnverifiedFactIsCorrected(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let pio = try agency.enrol("pio", [.drafter, .spokesperson])
        let vic = try agency.enrol("vic", [.verifier])
        let incident = try pio.openIncident(title: "Flood", kind: .general, location: "River Road")
        let fact = try pio.addFact(incidentID: incident.id, text: "Two homes flooded.", source: "Fire chief", sourceKind: .incidentCommander)
        let corrected = try pio.editFact(factID: fact.id, text: "Three homes flooded.", source: "Fire chief Diaz",
                                         sourceKind: .incidentCommander, key: "damage")
        #expect(corrected.text == "Three homes flooded.")
        #expect(corrected.key == "damage")
        #expect(corrected.status == .unverified)
        #expect(throws: (any Error).self) {
            try pio.editFact(factID: fact.id, text: "Three homes flooded.", source: "Fire chief Diaz", sourceKind: .incidentCommander, key: "damage")
        }
        #expect(throws: (any Error).self) {
            try pio.editFact(factID: fact.id, text: "x", source: "y", sourceKind: .witness, key: "Not A Key!")
        }
        _ = try vic.setFactStatus(factID: fact.id, to: .verified, note: "called")
        let before = try agency.logCount()
        #expect(throws: (any Error).self) {
            try pio.editFact(factID: fact.id, text: "Four homes flooded.", source: "Fire chief Diaz", sourceKind: .incidentCommander, key: nil)
        }
        #expect(try pio.facts(incidentID: incident.id).first?.text == "Three homes flooded.", "a verified fact stays as it was signed")
        #expect(try agency.logCount() == before)
    }
}

extension IncidentEditTests {
    /// A correction is held to the same input limits as the record it corrects: control characters, escape
    /// sequences and oversized text are refused, and nothing is logged.
    @Test(arguments: Storage.allCases) func correctionsRefuseHostileTextAsRecordingDoes(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let pio = try agency.enrol("pio", [.drafter, .spokesperson])
        let incident = try pio.openIncident(title: "Flood", kind: .general, location: "River Road")
        let fact = try pio.addFact(incidentID: incident.id, text: "Two homes flooded.", source: "Fire chief", sourceKind: .incidentCommander)
        let before = try agency.logCount()
        for hostile in ["Flood\u{0}ed", "Flood \u{1B}[2J", String(repeating: "x", count: 100_000)] {
            #expect(throws: TextInputError.self) {
                try pio.editIncident(id: incident.id, title: hostile, kind: .general, severity: 2, location: "River Road")
            }
            #expect(throws: TextInputError.self) {
                try pio.editIncident(id: incident.id, title: "Flood", kind: .general, severity: 2, location: hostile)
            }
            #expect(throws: TextInputError.self) {
                try pio.editFact(factID: fact.id, text: hostile, source: "Fire chief", sourceKind: .incidentCommander, key: nil)
            }
            #expect(throws: TextInputError.self) {
                try pio.editFact(factID: fact.id, text: "Three homes flooded.", source: hostile, sourceKind: .incidentCommander, key: nil)
            }
        }
        #expect(try agency.logCount() == before)
    }
}
