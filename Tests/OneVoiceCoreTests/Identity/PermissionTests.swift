import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Identity and permissions")
struct PermissionTests {
    @Test(arguments: Storage.allCases) func aCallerWithoutAKeyIsRefusedAndNothingChanges(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let before = try agency.logCount()
        let keyless = agency.admin.acting(as: nil)
        #expect(throws: IdentityError.self) { try keyless.openIncident(title: "T", kind: .general, location: "") }
        #expect(try agency.logCount() == before)
        #expect(try agency.admin.incidents().isEmpty)
    }

    @Test(arguments: Storage.allCases) func aKeyNotInTheRosterIsRefused(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let before = try agency.logCount()
        let error = #expect(throws: IdentityError.self) {
            try agency.stranger.openIncident(title: "T", kind: .general, location: "")
        }
        #expect(error?.description.contains("not in this database's roster") == true)
        #expect(try agency.logCount() == before)
    }

    @Test(arguments: Storage.allCases) func theWrongRoleIsRefusedInOneSentence(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let legal = try agency.enrol("lee", [.legal])
        let before = try agency.logCount()
        let error = #expect(throws: IdentityError.self) {
            try legal.openIncident(title: "T", kind: .general, location: "")
        }
        #expect(error?.description == "Only a drafter, a spokesperson or an admin can open an incident; lee has the legal role.")
        // Only admins change the roster.
        #expect(throws: IdentityError.self) {
            try legal.addToRoster(handle: "eve", displayName: "Eve", roles: [.admin], publicKey: IdentityKey().publicKeyBase64)
        }
        #expect(try agency.logCount() == before)
        #expect(try agency.admin.roster().map(\.handle) == ["admin", "lee"])
    }

    @Test(arguments: Storage.allCases) func theSpokespersonMustHoldTheRole(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        try agency.enrol("vic", [.verifier])
        #expect(throws: StoreError.self) {
            try agency.admin.openIncident(title: "T", kind: .general, location: "", spokesperson: "vic")
        }
    }

    @Test func keysRoundTripThroughPEMWithPrivateMode() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ov-key-\(UUID().uuidString)")
        let url = dir.appendingPathComponent("identity.key")
        let key = IdentityKey()
        try key.save(to: url)
        #expect(try IdentityKey.load(from: url).publicKeyBase64 == key.publicKeyBase64)
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(throws: IdentityError.keyExists(path: url.path)) { try IdentityKey().save(to: url) }
        try Data("garbage".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        #expect(throws: IdentityError.unreadableKeyFile(path: url.path)) { try IdentityKey.load(from: url) }
    }
}
