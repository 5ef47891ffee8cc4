import Foundation
import OneVoiceCore

/// The PIO actions beyond the release pipeline (facts, the spokesperson, the incident, follow-ups, rumors,
/// named people, the media list, the mode, the roster): each one Core operation, and the reads their pickers need.
extension StoreDashboardSource {
    public func formData(_ request: FormRequest) throws -> FormData {
        var data = FormData()
        switch request {
        case .newIncident:
            data.people = try rosterRows()
        case .addFact(let incidentID):
            data.factKeys = try factKeys(incidentID: incidentID)
        case .editFact(let incidentID, let factID):
            data.factKeys = try factKeys(incidentID: incidentID)
            let fact = try workspace.facts(incidentID: try Self.number(incidentID, "incident"))
                .first { "\($0.id)" == factID }
            guard let fact else { throw OperationError("There is no fact \(factID) in incident #\(incidentID).") }
            data.fact = FactDraft(key: fact.key, text: fact.text, source: fact.source, sourceKind: fact.sourceKind.rawValue)
        case .spokesperson(let incidentID):
            data.people = try rosterRows()
            let incident = try workspace.incident(id: try Self.number(incidentID, "incident"))
            data.spokesperson = try incident.spokespersonID.flatMap { id in try workspace.roster().first { $0.id == id }?.handle }
        case .editIncident(let incidentID):
            let incident = try workspace.incident(id: try Self.number(incidentID, "incident"))
            data.incident = IncidentDraft(title: incident.title, kind: incident.kind.slug, severity: incident.severity, location: incident.location)
        case .notified(let incidentID):
            data.named = try workspace.namedPeople(incidentID: try Self.number(incidentID, "incident")).map {
                NamedRow(id: "\($0.id)", name: $0.name, category: $0.category.rawValue, notified: $0.nextOfKinNotified)
            }
        case .answerRumor(let incidentID):
            let id = try Self.number(incidentID, "incident")
            data.rumors = try workspace.rumors(incidentID: id).map {
                RumorRow(id: "\($0.id)", text: $0.text, seenAt: $0.seenAt, answered: $0.answeredByFactID != nil)
            }
            data.verifiedFacts = try facts(incidentID: incidentID, limit: DashboardProgram.tabLimit).filter { $0.status == .verified }
        case .contacts:
            data.contacts = try workspace.contacts().map {
                ContactRow(id: "\($0.id)", name: $0.name, email: $0.email, outlet: $0.outlet)
            }
        case .roster:
            data.people = try rosterRows()
        case .addToRoster:
            data.agencies = try workspace.enrolmentAgencies().map { AgencyChoice(code: $0.code, name: $0.name) }
        }
        return data
    }

    func rosterRows() throws -> [RosterRow] {
        let directory = try workspace.agencyDirectory()
        return try workspace.roster().map { person in
            RosterRow(handle: person.handle, name: person.displayName, roles: Set(person.roles),
                      agency: directory.partners.isEmpty ? nil : directory.name(of: person.agencyID))
        }
    }

    /// The fact keys the incident's template asks for, those no fact has yet first.
    func factKeys(incidentID: IncidentID) throws -> [String] {
        let id = try Self.number(incidentID, "incident")
        let incident = try workspace.incident(id: id)
        guard let template = workspace.settings.templates.template(for: incident.kind) else { return [] }
        let have = Set(try workspace.facts(incidentID: id).compactMap(\.key))
        let required = template.requiredFacts
        return required.filter { !have.contains($0) } + required.filter { have.contains($0) }
    }

    func addFact(incidentID: IncidentID, _ draft: FactDraft) throws -> OperationOutcome {
        guard let kind = SourceKind(rawValue: draft.sourceKind) else { throw OperationError("Pick the kind of source from the list.") }
        let fact = try workspace.addFact(incidentID: try Self.number(incidentID, "incident"), text: draft.text, source: draft.source,
                                         sourceKind: kind, key: draft.key)
        return OperationOutcome("Recorded fact #\(fact.id) (unverified): a verifier who did not record it verifies it (v).",
                                followUp: .openIncident(incidentID, facts: true))
    }

    func editFact(factID: FactID, _ draft: FactDraft) throws -> OperationOutcome {
        guard let kind = SourceKind(rawValue: draft.sourceKind) else { throw OperationError("Pick the kind of source from the list.") }
        let fact = try workspace.editFact(factID: try Self.number(factID, "fact"), text: draft.text, source: draft.source,
                                          sourceKind: kind, key: draft.key)
        return OperationOutcome("Fact #\(fact.id) now reads as corrected.")
    }

