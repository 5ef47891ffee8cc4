/// The incident view's own update: its tabs, Enter on a release, movement and clicks.
enum IncidentUpdate {
    static func open(state: inout DashboardState) -> [Effect] {
        guard let incident = state.incident, incident.tab == .releases else { return [] }
        let index = incident.selection[.releases] ?? 0
        guard incident.releases.indices.contains(index) else { return [] }
        return Update.openRelease(incident.releases[index].id, state: &state)
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
