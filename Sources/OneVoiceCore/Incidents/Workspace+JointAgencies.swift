import Foundation

extension Workspace {
    /// Makes agencies take part in an incident, or stop taking part (by their codes). Someone of an agency
    /// already taking part does it; the incident's own agency always takes part, and an agency whose person
    /// is the incident's spokesperson stays until the voice is handed over.
    @discardableResult
    public func setJointAgencies(incidentID: Int64, adding: [String] = [], removing: [String] = []) throws -> Incident {
        guard !adding.isEmpty || !removing.isEmpty else {
            throw StoreError.invalid("Name an agency to add (--add) or to remove (--remove).")
        }
        return try write { session in
            let person = try actor(in: session, allowed: [.admin, .spokesperson, .drafter], to: "change which agencies take part in an incident")
            guard var incident = try session.incident(id: incidentID) else { throw StoreError.notFound(what: "incident #\(incidentID)") }
            // Checked before the change: once added, an agency would take part and pass the check in appendLog.
            try session.refuseUnlessTakingPart(person, incidentID: incidentID, action: "incident.agencies")
            let added = try agencyIDs(codes: adding, in: session), removed = try agencyIDs(codes: removing, in: session)
            let directory = try session.agencyDirectory()
            if removed.contains(incident.agencyID) {
                throw StoreError.invalid("Incident #\(incidentID) is \(directory.name(of: incident.agencyID) ?? "its agency")'s own; that agency always takes part.")
            }
            if let spokesperson = try incident.spokespersonID.flatMap({ try session.person(id: $0) }), removed.contains(spokesperson.agencyID) {
                throw StoreError.invalid("\(spokesperson.handle), the spokesperson of incident #\(incidentID), is of \(directory.name(of: spokesperson.agencyID) ?? "that agency"); hand the voice over before that agency leaves.")
            }
            let joint = Set(incident.jointAgencies).union(added).subtracting(removed).subtracting([incident.agencyID])
            guard joint != Set(incident.jointAgencies) else {
                throw StoreError.invalid("Incident #\(incidentID) already has exactly those agencies taking part; nothing was changed.")
            }
            let before = incident.jointAgencies
            incident.jointAgencies = joint.sorted()
            try session.updateIncident(incident)
            try session.appendLog(actor: person, action: "incident.agencies", subjectType: "incident", subjectID: incidentID,
                                  incidentID: incidentID,
                                  change: JointAgenciesChange(from: before.map { directory.code(of: $0) ?? "#\($0)" },
                                                              to: incident.jointAgencies.map { directory.code(of: $0) ?? "#\($0)" }),
                                  at: clock.now())
            return incident
        }
    }
}

struct JointAgenciesChange: Encodable {
    let from: [String]
    let to: [String]
}
