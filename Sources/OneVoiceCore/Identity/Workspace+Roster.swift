import Foundation

extension Workspace {
    /// Adds a person to the roster (admins only).
    @discardableResult
    public func addToRoster(handle: String, displayName: String, roles: [Role], publicKey: String) throws -> Person {
        guard Person.isValidHandle(handle) else {
            throw StoreError.invalid("\"\(handle)\" is not a usable handle; use lower-case letters, digits, '.', '-' or '_' (up to 32).")
        }
        guard !roles.isEmpty else { throw StoreError.invalid("Give the person at least one role with --role.") }
        guard IdentityKey.isWellFormedPublicKey(publicKey) else {
            throw StoreError.invalid("That is not an Ed25519 public key; paste the key `onevoice key generate` printed.")
        }
        return try write { session in
            let admin = try actor(in: session, allowed: [.admin], to: "change the roster")
            if try session.handleOrPublicKeyTaken(handle: handle, publicKey: publicKey) {
                throw StoreError.invalid("The handle \(handle) or that public key is already in the roster; nothing was changed.")
            }
            let now = clock.now()
            var person = Person(id: 0, handle: handle, displayName: displayName, publicKey: publicKey, roles: roles, addedAt: now)
            try session.insertPerson(&person)
            try session.appendLog(actor: admin, action: "roster.add", subjectType: "person", subjectID: person.id,
                                  incidentID: nil, change: person, at: now)
            return person
        }
    }

    public func roster() throws -> [Person] {
        try database.read { try $0.roster() }
    }
}
