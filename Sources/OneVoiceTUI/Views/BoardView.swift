/// The incident board: active incidents first, closed after.
enum BoardView {
    static func columns(wide: Bool) -> [Column] {
        [
            Column(title: "Status", width: 7),
            Column(title: "Kind", width: wide ? 24 : 14),
            Column(title: "Title", width: nil),
            Column(title: "Age", width: 5, alignRight: true),
            Column(title: "Spokesperson", width: wide ? 18 : 12),
            Column(title: "Unv", width: 3, alignRight: true),
            Column(title: "Sign", width: 4, alignRight: true),
            Column(title: "Next", width: 5),
        ]
    }

    static func statusLabel(_ status: IncidentStatusValue) -> String {
        switch status {
        case .active: "ACTIVE"
        case .monitoring: "MONITOR"
        case .closed: "closed"
        }
    }

    static func draw(_ context: ViewContext, into screen: inout Screen) {
        let state = context.state
        let window = state.board
        let theme = context.theme
        ListTitle.draw("Incident board", window: window, noun: "incidents", row: 1, context: context, into: &screen)
        let layout = Column.layout(columns(wide: context.wide), total: context.width)
        TableDrawer.header(layout, row: 2, context: context, into: &screen)
        let top = Update.listTop(.board)
        if window.loaded, window.rows.isEmpty {
            screen.write("No incidents yet.", row: top, column: 2, style: theme[.muted])
        }
        let live = state.header?.mode == .live
        for (i, row) in window.rows.enumerated() where top + i < context.height - 2 {
            let text = row.status == .closed ? theme[.muted] : theme[.text]
            var title = (live && row.isExercise ? "[EXERCISE] " : "") + row.title
            if let alert = row.alert { title = "!! \(alert) — " + title }
            let cells: [(String, Style)] = [
                (statusLabel(row.status), context.statusStyle(row.status)),
                (row.kind, text),
                (title, row.alert != nil ? theme[.flashError] : row.status == .closed ? text : theme[.title]),
                (TimeText.age(from: row.openedAt, to: context.now), text),
                (row.spokesperson ?? "none", row.spokesperson == nil && row.status != .closed ? theme[.warning] : text),
                (row.unverifiedFacts == 0 ? "0" : "\(row.unverifiedFacts)", row.unverifiedFacts > 0 ? theme[.factUnverified] : text),
                ("\(row.awaitingSignOff)", row.awaitingSignOff > 0 ? theme[.warning] : text),
                (row.nextReleaseAt.map { context.time.short($0, now: context.now) } ?? "—", text),
            ]
            TableDrawer.row(cells, layout: layout, row: top + i, selected: i == window.selected, context: context, into: &screen)
        }
    }
}

/// A list's title line with its position: "Incident board        12 of 10000 incidents".
enum ListTitle {
    /// `total` replaces the count where it is not exact ("100000+").
    static func draw<Row>(_ title: String, window: ListWindow<Row>, noun: String, total: String? = nil, row: Int,
                          context: ViewContext, into screen: inout Screen) {
        screen.fill(row: row, style: context.theme[.text])
        let position: String
        if !window.loaded {
            position = "loading…"
        } else if window.rows.isEmpty {
            position = "0 \(noun)"
        } else {
            position = "\(window.firstIndex + window.selected + 1) of \(total ?? "\(window.total)") \(noun)"
        }
        let w = DisplayWidth.of(position)
        // A long title (a search, a filter) is cut before it reaches the position.
        screen.write(" " + DisplayWidth.truncate(title, to: max(0, context.width - w - 4)), row: row, column: 0, style: context.theme[.title])
        screen.write(position, row: row, column: max(0, context.width - w - 1), style: context.theme[.muted])
    }
}
