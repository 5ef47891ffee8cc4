import Foundation

extension Workspace {
    /// Adds a person to the roster (admins only), in `agency` (a partner's code, or `host`; the admin's own
    /// agency when nil). A partner's admins enrol their own people; the host's admins anyone's.
    @discardableResult
    public func addToRoster(handle: String, displayName: String, roles: [Role], publicKey: String, agency code: String? = nil) throws -> Person {
        guard Person.isValidHandle(handle) else {
            throw StoreError.invalid("\"\(handle)\" is not a usable handle; use lower-case letters, digits, '.', '-' or '_' (up to 32).")
        }
        guard !roles.isEmpty else { throw StoreError.invalid("Give the person at least one role with --role.") }
        try TextInput.check(displayName, as: .name)
        guard IdentityKey.isWellFormedPublicKey(publicKey) else {
            throw StoreError.invalid("That is not an Ed25519 public key; paste the key `onevoice key generate` printed.")
        }
        return try write { session in
            let admin = try actor(in: session, allowed: [.admin], to: "change the roster")
            let agencyID = try code.map { try agencyIDs(codes: [$0], in: session)[0] } ?? admin.agencyID
            try refuseUnlessManaging(agencyID, by: admin, in: session)
            if try session.handleOrPublicKeyTaken(handle: handle, publicKey: publicKey) {
                throw StoreError.invalid("The handle \(handle) or that public key is already in the roster; nothing was changed.")
            }
            let now = clock.now()
            var person = Person(id: 0, handle: handle, displayName: displayName, publicKey: publicKey, roles: roles, addedAt: now,
                                agencyID: agencyID)
            try session.insertPerson(&person)
            try session.appendLog(actor: admin, action: "roster.add", subjectType: "person", subjectID: person.id,
                                  incidentID: nil, change: person, at: now)
            return person
        }
    }

    /// Takes a person off the roster (admins only). The row stays, with when and why, because they signed
    /// records; their key can do nothing from now on. The last admin cannot be removed, nor the
    /// spokesperson of an incident that is not closed (assign another one first).
    @discardableResult
    public func removeFromRoster(handle: String, reason: String) throws -> RosterRemoval {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError.invalid("Say why with --reason; the roster keeps it.") }
        try TextInput.check(reason, as: .note)
        return try write { session in
            let admin = try actor(in: session, allowed: [.admin], to: "change the roster")
            let person = try rosterMember(handle, in: session)
            try refuseUnlessManaging(person.agencyID, by: admin, in: session)
            if person.has(.admin), person.agencyID == AgencyID.host, try session.hostAdminCount() <= 1 {
                throw StoreError.invalid("\(person.handle) is the last admin; add another admin before removing them.")
            }
            try refuseIfSpokesperson(person, in: session, to: "removing them")
            let now = clock.now()
            let removal = RosterRemoval(personID: person.id, handle: person.handle, reason: reason, removedAt: now)
            try session.removePerson(id: person.id, reason: reason, at: now)
            try session.appendLog(actor: admin, action: "roster.remove", subjectType: "person", subjectID: person.id,
                                  incidentID: nil, change: removal, at: now)
            return removal
        }
    }

    /// Replaces a person's roles (admins only). The last admin keeps the admin role, and an incident's
    /// spokesperson keeps that role while the incident is not closed.
    @discardableResult
    public func setRoles(handle: String, roles: [Role]) throws -> RosterRoleChange {
        let roles = Array(Set(roles)).sorted()
        guard !roles.isEmpty else { throw StoreError.invalid("Give at least one role with --role; to take someone off the roster use `onevoice roster remove`.") }
        return try write { session in
            let admin = try actor(in: session, allowed: [.admin], to: "change the roster")
            let person = try rosterMember(handle, in: session)
            try refuseUnlessManaging(person.agencyID, by: admin, in: session)
            if person.has(.admin), !roles.contains(.admin), person.agencyID == AgencyID.host, try session.hostAdminCount() <= 1 {
                throw StoreError.invalid("\(person.handle) is the last admin and keeps that role; make someone else admin first.")
            }
            if person.has(.spokesperson), !roles.contains(.spokesperson) {
                try refuseIfSpokesperson(person, in: session, to: "taking away the spokesperson role")
            }
            guard roles != person.roles else {
                throw StoreError.invalid("\(person.handle) already has exactly \(Role.list(roles)); nothing was changed.")
            }
            let now = clock.now()
            let change = RosterRoleChange(personID: person.id, handle: person.handle, from: person.roles, to: roles, changedAt: now)
            try session.setRoles(personID: person.id, roles: roles)
            try session.appendLog(actor: admin, action: "roster.roles", subjectType: "person", subjectID: person.id,
                                  incidentID: nil, change: change, at: now)
            return change
        }
    }

    /// Roles are held per agency: a partner's admins manage their own agency's people, the host's admins everyone's.
    private func refuseUnlessManaging(_ agencyID: Int64, by admin: Person, in session: StoreSession) throws {
        guard admin.agencyID != AgencyID.host, admin.agencyID != agencyID else { return }
        let directory = try session.agencyDirectory()
        throw IdentityError.refused("\(admin.handle) is an admin of \(directory.name(of: admin.agencyID) ?? "another agency") and cannot change the roster of \(directory.name(of: agencyID) ?? "another agency"); nothing was changed.")
    }

    private func rosterMember(_ handle: String, in session: StoreSession) throws -> Person {
        guard let person = try session.person(handle: handle) else {
            throw StoreError.notFound(what: "one with the handle \(handle) on the roster; `onevoice roster list` shows who is")
        }
        return person
    }

    private func refuseIfSpokesperson(_ person: Person, in session: StoreSession, to doing: String) throws {
        if let incidentID = try session.openIncidentSpokenFor(personID: person.id) {
            throw StoreError.invalid("\(person.handle) is the spokesperson of incident #\(incidentID); assign another spokesperson before \(doing).")
        }
    }

    public func roster() throws -> [Person] {
        try database.read { try $0.roster() }
    }
}
