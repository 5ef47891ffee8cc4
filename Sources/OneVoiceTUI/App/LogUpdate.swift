/// The records log's own update: Enter, movement, its filter and export, and clicks on its entries (its search:
/// `SearchUpdate`).
enum LogUpdate {
    static func perform(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        switch command {
        case .open:
            guard let row = state.log.selectedRow else { return [] }
            guard let id = row.incidentID else {
                Update.flash("This entry belongs to no incident.", error: false, state: &state)
                return []
            }
            return Update.open(incident: id, state: &state)
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp:
            guard let movement = command.movement,
                  let (load, select) = Update.move(&state.log, movement, height: state.listHeight) else { return [] }
            return [.loadLog(incidentID: nil, load, select: select)]
        case .back:
            return Update.goBack(state: &state)
        case .jump(let n):
            return Update.jumpToView(n, state: &state)
        case .nextMatch, .previousMatch:
            return SearchUpdate.again(state: &state)
        case .filterLog:
            state.dialog = FormDialogs.filter(state)
            return [.loadIncidentChoices]
        case .clearFilter:
            guard !state.logFilter.isEmpty else {
                Update.flash("No filter: the records log shows every record.", error: false, state: &state)
                return []
            }
            Update.flash("Filter dropped: every record.", error: false, state: &state)
            return apply(filter: LogFilter(), state: &state)
        case .export:
            // Exporting changes nothing, so it needs no role: the CLI's `archive export` asks only to read the database.
            // The plan is counted off this thread (a second or two for a million entries) and opens when it comes in.
            Update.flash("Counting what the export will hold…", error: false, state: &state)
            return [.planExport(state.logFilter)]
        case .nextTab, .previousTab, .clearSearch, .newIncident, .draft, .verifyFact, .disputeFact, .retractFact, .clear, .edit,
             .submit, .approve, .schedule, .hold, .releaseNow, .cancelRelease, .markPosted, .resendPost, .addFact, .editFact,
             .assignSpokesperson, .editIncident, .closeIncident, .updateRelease, .correctRelease, .search, .help, .commandLine,
             .quit, .redraw, .nextField, .previousField, .choiceDown, .choiceUp, .toggle, .confirm, .cancel, .alternate, .pick:
            // Not bound on the records log (or handled before the screen: the prompt, help, quitting, its search).
            return []
        }
    }

    static func click(index: Int, state: inout DashboardState) -> [Effect] {
        if state.log.rows.indices.contains(index) { state.log.selected = index }
        return []
    }

    /// The filter's incident exists: the records log shows it.
    static func filterChecked(_ filter: LogFilter, state: inout DashboardState) -> [Effect] {
        guard case .logFilter = state.dialog?.form else { return [] }
        state.dialog = nil
        Update.flash(filter.isEmpty ? "No filter: every record." : "Records log: \(filter.summary).", error: false, state: &state)
        return apply(filter: filter, state: &state)
    }

    /// The incidents the filter dialog offers to pick from.
    static func incidentChoicesLoaded(_ rows: [BoardRow], state: inout DashboardState) -> [Effect] {
        guard var dialog = state.dialog, case .logFilter(var form) = dialog.form else { return [] }
        form.incident.options = rows.map { "\($0.id)  \($0.title)" }
        form.incident.values = rows.map(\.id.rawValue)
        form.incident.selected = -1
        dialog.form = .logFilter(form)
        state.dialog = dialog
        return []
    }

    /// Shows the records log (and any search in it) under a new filter, from the top.
    static func apply(filter: LogFilter, state: inout DashboardState) -> [Effect] {
        state.logFilter = filter
        state.log = ListWindow()
        var effects: [Effect] = [.loadLog(incidentID: nil, .top, select: .first)]
        if let search = state.recordsSearch {
            let request = SearchRequest(target: .records, query: search.request.query, filter: filter)
            state.recordsSearch = RecordsSearch(request: request)
            effects.append(.loadSearch(request, .top, select: .first))
        }
        return effects
    }
}
