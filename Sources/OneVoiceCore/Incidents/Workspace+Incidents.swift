import Foundation

extension Workspace {
    /// Opens an incident of the caller's agency, optionally with its one spokesperson. `jointWith` (agency
    /// codes) makes it a joint incident: those agencies take part, and the spokesperson may be of any of them.
    @discardableResult
    public func openIncident(title: String, kind: IncidentKind, location: String, spokesperson handle: String? = nil,
                             severity: Int = 2, jointWith codes: [String] = []) throws -> Incident {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw StoreError.invalid("The incident needs a title (--title).") }
        try TextInput.check(title, as: .title)
        try TextInput.check(location, as: .location)
        guard (1...4).contains(severity) else { throw StoreError.invalid("Severity runs from 1 (minor) to 4 (critical).") }
        return try write { session in
            let person = try actor(in: session, allowed: [.drafter, .spokesperson, .admin], to: "open an incident")
            guard let agency = try session.agency() else { throw StoreError.notInitialised(path: database.path) }
            let joint = try agencyIDs(codes: codes, in: session)
            var spokespersonID: Int64?
            if let handle {
                let participants = Set([person.agencyID] + joint)
                spokespersonID = try spokespersonFor(handle: handle, agencies: participants, in: session).id
            }
            let now = clock.now()
            var incident = Incident(kind: kind, title: title, location: location.trimmingCharacters(in: .whitespacesAndNewlines),
                                    severity: severity, spokespersonID: spokespersonID, isExercise: agency.mode == .exercise,
                                    openedAt: now, openedBy: person.id, agencyID: person.agencyID, jointAgencies: joint)
            try session.insertIncident(&incident)
            try session.appendLog(actor: person, action: "incident.open", subjectType: "incident", subjectID: incident.id,
                                  incidentID: incident.id, change: incident, at: now)
            return incident
        }
    }

    /// The person `handle` names, when they may be the one voice of an incident these agencies take part in.
    func spokespersonFor(handle: String, agencies: Set<Int64>, in session: StoreSession) throws -> Person {
        guard let spokesperson = try session.person(handle: handle) else {
            throw StoreError.invalid("There is nobody with the handle \(handle) in the roster.")
        }
        guard spokesperson.has(.spokesperson) else {
            throw StoreError.invalid("\(handle) does not hold the spokesperson role; an admin can add it.")
        }
        guard agencies.contains(spokesperson.agencyID) else {
            let directory = try session.agencyDirectory()
            throw StoreError.invalid("\(handle) is of \(directory.name(of: spokesperson.agencyID) ?? "another agency"), which does not take part in this incident; the spokesperson must be of an agency that does.")
        }
        return spokesperson
    }

    public func closeIncident(id: Int64) throws -> Incident {
        try write { session in
            let person = try actor(in: session, allowed: [.spokesperson, .drafter, .admin], to: "close an incident")
            guard var incident = try session.incident(id: id) else { throw StoreError.notFound(what: "incident #\(id)") }
            guard incident.status != .closed else {
                throw StoreError.invalid("Incident #\(id) is already closed; nothing was changed.")
            }
            let now = clock.now()
            incident.status = .closed
            incident.closedAt = now
            try session.updateIncident(incident)
            try session.appendLog(actor: person, action: "incident.close", subjectType: "incident", subjectID: id,
                                  incidentID: id, change: ["status": "closed"], at: now)
            return incident
        }
    }

    public func incident(id: Int64) throws -> Incident {
        try database.read { session in
            guard let incident = try session.incident(id: id) else { throw StoreError.notFound(what: "incident #\(id)") }
            return incident
        }
    }

    public func incidents() throws -> [Incident] {
        try database.read { try $0.incidents() }
    }
}
