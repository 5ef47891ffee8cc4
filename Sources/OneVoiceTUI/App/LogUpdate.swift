/// The records log's own update: Enter, movement and clicks on its entries (search and filter: Update+Records).
enum LogUpdate {
    static func open(state: inout DashboardState) -> [Effect] {
        guard let row = state.log.selectedRow else { return [] }
        guard let id = row.incidentID else {
            Update.flash("This entry belongs to no incident.", error: false, state: &state)
            return []
        }
        return Update.open(incident: id, state: &state)
    }

    static func move(_ movement: Movement, state: inout DashboardState) -> [Effect] {
        guard let (load, select) = Update.move(&state.log, movement, height: state.listHeight) else { return [] }
        return [.loadLog(incidentID: nil, load, select: select)]
    }

    static func click(index: Int, state: inout DashboardState) -> [Effect] {
        if state.log.rows.indices.contains(index) { state.log.selected = index }
        return []
    }
}
