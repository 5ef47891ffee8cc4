/// The incident board's own update: its keys (Enter, movement, `n`, its search, the views), and clicks on its rows.
enum BoardUpdate {
    static func perform(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        switch command {
        case .open:
            guard let row = state.board.selectedRow else { return [] }
            return Update.open(incident: row.id, state: &state)
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp:
            guard let movement = command.movement,
                  let (load, select) = Update.move(&state.board, movement, height: state.listHeight) else { return [] }
            return [.loadBoard(load, select: select)]
        case .jump(let n):
            return Update.jumpToView(n, state: &state)
        case .newIncident:
            guard Update.allowed([.drafter, .spokesperson, .admin], to: "open an incident", state: &state) else { return [] }
            return [.loadForm(.newIncident)]
        case .nextMatch, .previousMatch:
            guard let text = state.search else {
                Update.flash("No search yet: press / to search.", error: false, state: &state)
                return []
            }
            return search(text, direction: command == .nextMatch ? .forward : .backward, state: &state)
        case .back, .nextTab, .previousTab, .clearSearch, .filterLog, .clearFilter, .export, .draft, .verifyFact, .disputeFact,
             .retractFact, .clear, .edit, .submit, .approve, .schedule, .hold, .releaseNow, .cancelRelease, .markPosted, .resendPost,
             .addFact, .editFact, .assignSpokesperson, .editIncident, .closeIncident, .updateRelease, .correctRelease,
             .search, .help, .commandLine, .quit, .redraw, .nextField, .previousField, .choiceDown, .choiceUp, .toggle, .confirm,
             .cancel, .alternate, .pick:
            // Not bound on the board (or handled before the screen: the prompt, help, quitting).
            return []
        }
    }

    /// The board's search: the next incident whose title, kind or id holds the text.
    static func search(_ text: String, direction: PageDirection, state: inout DashboardState) -> [Effect] {
        guard state.route == .board else { return [] }
        return [.findBoard(text, from: state.board.selectedRow, direction: direction)]
    }

    static func click(index: Int, state: inout DashboardState) -> [Effect] {
        if state.board.rows.indices.contains(index) { state.board.selected = index }
        return []
    }
}
