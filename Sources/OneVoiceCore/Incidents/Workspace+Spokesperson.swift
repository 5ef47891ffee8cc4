import Foundation

extension Workspace {
    /// Assigns or hands over the incident's one spokesperson: a signed, logged statement by whoever makes the change.
    @discardableResult
    public func assignSpokesperson(incidentID: Int64, handle: String, note: String = "") throws -> Incident {
        try TextInput.check(note, as: .note)
        return try write { session in
            guard var incident = try session.incident(id: incidentID) else { throw StoreError.notFound(what: "incident #\(incidentID)") }
            let person = try caller(in: session)
            // Command staff (admin) assigns; the current spokesperson may hand over; a drafter may fill an empty seat.
            let isCurrent = incident.spokespersonID == person.id
            let role: Role
            if person.has(.admin) { role = .admin } else if isCurrent { role = .spokesperson } else if incident.spokespersonID == nil && person.has(.drafter) {
                role = .drafter
            } else {
                throw IdentityError.refused("Only an admin or the current spokesperson can hand over incident #\(incidentID); \(person.handle) is neither.")
            }
            let spokesperson = try spokespersonFor(handle: handle, agencies: Set(incident.participatingAgencies), in: session)
            guard incident.spokespersonID != spokesperson.id else {
                throw StoreError.invalid("\(handle) is already the spokesperson of incident #\(incidentID); nothing was changed.")
            }
            let previous = try incident.spokespersonID.flatMap { try session.person(id: $0)?.handle }
            _ = try attest(session, by: person, role: role, subjectType: "incident", subjectID: incidentID, incidentID: incidentID,
                           contentHash: Hashing.sha256Hex("incident:\(incidentID) spokesperson:\(spokesperson.publicKey)"),
                           verdict: "spokesperson-assigned", note: note.isEmpty ? "\(previous ?? "nobody") → \(handle)" : note)
            incident.spokespersonID = spokesperson.id
            try session.updateIncident(incident)
            try session.appendLog(actor: person, action: "incident.spokesperson", subjectType: "incident", subjectID: incidentID,
                                  incidentID: incidentID, change: SpokespersonChange(from: previous, to: handle), at: clock.now())
            return incident
        }
    }
}

struct SpokespersonChange: Encodable {
    let from: String?
    let to: String
}
