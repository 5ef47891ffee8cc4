import Foundation
import Testing
@testable import OneVoiceCore

/// People leave and change jobs: removal and role changes are admin-only, logged, and never strand the agency.
@Suite struct RosterManagementTests {
    @Test(arguments: Storage.allCases) func removingSomeoneStopsTheirKeyAndIsLogged(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let dana = try agency.enrol("dana", [.drafter])
        _ = try dana.openIncident(title: "Before", kind: .general, location: "")
        let removal = try agency.admin.removeFromRoster(handle: "dana", reason: "Left the agency")
        #expect(removal.handle == "dana")
        #expect(throws: IdentityError.removedFromRoster(handle: "dana")) {
            try dana.openIncident(title: "After", kind: .general, location: "")
        }
        #expect(!(try agency.admin.roster().map(\.handle).contains("dana")))
        let entries = try agency.admin.database.read { try $0.logPage(limit: 10) }
        let entry = try #require(entries.first)
        #expect(entry.action == "roster.remove")
        #expect(entry.subjectType == "person")
        #expect(entry.change.contains("\"reason\":\"Left the agency\""))
        #expect(try ChainVerifier(database: agency.admin.database).verify().isIntact)
        // The handle and the key stay taken: the removed person signed records.
        #expect(throws: StoreError.self) {
            try agency.admin.addToRoster(handle: "dana", displayName: "Dana", roles: [.drafter], publicKey: IdentityKey().publicKeyBase64)
        }
    }

    @Test(arguments: Storage.allCases) func roleChangesAreAdminOnlyAndLogged(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let vic = try agency.enrol("vic", [.verifier])
        #expect(throws: IdentityError.self) { try vic.setRoles(handle: "vic", roles: [.admin]) }
        let change = try agency.admin.setRoles(handle: "vic", roles: [.verifier, .legal])
        #expect(change.from == [.verifier])
        #expect(change.to == [.verifier, .legal])
        let entry = try #require(try agency.admin.database.read { try $0.logPage(limit: 1) }.first)
        #expect(entry.action == "roster.roles")
        #expect(try vic.currentPerson()?.roles == [.verifier, .legal])
        #expect(throws: IdentityError.self) { try vic.removeFromRoster(handle: "admin", reason: "coup") }
    }

    @Test(arguments: Storage.allCases) func theLastAdminStays(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let before = try agency.logCount()
        #expect(throws: StoreError.self) { try agency.admin.removeFromRoster(handle: "admin", reason: "Retiring") }
        #expect(throws: StoreError.self) { try agency.admin.setRoles(handle: "admin", roles: [.drafter]) }
        #expect(try agency.logCount() == before)
        // With a second admin, the first may go (even themselves).
        try agency.enrol("ada2", [.admin])
        try agency.admin.removeFromRoster(handle: "admin", reason: "Retiring")
        #expect(throws: IdentityError.removedFromRoster(handle: "admin")) {
            try agency.admin.setRoles(handle: "ada2", roles: [.drafter])
        }
    }

    @Test(arguments: Storage.allCases) func anOpenIncidentKeepsItsSpokesperson(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        try agency.enrol("sam", [.spokesperson])
        let incident = try agency.admin.openIncident(title: "Elm", kind: .general, location: "", spokesperson: "sam")
        #expect(throws: StoreError.self) { try agency.admin.removeFromRoster(handle: "sam", reason: "Moved") }
        #expect(throws: StoreError.self) { try agency.admin.setRoles(handle: "sam", roles: [.drafter]) }
        _ = try agency.admin.closeIncident(id: incident.id)
        try agency.admin.removeFromRoster(handle: "sam", reason: "Moved")
    }

    @Test(arguments: Storage.allCases) func refusalsNeedAReasonAndAKnownHandle(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        try agency.enrol("dana", [.drafter])
        #expect(throws: StoreError.self) { try agency.admin.removeFromRoster(handle: "dana", reason: "  ") }
        #expect(throws: StoreError.self) { try agency.admin.removeFromRoster(handle: "nobody", reason: "x") }
        #expect(throws: StoreError.self) { try agency.admin.setRoles(handle: "dana", roles: []) }
        try agency.admin.removeFromRoster(handle: "dana", reason: "Left")
        #expect(throws: StoreError.self) { try agency.admin.removeFromRoster(handle: "dana", reason: "Again") }
    }
}
