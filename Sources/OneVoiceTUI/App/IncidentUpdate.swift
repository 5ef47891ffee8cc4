/// The incident view's own update: its tabs, Enter on a release, movement, the fact keys and the incident's
/// actions, and clicks (its search: `SearchUpdate`).
enum IncidentUpdate {
    static func perform(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        switch command {
        case .open:
            guard let incident = state.incident, incident.tab == .releases else { return [] }
            let index = incident.selection[.releases] ?? 0
            guard incident.releases.indices.contains(index) else { return [] }
            return Update.openRelease(incident.releases[index].id, state: &state)
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp:
            guard let movement = command.movement else { return [] }
            return move(movement, state: &state)
        case .back:
            return Update.goBack(state: &state)
        case .jump(let n):
            guard let tab = IncidentTab(rawValue: n) else { return [] }
            state.incident?.search = nil
            return select(tab: tab, state: &state)
        case .nextTab, .previousTab:
            guard let incident = state.incident else { return [] }
            let all = IncidentTab.allCases
            let i = all.firstIndex(of: incident.tab) ?? 0
            let next = all[(i + (command == .nextTab ? 1 : all.count - 1)) % all.count]
            state.incident?.search = nil
            return select(tab: next, state: &state)
        case .nextMatch, .previousMatch:
            return SearchUpdate.again(state: &state)
        case .draft:
            guard Update.writable(&state), let incident = state.incident else { return [] }
            return [.loadTemplates(incidentID: incident.id)]
        case .verifyFact:
            return IncidentActions.factNote(.verify, state: &state)
        case .disputeFact:
            return IncidentActions.factNote(.dispute, state: &state)
        case .retractFact:
            return IncidentActions.factNote(.retract, state: &state)
        case .clear:
            return IncidentActions.factNote(.clear, state: &state)
        case .addFact:
            return IncidentActions.addFact(state: &state)
        case .editFact:
            return IncidentActions.editFact(state: &state)
        case .assignSpokesperson:
            return IncidentActions.assignSpokesperson(state: &state)
        case .editIncident:
            return IncidentActions.edit(state: &state)
        case .closeIncident:
            return IncidentActions.close(state: &state)
        case .clearSearch, .filterLog, .clearFilter, .export, .newIncident, .edit, .submit, .approve, .schedule, .hold,
             .releaseNow, .cancelRelease, .markPosted, .resendPost, .updateRelease, .correctRelease, .search, .help,
             .commandLine, .quit, .redraw, .nextField, .previousField, .choiceDown, .choiceUp, .toggle, .confirm, .cancel,
             .alternate, .pick:
            // Not bound on the incident view (or handled before the screen: the prompt, help, quitting, its search).
            return []
        }
    }

    static func select(tab: IncidentTab, state: inout DashboardState) -> [Effect] {
        guard var incident = state.incident else { return [] }
        incident.tab = tab
        state.incident = incident
        if tab == .log, !incident.log.loaded {
            return [.loadLog(incidentID: incident.id, .top, select: .first)]
        }
        return []
    }

    static func move(_ movement: Movement, state: inout DashboardState) -> [Effect] {
        guard var incident = state.incident else { return [] }
        defer { state.incident = incident }
        if incident.tab == .log {
            guard let (load, select) = Update.move(&incident.log, movement, height: state.listHeight) else { return [] }
            return [.loadLog(incidentID: incident.id, load, select: select)]
        }
        let count = incident.count(of: incident.tab)
        guard count > 0 else { return [] }
        incident.selection[incident.tab] = movement.step(from: incident.selection[incident.tab] ?? 0, count: count, page: state.listHeight)
        return []
    }

    static func click(row: Int, column: Int, index: Int, state: inout DashboardState) -> [Effect] {
        guard var incident = state.incident else { return [] }
        if row == 2, let tab = IncidentTabsLayout.tab(atColumn: column) {
            return select(tab: tab, state: &state)
        }
        switch incident.tab {
        case .log:
            if incident.log.rows.indices.contains(index) { incident.log.selected = index }
        case .releases, .posts:
            if index >= 0, index < incident.count(of: incident.tab) { incident.selection[incident.tab] = index }
        case .facts, .overview:
            break
        }
        state.incident = incident
        return []
    }
}
