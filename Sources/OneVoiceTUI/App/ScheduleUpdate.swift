/// The schedule view's own update: Enter opens the post's release, movement and clicks on its rows.
enum ScheduleUpdate {
    static func open(state: inout DashboardState) -> [Effect] {
        guard let row = state.schedule.selectedRow else { return [] }
        return Update.openRelease(row.releaseID, state: &state)
    }

    static func move(_ movement: Movement, state: inout DashboardState) -> [Effect] {
        let count = state.schedule.rows.count
        guard count > 0 else { return [] }
        state.schedule.selected = movement.step(from: state.schedule.selected, count: count, page: state.listHeight)
        return []
    }

    static func click(index: Int, state: inout DashboardState) -> [Effect] {
        if state.schedule.rows.indices.contains(index) { state.schedule.selected = index }
        return []
    }
}
