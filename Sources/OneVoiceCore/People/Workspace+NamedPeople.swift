import Foundation

extension Workspace {
    /// Records a person named in an incident, so releases cannot name them before their hold ends.
    @discardableResult
    public func addNamedPerson(incidentID: Int64, name: String, category: NamedPersonCategory) throws -> NamedPerson {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw StoreError.invalid("Give the person's name (--name).") }
        try TextInput.check(name, as: .name)
        return try write { session in
            let person = try actor(in: session, allowed: [.drafter, .verifier, .spokesperson], to: "record a named person")
            guard try session.incident(id: incidentID) != nil else { throw StoreError.notFound(what: "incident #\(incidentID)") }
            let now = clock.now()
            var named = NamedPerson(incidentID: incidentID, name: name, category: category, recordedBy: person.id, recordedAt: now)
            try session.insertNamedPerson(&named)
            try session.appendLog(actor: person, action: "named.add", subjectType: "named-person", subjectID: named.id,
                                  incidentID: incidentID, change: named, at: now)
            return named
        }
    }

    /// Records that the next of kin were notified: a verifier's signed statement.
    @discardableResult
    public func markNextOfKinNotified(namedPersonID: Int64, note: String = "") throws -> NamedPerson {
        try TextInput.check(note, as: .note)
        return try write { session in
            let person = try actor(in: session, allowed: [.verifier], to: "confirm a next-of-kin notification")
            guard var named = try session.namedPerson(id: namedPersonID) else {
                throw StoreError.notFound(what: "named person #\(namedPersonID)")
            }
            guard !named.nextOfKinNotified else {
                throw StoreError.invalid("The next of kin of \(named.name) are already recorded as notified; nothing was changed.")
            }
            let now = clock.now()
            _ = try attest(session, by: person, role: .verifier, subjectType: "named-person", subjectID: named.id,
                           incidentID: named.incidentID, contentHash: Hashing.sha256Hex(named.name),
                           verdict: "next-of-kin-notified", note: note)
            named.nextOfKinNotified = true
            named.notifiedAt = now
            try session.updateNamedPerson(named)
            try session.appendLog(actor: person, action: "named.notified", subjectType: "named-person", subjectID: named.id,
                                  incidentID: named.incidentID, change: StatusChange(status: "next-of-kin-notified", note: note), at: now)
            return named
        }
    }

    public func namedPeople(incidentID: Int64) throws -> [NamedPerson] {
        try database.read { try $0.namedPeople(incidentID: incidentID) }
    }
}
