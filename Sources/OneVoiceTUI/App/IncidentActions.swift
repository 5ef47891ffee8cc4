import OneVoiceCore

/// What a person does to an incident and its facts, from its keys or a `:` command on any screen that names an
/// incident. Each refuses what it can before its form (the role, the state) and loads what the form's pickers offer.
enum IncidentActions {
    static func addFact(state: inout DashboardState) -> [Effect] {
        guard let id = Update.needIncident(&state),
              Update.allowed([.drafter, .verifier, .spokesperson], to: "record a fact", state: &state) else { return [] }
        return [.loadForm(.addFact(incidentID: id))]
    }

    static func editFact(state: inout DashboardState) -> [Effect] {
        guard let id = Update.needIncident(&state), let fact = selectedFact(state) else {
            Update.flash("Pick the fact to correct on the Facts tab (2).", error: false, state: &state)
            return []
        }
        guard Update.allowed([.drafter, .verifier, .spokesperson], to: "correct a fact", state: &state) else { return [] }
        guard fact.status == .unverified else {
            Update.flash("Fact #\(fact.id) is \(fact.status.rawValue) as it reads, so it stays; record a new fact instead (a).",
                         error: true, state: &state)
            return []
        }
        return [.loadForm(.editFact(incidentID: id, factID: fact.id))]
    }

    static func assignSpokesperson(state: inout DashboardState) -> [Effect] {
        guard let id = Update.needIncident(&state),
              Update.allowed([.admin, .spokesperson, .drafter], to: "assign the spokesperson", state: &state) else { return [] }
        return [.loadForm(.spokesperson(incidentID: id))]
    }

    static func edit(state: inout DashboardState) -> [Effect] {
        guard let id = Update.needIncident(&state),
              Update.allowed([.spokesperson, .drafter, .admin], to: "edit an incident", state: &state) else { return [] }
        if let detail = state.incident?.detail, detail.id == id, detail.status == .closed {
            Update.flash("Incident #\(id) is closed; a closed incident is kept as it was.", error: true, state: &state)
            return []
        }
        return [.loadForm(.editIncident(incidentID: id))]
    }

    static func close(state: inout DashboardState) -> [Effect] {
        guard let id = Update.needIncident(&state),
              Update.allowed([.spokesperson, .drafter, .admin], to: "close an incident", state: &state) else { return [] }
        if let detail = state.incident?.detail, detail.id == id, detail.status == .closed {
            Update.flash("Incident #\(id) is already closed.", error: true, state: &state)
            return []
        }
        state.dialog = Dialog(title: "Close incident #\(id)?", form: .question(.closeIncident(id)),
                              body: [DialogLine(state.incident?.detail?.title ?? "", .heading),
                                     DialogLine("Its records stay; a closed incident takes no new facts.", .muted)],
                              footer: "y closes it · n or Esc keeps it open")
        return []
    }

    /// `v`, `d`, `x` and `c` on the selected fact: refused here, before the form, for the role and for a fact
    /// already where the key would put it.
    static func factNote(_ action: FactAction, state: inout DashboardState) -> [Effect] {
        guard Update.writable(&state), let incident = state.incident, incident.tab == .facts else { return [] }
        let index = incident.selection[.facts] ?? 0
        guard incident.facts.indices.contains(index) else {
            Update.flash("No fact selected.", error: false, state: &state)
            return []
        }
        let fact = incident.facts[index]
        switch action {
        case .verify, .dispute, .retract:
            guard Update.allowed([.verifier], to: "\(action.rawValue) a fact", state: &state) else { return [] }
            let target: FactStatusValue = action == .verify ? .verified : action == .dispute ? .disputed : .retracted
            if fact.status == target {
                Update.flash("Fact #\(fact.id) is already \(target.rawValue); nothing to do.", error: true, state: &state)
                return []
            }
        case .clear:
            guard Update.allowed([.legal], to: "clear a fact for release", state: &state) else { return [] }
            if fact.status != .verified {
                Update.flash("Fact #\(fact.id) is \(fact.status.rawValue); only a verified fact can be cleared for release.",
                             error: true, state: &state)
                return []
            }
            if fact.clearedForRelease {
                Update.flash("Fact #\(fact.id) is already cleared for release.", error: true, state: &state)
                return []
            }
        }
        let verb: String
        let does: String
        switch action {
        case .verify: (verb, does) = ("Verify", "verifies")
        case .dispute: (verb, does) = ("Dispute", "disputes")
        case .retract: (verb, does) = ("Retract", "retracts")
        case .clear: (verb, does) = ("Clear for release", "clears")
        }
        let form = FactNoteForm(factID: fact.id, action: action, note: .text(action == .verify ? "How verified" : "Note"))
        state.dialog = Dialog(title: "\(verb) fact #\(fact.id)", form: .factNote(form),
                              body: [DialogLine(fact.statement, .heading), DialogLine("Source: \(fact.source)", .muted)]
                                  + (action == .retract
                                     ? [DialogLine("Once released, information cannot be retracted: a released fact needs a correction.", .warning)] : []),
                              footer: "Enter \(does) it · Esc cancels")
        return []
    }

    static func selectedFact(_ state: DashboardState) -> FactRow? {
        guard let incident = state.incident, incident.tab == .facts else { return nil }
        let index = incident.selection[.facts] ?? 0
        return incident.facts.indices.contains(index) ? incident.facts[index] : nil
    }
}
