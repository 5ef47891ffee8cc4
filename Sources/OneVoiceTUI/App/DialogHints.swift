/// The status bar's hints for the dialog on screen: only the keys that do something in it, with its own words.
extension Dialog {
    public var hints: [(key: String, word: String, minor: Bool)] {
        if form == .notice {
            return [("Enter", "close", false), ("j/k", "scroll", false)]
        }
        if isQuestion {
            var out: [(key: String, word: String, minor: Bool)] = [("y", "yes", false), ("n", "no", false)]
            if body.count > 3 { out.append(("j/k", "scroll", false)) }
            return out
        }
        let last = focus >= fields.count - 1
        var out: [(key: String, word: String, minor: Bool)] = [("Enter", last ? form.submitWord : "next", false)]
        switch focusedField?.kind {
        case .choice?: out.append(("↓/↑", "pick", false))
        case .combo?: out.append(("↓/↑", "pick", false))
        case .checklist?: out.append(("Space", "tick", false))
        case .text?, nil: break
        }
        if fields.count > 1 { out.append(("Tab", "field", true)) }
        if case .template = form { out.append(("f", "full release", false)) }
        out.append(("Esc", "cancel", false))
        return out
    }
}
