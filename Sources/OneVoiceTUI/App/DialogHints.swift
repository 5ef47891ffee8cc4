/// The status bar's hints for the dialog on screen: only the keys that do something in it, with its own words.
extension Dialog {
    public var hints: [(key: String, word: String, minor: Bool)] {
        if purpose == .notice {
            return [("Enter", "close", false), ("j/k", "scroll", false)]
        }
        if isQuestion {
            var out: [(key: String, word: String, minor: Bool)] = [("y", "yes", false), ("n", "no", false)]
            if body.count > 3 { out.append(("j/k", "scroll", false)) }
            return out
        }
        let last = focus >= fields.count - 1
        var out: [(key: String, word: String, minor: Bool)] = [("Enter", last ? submitWord : "next", false)]
        switch focusedField?.kind {
        case .choice?: out.append(("↓/↑", "pick", false))
        case .combo?: out.append(("↓/↑", "pick", false))
        case .checklist?: out.append(("Space", "tick", false))
        case .text?, nil: break
        }
        if fields.count > 1 { out.append(("Tab", "field", true)) }
        if case .pickTemplate = purpose { out.append(("f", "full release", false)) }
        out.append(("Esc", "cancel", false))
        return out
    }

    /// What Enter on the last field does, in a word.
    var submitWord: String {
        switch purpose {
        case .newIncident: "open"
        case .pickTemplate: "draft"
        case .schedule: "schedule"
        case .logFilter: "apply"
        case .export: "export"
        case .fact(_, let action): action == .verify ? "verify" : action.rawValue
        case .clearRelease: "clear"
        case .spokesperson: "assign"
        case .addFact, .addRumor, .addNamedPerson, .notified: "record"
        case .editFact, .editIncident: "save"
        case .answerRumor: "answer"
        case .addContact, .addToRoster: "add"
        case .post(let action, _): action == .markPosted ? "mark" : "resend"
        case .confirm, .notice: "ok"
        }
    }
}
