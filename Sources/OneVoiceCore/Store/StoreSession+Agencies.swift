import Foundation
import GRDB

// The agencies of a joint information center: partners beside the host, and who may act on which incident.

extension StoreSession {
    public func insertPartnerAgency(_ agency: inout PartnerAgency) throws {
        try agency.insert(db)
    }

    public func partnerAgencies() throws -> [PartnerAgency] {
        try PartnerAgency.fetchAll(db, sql: "SELECT * FROM partnerAgency ORDER BY id")
    }

    /// The host's name and every partner: what turns agency ids into names and codes.
    public func agencyDirectory() throws -> AgencyDirectory {
        AgencyDirectory(hostName: try agency()?.name ?? "", partners: try partnerAgencies())
    }

    /// How many people on the roster (not removed) hold the admin role in the host agency: the admins who
    /// can add partners and enrol anyone.
    public func hostAdminCount() throws -> Int {
        try roster().filter { $0.has(.admin) && $0.agencyID == AgencyID.host }.count
    }

    /// Refuses a change by `person` to an incident their agency neither owns nor takes part in. Every logged
    /// change names its incident, so `appendLog` asks this for each one; deliveries are exempt (the
    /// center's one scheduler sends every agency's approved posts).
    func refuseUnlessTakingPart(_ person: Person, incidentID: Int64, action: String) throws {
        guard JointRules.actsOnIncident(action) else { return }
        guard let row = try Row.fetchOne(db, sql: "SELECT agencyID, jointAgencies FROM incident WHERE id = ?", arguments: [incidentID]) else {
            return
        }
        let owner: Int64 = row[0]
        let joint = JointRules.agencyList(row[1] as String? ?? "[]")
        guard owner != person.agencyID, !joint.contains(person.agencyID) else { return }
        let directory = try agencyDirectory()
        throw IdentityError.refused("""
            Incident #\(incidentID) belongs to \(directory.name(of: owner) ?? "another agency")\
            \(joint.isEmpty ? "" : " (with \(AgencyDirectory.phrase(joint.map { directory.name(of: $0) ?? "agency #\($0)" })))"); \
            \(person.handle) of \(directory.name(of: person.agencyID) ?? "another agency") cannot act on it. Nothing was changed.
            """)
    }
}

/// The rules of several agencies on one record, shared by the workflow and the replay.
enum JointRules {
    /// Whether a logged action acts on its incident (and so needs its actor's agency to take part in it).
    /// Deliveries and their bookkeeping do not: the center's scheduler sends every agency's approved posts;
    /// an export discloses a public record and changes nothing. A person marking a post as posted by hand,
    /// or sending it again, does act.
    static func actsOnIncident(_ action: String) -> Bool {
        if action == "post.mark_posted" || action == "post.resend" { return true }
        return !(action.hasPrefix("post.") || action == "release.released" || action == "archive.export")
    }

    /// The ids of a `jointAgencies` column (a JSON array); anything unreadable is no agencies.
    static func agencyList(_ json: String) -> [Int64] {
        (try? JSONDecoder().decode([Int64].self, from: Data(json.utf8))) ?? []
    }
}

// MARK: - Renaming

extension StoreSession {
    func renameHostAgency(_ name: String) throws {
        try db.execute(sql: "UPDATE agency SET name = ? WHERE id = 1", arguments: [name])
    }

    func renamePartnerAgency(id: Int64, _ name: String) throws {
        try db.execute(sql: "UPDATE partnerAgency SET name = ? WHERE id = ?", arguments: [name, id])
    }

    /// Releases signed off (approved or scheduled) but not yet out, of incidents the agency owns or takes part
    /// in, oldest first: what would go out under the agency's name as it is when sent.
    func signedReleasesWaiting(forAgency agencyID: Int64) throws -> [(release: Int64, incident: Int64)] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT pressRelease.id, incident.id, incident.agencyID, incident.jointAgencies FROM pressRelease
            JOIN incident ON incident.id = pressRelease.incidentID
            WHERE pressRelease.status IN (?, ?) ORDER BY pressRelease.id
            """, arguments: [ReleaseStatus.approved.rawValue, ReleaseStatus.scheduled.rawValue])
        return rows.compactMap { row in
            let owner: Int64 = row[2]
            let joint = JointRules.agencyList(row[3] as String? ?? "[]")
            return owner == agencyID || joint.contains(agencyID) ? (row[0], row[1]) : nil
        }
    }
}
