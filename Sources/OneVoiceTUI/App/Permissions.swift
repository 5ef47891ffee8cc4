import OneVoiceCore

/// The refusals every action checks before its form: nobody signed in, a role not held, no incident on screen.
extension Update {
    /// False (with the refusal on the flash line) when nobody is signed in: the dashboard is read-only.
    static func writable(_ state: inout DashboardState) -> Bool {
        guard state.header?.operatorInfo != nil else {
            flash("Read-only: no key is set up, so nothing can be changed here (see `onevoice key`).", error: true, state: &state)
            return false
        }
        return true
    }

    /// False (with the refusal on the flash line) when nobody is signed in or the operator holds none of `roles`.
    static func allowed(_ roles: Set<Role>, to what: String, state: inout DashboardState) -> Bool {
        guard writable(&state), let me = state.header?.operatorInfo else { return false }
        guard me.holds(any: roles) else {
            let names = roles.sorted().map { "a" + ($0 == .admin ? "n " : " ") + $0.rawValue }
            let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
            flash("Only \(list) can \(what); you act as \(me.handle) (\(me.role)).", error: true, state: &state)
            return false
        }
        return true
    }

    /// The incident the screen is about: the open incident, the open release's, or the board's selected one.
    static func currentIncidentID(_ state: DashboardState) -> IncidentID? {
        switch state.route {
        case .incident(let id): return id
        case .release: return state.release?.detail?.incidentID
        case .board: return state.board.selectedRow?.id
        case .log, .schedule: return nil
        }
    }

    static func needIncident(_ state: inout DashboardState) -> IncidentID? {
        guard let id = currentIncidentID(state) else {
            flash("Open an incident first (Enter on the board, or :incident NUMBER).", error: true, state: &state)
            return nil
        }
        return id
    }
}
