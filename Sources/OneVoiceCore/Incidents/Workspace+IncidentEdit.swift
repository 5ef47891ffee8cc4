import Foundation

extension Workspace {
    /// Corrects an open incident's title, kind, severity and location (the spokesperson, a drafter or an admin):
    /// one logged change (`incident.edit`) holding the fields before and after. A closed incident stays as it was.
    @discardableResult
    public func editIncident(id: Int64, title: String, kind: IncidentKind, severity: Int, location: String) throws -> Incident {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let location = location.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw StoreError.invalid("The incident needs a title.") }
        // The same limits and control-character refusals as opening an incident.
        try TextInput.check(title, as: .title)
        try TextInput.check(location, as: .location)
        guard (1...4).contains(severity) else { throw StoreError.invalid("Severity runs from 1 (minor) to 4 (critical).") }
        return try write { session in
            let person = try actor(in: session, allowed: [.spokesperson, .drafter, .admin], to: "edit an incident")
            guard var incident = try session.incident(id: id) else { throw StoreError.notFound(what: "incident #\(id)") }
            guard incident.status != .closed else {
                throw StoreError.invalid("Incident #\(id) is closed; a closed incident is kept as it was.")
            }
            let before = IncidentFields(incident)
            incident.title = title
            incident.kind = kind
            incident.severity = severity
            incident.location = location
            let after = IncidentFields(incident)
            guard before != after else { throw StoreError.invalid("Incident #\(id) already reads so; nothing was changed.") }
            try session.updateIncident(incident)
            try session.appendLog(actor: person, action: "incident.edit", subjectType: "incident", subjectID: id,
                                  incidentID: id, change: FieldChange(before: before, after: after), at: clock.now())
            return incident
        }
    }
}

/// The fields of an incident a person may correct, as the log records them.
struct IncidentFields: Encodable, Equatable {
    let title: String
    let kind: String
    let severity: Int
    let location: String

    init(_ incident: Incident) {
        title = incident.title
        kind = incident.kind.rawValue
        severity = incident.severity
        location = incident.location
    }
}

/// A logged correction: the fields before and after.
struct FieldChange<Fields: Encodable & Sendable>: Encodable, Sendable {
    let before: Fields
    let after: Fields
}
