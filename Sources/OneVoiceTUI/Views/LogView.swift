/// The records log, newest first: time, actor, action, (incident), subject.
enum LogView {
    static func columns(wide: Bool, showIncident: Bool) -> [Column] {
        var columns = [
            Column(title: "When", width: 11),
            Column(title: "Actor", width: wide ? 18 : 14),
            Column(title: "Action", width: wide ? 22 : 16),
        ]
        if showIncident && wide { columns.append(Column(title: "Incident", width: 10)) }
        columns.append(Column(title: "Subject", width: nil))
        return columns
    }

    /// The records log view: its entries within the filter (named in the title), or a search's hits.
    static func drawRecords(_ context: ViewContext, into screen: inout Screen) {
        let state = context.state
        let filter = state.logFilter.isEmpty ? "" : " · filter: \(state.logFilter.summary) · F drops it"
        if let search = state.recordsSearch {
            SearchResultsView.draw(context, search: search, title: "Search \"\(search.request.query)\" (newest first)\(filter)",
                                   showIncident: true, top: 1, into: &screen)
        } else {
            draw(context, window: state.log, title: state.logFilter.isEmpty ? "Records log (newest first)" : "Records log\(filter)",
                 showIncident: true, top: 1,
                 empty: state.logFilter.isEmpty ? "No log entries." : "No log entries in \(state.logFilter.summary) (F drops the filter).",
                 into: &screen)
        }
    }

    /// Draws a log window with its title on row `top` and column header below it.
    static func draw(_ context: ViewContext, window: ListWindow<LogRow>, title: String?, showIncident: Bool, top: Int,
                     empty: String = "No log entries.", into screen: inout Screen) {
        let theme = context.theme
        var headerRow = top
        if let title {
            ListTitle.draw(title, window: window, noun: "entries", row: top, context: context, into: &screen)
            headerRow += 1
        }
        let layout = Column.layout(columns(wide: context.wide, showIncident: showIncident), total: context.width)
        TableDrawer.header(layout, row: headerRow, context: context, into: &screen)
        let first = headerRow + 1
        if window.loaded, window.rows.isEmpty {
            screen.write(empty, row: first, column: 2, style: theme[.muted], maxWidth: context.width - 3)
        }
        let withIncident = showIncident && context.wide
        for (i, row) in window.rows.enumerated() where first + i < context.height - 2 {
            var cells: [(String, Style)] = [
                (context.time.dayAndClock(row.at), theme[.muted]),
                (row.actor, theme[.text]),
                (row.action, theme[.title]),
            ]
            if withIncident { cells.append((row.incidentID?.rawValue ?? "—", theme[.text])) }
            cells.append((row.subject, theme[.text]))
            TableDrawer.row(cells, layout: layout, row: first + i, selected: i == window.selected, context: context, into: &screen)
        }
        guard title == nil else { return }
        // Inside the incident view the position goes on the right of the header row.
        if window.loaded, !window.rows.isEmpty {
            let position = "\(window.firstIndex + window.selected + 1) of \(window.total)"
            let w = DisplayWidth.of(position)
            screen.fill(row: headerRow, column: context.width - w - 2, width: w + 2, style: theme[.text])
            screen.write(position, row: headerRow, column: context.width - w - 1, style: theme[.muted])
        }
    }
}
