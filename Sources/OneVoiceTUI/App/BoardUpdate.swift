/// The incident board's own update: Enter, movement and clicks on its rows.
enum BoardUpdate {
    static func open(state: inout DashboardState) -> [Effect] {
        guard let row = state.board.selectedRow else { return [] }
        return Update.open(incident: row.id, state: &state)
    }

    static func move(_ movement: Movement, state: inout DashboardState) -> [Effect] {
        guard let (load, select) = Update.move(&state.board, movement, height: state.listHeight) else { return [] }
        return [.loadBoard(load, select: select)]
    }

    static func click(index: Int, state: inout DashboardState) -> [Effect] {
        if state.board.rows.indices.contains(index) { state.board.selected = index }
        return []
    }
}