    func assignSpokesperson(incidentID: IncidentID, handle: String) throws -> OperationOutcome {
        let incident = try workspace.assignSpokesperson(incidentID: try Self.number(incidentID, "incident"), handle: handle)
        return OperationOutcome("\(handle) is the spokesperson of incident #\(incident.id).")
    }

    func editIncident(incidentID: IncidentID, _ draft: IncidentDraft) throws -> OperationOutcome {
        guard let kind = IncidentKind(rawValue: draft.kind) else { throw OperationError("Pick the kind from the list.") }
        let incident = try workspace.editIncident(id: try Self.number(incidentID, "incident"), title: draft.title, kind: kind,
                                                  severity: draft.severity, location: draft.location)
        return OperationOutcome("Incident #\(incident.id) is corrected.")
    }

    func closeIncident(_ incidentID: IncidentID) throws -> OperationOutcome {
        let incident = try workspace.closeIncident(id: try Self.number(incidentID, "incident"))
        return OperationOutcome("Incident #\(incident.id) is closed; its records stay.")
    }

    func followUp(releaseID: ReleaseID, correction: Bool) throws -> OperationOutcome {
        let release = try workspace.followUpRelease(of: try Self.number(releaseID, "release"), kind: correction ? .correction : .update)
        return OperationOutcome("Drafted \(correction ? "CORRECTION" : "UPDATE") #\(release.id) of release #\(releaseID): edit it (e), then submit (s).",
                                followUp: .openRelease("\(release.id)"))
    }

    func addRumor(incidentID: IncidentID, text: String, seenAt: String) throws -> OperationOutcome {
        let rumor = try workspace.addRumor(incidentID: try Self.number(incidentID, "incident"), text: text, seenAt: seenAt)
        return OperationOutcome("Recorded rumor #\(rumor.id); answer it with a verified fact (:answer).")
    }

    func answerRumor(rumorID: String, factID: FactID) throws -> OperationOutcome {
        let answer = try workspace.answerRumor(rumorID: try Self.number(rumorID, "rumor"), factID: try Self.number(factID, "fact"))
        return OperationOutcome("Rumor #\(rumorID) is answered by fact #\(factID); release #\(answer.draft.id) drafts the answer.",
                                followUp: .openRelease("\(answer.draft.id)"))
    }

    func addNamedPerson(incidentID: IncidentID, name: String, category: String) throws -> OperationOutcome {
        guard let category = NamedPersonCategory(rawValue: category) else { throw OperationError("Pick who the person is from the list.") }
        let person = try workspace.addNamedPerson(incidentID: try Self.number(incidentID, "incident"), name: name, category: category)
        return OperationOutcome("Recorded \(person.name) (\(person.category.rawValue)); the name is held until the rules allow it.")
    }

    func markNotified(namedID: String) throws -> OperationOutcome {
        let person = try workspace.markNextOfKinNotified(namedPersonID: try Self.number(namedID, "named person"))
        return OperationOutcome("The next of kin of \(person.name) are recorded as notified.")
    }

    func addContact(name: String, email: String, outlet: String) throws -> OperationOutcome {
        let contact = try workspace.addContact(name: name, email: email, outlet: outlet)
        return OperationOutcome("Added \(contact.name) <\(contact.email)> to the media list.")
    }

    func setMode(exercise: Bool) throws -> OperationOutcome {
        let agency = try workspace.setWorkspaceMode(exercise ? .exercise : .live)
        return OperationOutcome("The workspace is now \(agency.mode.badge): new incidents are \(exercise ? "exercises" : "LIVE").")
    }

    func addToRoster(handle: String, name: String, roles: [String], publicKey: String, agency: String?) throws -> OperationOutcome {
        let parsed = try roles.map { word in
            guard let role = Role(rawValue: word) else { throw OperationError("There is no role \(word).") }
            return role
        }
        guard !parsed.isEmpty else { throw OperationError("Tick at least one role for \(handle).") }
        // The same call as `onevoice roster add --agency CODE`: the workspace decides who may enrol into which agency.
        let person = try workspace.addToRoster(handle: handle, displayName: name, roles: parsed, publicKey: publicKey, agency: agency)
        let directory = try workspace.agencyDirectory()
        let of = directory.partners.isEmpty ? "" : " of \(directory.name(of: person.agencyID) ?? "another agency")"
        return OperationOutcome("Added \(person.handle)\(of) (\(person.roles.map(\.rawValue).joined(separator: "+"))) to the roster.")
    }
}
