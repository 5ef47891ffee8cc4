import OneVoiceCore

/// The `:` commands for what has no key: rumors, named people, the media list, the mode and the roster.
/// Each refuses what it can before its form, as the keys do.
enum AgencyCommands {
    static func rumor(_ args: [String], state: inout DashboardState) -> [Effect] {
        guard let id = Update.needIncident(&state),
              Update.allowed([.drafter, .verifier, .spokesperson], to: "record a rumor", state: &state) else { return [] }
        state.dialog = Dialog(title: "Rumor about incident #\(id)",
                              form: .rumor(RumorForm(incidentID: id, claim: .text("Claim", args.joined(separator: " ")))),
                              body: [DialogLine("A claim going round in public, and where it was seen.", .muted)],
                              footer: "Seen at: the post, group or outlet · Enter: next field, then record it · Esc cancels")
        return []
    }

    static func answer(state: inout DashboardState) -> [Effect] {
        guard let id = Update.needIncident(&state), Update.allowed([.drafter, .spokesperson], to: "answer a rumor", state: &state) else { return [] }
        return [.loadForm(.answerRumor(incidentID: id))]
    }

    static func named(_ args: [String], state: inout DashboardState) -> [Effect] {
        guard let id = Update.needIncident(&state),
              Update.allowed([.drafter, .verifier, .spokesperson], to: "record a named person", state: &state) else { return [] }
        let categories = NamedPersonCategory.allCases
        let form = NamedPersonForm(incidentID: id, name: .text("Name", args.joined(separator: " ")),
                                   who: .choice("Who", options: categories.map(\.rawValue), values: categories.map(\.rawValue)))
        state.dialog = Dialog(title: "A person named in incident #\(id)", form: .namedPerson(form),
                              body: [DialogLine("Names are held by the rules (victims until next of kin are notified, officers after a shooting).", .muted)],
                              footer: "Who: ↓/↑ or 1-6 · Enter: next field, then record · Esc cancels")
        return []
    }

    static func notified(state: inout DashboardState) -> [Effect] {
        guard let id = Update.needIncident(&state),
              Update.allowed([.verifier], to: "confirm a next-of-kin notification", state: &state) else { return [] }
        return [.loadForm(.notified(incidentID: id))]
    }

    static func contact(state: inout DashboardState) -> [Effect] {
        guard Update.allowed([.drafter, .spokesperson, .admin], to: "change the media list", state: &state) else { return [] }
        state.dialog = Dialog(title: "Add to the media list", form: .contact(ContactForm()),
                              footer: "Releases to the media list go to every address on it · Enter: next field, then add · Esc cancels")
        return []
    }

    static func mode(_ args: [String], state: inout DashboardState) -> Result<[Effect], CommandError> {
        guard let word = args.first?.lowercased(), word == "live" || word == "exercise" else {
            return .failure(CommandError("Say which mode: :mode exercise or :mode live."))
        }
        guard Update.allowed([.admin], to: "switch between exercise and live", state: &state) else { return .success([]) }
        let exercise = word == "exercise"
        if let mode = state.header?.mode, (mode == .exercise) == exercise {
            return .failure(CommandError("The workspace is already in \(exercise ? "EXERCISE" : "LIVE") mode; nothing to change."))
        }
        state.dialog = Dialog(title: exercise ? "Switch to EXERCISE?" : "Switch to LIVE?", form: .question(.setMode(exercise: exercise)),
                              body: exercise
                                  ? [DialogLine("New incidents will be drills: their output goes to the exercise outbox only.", .heading)]
                                  : [DialogLine("New incidents will be REAL: their posts go to the public.", .error),
                                     DialogLine("Incidents keep the mode they were opened in.", .muted)],
                              footer: exercise ? "y switches to EXERCISE · n or Esc cancels" : "y switches to LIVE · n or Esc cancels")
        return .success([])
    }

    static func roster(_ args: [String], state: inout DashboardState) -> Result<[Effect], CommandError> {
        if args.first == "add" {
            guard Update.allowed([.admin], to: "change the roster", state: &state) else { return .success([]) }
            // The agencies the admin may enrol into are the workspace's to say; the form opens once they are read.
            return .success([.loadForm(.addToRoster)])
        }
        guard args.isEmpty else { return .failure(CommandError("Use :roster to list it, or :roster add.")) }
        return .success([.loadForm(.roster)])
    }
}
