import Foundation

/// The rules of several agencies on one record, replayed: nobody acts on an incident their agency does not
/// take part in, roles are held per agency, and an incident's one voice is of an agency that takes part.
extension ReplayRules {
    static func agencyProblems(_ entry: LogEntry, images: [RowImages.Image], actor: Person?, state: LogReplay) -> [String] {
        guard let actor else { return [] }
        var problems: [String] = []
        func exists(_ id: Int64) -> Bool { id == AgencyID.host || state.partnerAgency(id) != nil }
        func afterIncidents() -> [(incident: Incident, joint: [Int64])] {
            images.compactMap { image in
                guard image.table == "incident", let json = image.json,
                      let incident = state.decode("incident", image.id, json: json, { RowImageDecoder.decode(Incident.self, $0) }) else { return nil }
                // The column as written (the decoded value drops repeats and the owner).
                let joint = state.columns("incident", image.id, json: json)?["jointAgencies"]
                    .flatMap { try? JSONDecoder().decode(String.self, from: Data($0.utf8)) }.map(JointRules.agencyList) ?? []
                return (incident, joint)
            }
        }

        if let incidentID = entry.incidentID, JointRules.actsOnIncident(entry.action) {
            let incident = entry.action == "incident.open"
                ? afterIncidents().first { $0.incident.id == incidentID }?.incident : state.incident(incidentID)
            if let incident, !incident.admits(agency: actor.agencyID) {
                problems.append("\(entry.actorHandle) acted on incident #\(incidentID), which their agency neither owns nor takes part in.")
            }
        }
        switch entry.action {
        case "agency.add", "agency.mode":
            if actor.agencyID != AgencyID.host { problems.append("only an admin of the host agency can \(entry.action == "agency.add" ? "add a partner agency" : "switch the mode").") }
        case "agency.rename":
            problems += renameProblems(entry, images: images, actor: actor, state: state)
        case "roster.add":
            for person in images.filter({ $0.table == "person" }).compactMap({ $0.json.flatMap { RowImageDecoder.decode(Person.self, $0) } }) {
                if !exists(person.agencyID) { problems.append("person #\(person.id) was enrolled in agency #\(person.agencyID), which the record never added.") }
                if !state.roster.isEmpty, actor.agencyID != AgencyID.host, person.agencyID != actor.agencyID {
                    problems.append("\(entry.actorHandle) enrolled person #\(person.id) in another agency than their own.")
                }
            }
        case "roster.remove", "roster.roles":
            for image in images where image.table == "person" {
                guard let before = state.person(image.id) else { continue }
                if actor.agencyID != AgencyID.host, before.agencyID != actor.agencyID {
                    problems.append("\(entry.actorHandle) changed person #\(image.id) of another agency.")
                }
                checkUnchanged({ $0 == "agencyID" }, state: state, after: image.json, table: "person", id: image.id, into: &problems)
            }
        case "incident.open":
            for (incident, joint) in afterIncidents() {
                if incident.agencyID != actor.agencyID { problems.append("incident #\(incident.id) was opened for another agency than its opener's.") }
                for id in [incident.agencyID] + joint where !exists(id) {
                    problems.append("incident #\(incident.id) names agency #\(id), which the record never added.")
                }
            }
        case "incident.agencies":
            for (incident, joint) in afterIncidents() {
                checkOnlyColumns(state: state, after: images, table: "incident", id: incident.id, may: ["jointAgencies"], into: &problems)
                for id in joint where !exists(id) || id == incident.agencyID {
                    problems.append("incident #\(incident.id) lists agency #\(id) as taking part, which \(exists(id) ? "owns it already" : "the record never added").")
                }
            }
        default:
            break
        }
        // Whatever changed an incident, its one voice is of an agency that takes part in it.
        for (incident, _) in afterIncidents() {
            if let id = incident.spokespersonID, let spokesperson = state.person(id), !incident.admits(agency: spokesperson.agencyID) {
                problems.append("the spokesperson of incident #\(incident.id) is of an agency that does not take part in it.")
            }
        }
        return problems
    }

    /// `agency.rename`, replayed: a host admin renames any agency, a partner's admin only their own; only the
    /// name changes, to a usable one no other agency has; and no signed release speaking for it waited to go out.
    private static func renameProblems(_ entry: LogEntry, images: [RowImages.Image], actor: Person, state: LogReplay) -> [String] {
        var problems: [String] = []
        for image in images where image.table == "agency" || image.table == "partnerAgency" {
            let id = image.table == "agency" ? AgencyID.host : image.id
            if actor.agencyID != AgencyID.host, actor.agencyID != id {
                problems.append("\(entry.actorHandle) renamed another agency than their own.")
            }
            checkOnlyColumns(state: state, after: images, table: image.table, id: image.id, may: ["name"], into: &problems)
            let name = image.json.flatMap { state.columns(image.table, image.id, json: $0)?["name"] }
                .flatMap { try? JSONDecoder().decode(String.self, from: Data($0.utf8)) } ?? ""
            let directory = AgencyDirectory(hostName: state.agency()?.name ?? "",
                                            partners: (state.rows["partnerAgency"] ?? [:]).keys.sorted().compactMap { state.partnerAgency($0) })
            if (try? AgencyName.checked(name)) != name || AgencyName.clash(name, in: directory, except: id) != nil {
                problems.append("it renamed agency #\(id) to a name that is blank, breaks a line, or another agency has.")
            }
            // Releases signed but not sent, of incidents the agency takes part in, would go out under the new name.
            for releaseID in (state.rows["pressRelease"] ?? [:]).keys.sorted() {
                guard let release = state.release(releaseID), release.status == .approved || release.status == .scheduled,
                      let incident = state.incident(release.incidentID), incident.admits(agency: id) else { continue }
                problems.append("it renamed agency #\(id) while release #\(releaseID), signed in its old name, had not gone out.")
            }
        }
        return problems
    }
}
