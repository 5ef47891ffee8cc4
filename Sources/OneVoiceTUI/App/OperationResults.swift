/// What comes back from a change: done (close the dialog, say so, go where it leads) or refused (say why, in the
/// dialog when there is one, on the field the sentence names).
extension Update {
    static func done(_ outcome: OperationOutcome, state: inout DashboardState) -> [Effect] {
        state.dialog = nil
        flash(outcome.message, error: false, state: &state)
        var effects: [Effect] = []
        switch outcome.followUp {
        case .pickTemplate(let incidentID, let choices, let preselected):
            effects = open(incident: incidentID, state: &state)
            if !choices.isEmpty {
                state.dialog = FormDialogs.template(incidentID: incidentID, choices: choices, preselected: preselected)
            }
        case .openRelease(let id):
            effects = openRelease(id, state: &state)
        case .draftedHolding(let incidentID, let releaseID):
            // The first message: the new incident, and over it its holding statement, ready to submit.
            effects = open(incident: incidentID, state: &state) + openRelease(releaseID, state: &state)
        case .openIncident(let id, let facts):
            effects = open(incident: id, state: &state)
            if facts { state.incident?.tab = .facts }
        case .notice(let title, let lines):
            state.dialog = Dialog(title: title, form: .notice, body: lines.map { DialogLine($0) }, footer: "Enter or Esc closes")
        case nil:
            break
        }
        let reload = reloadEffects(state)
        return reload + effects.filter { !reload.contains($0) }
    }

    static func refused(_ message: String, state: inout DashboardState) -> [Effect] {
        if var dialog = state.dialog, !dialog.isQuestion {
            // Focus the field the refusal names, so it is never left in a field out of sight.
            let lower = message.lowercased()
            dialog.refuse(message, focus: dialog.fields.firstIndex { lower.contains($0.label.lowercased()) })
            state.dialog = dialog
        } else {
            state.dialog = nil
        }
        flash(message, error: true, state: &state)
        return []
    }
}
