/// Where each tab label sits on the tab row (for drawing and for mouse clicks).
public enum IncidentTabsLayout {
    /// Column ranges of the tab labels " 1 Overview ", " 2 Facts ", ...
    public static func ranges() -> [(tab: IncidentTab, range: Range<Int>)] {
        var x = 1
        var out: [(IncidentTab, Range<Int>)] = []
        for tab in IncidentTab.allCases {
            let w = DisplayWidth.of(label(tab))
            out.append((tab, x..<(x + w)))
            x += w + 1
        }
        return out
    }

    public static func label(_ tab: IncidentTab) -> String { " \(tab.rawValue) \(tab.title) " }

    public static func tab(atColumn column: Int) -> IncidentTab? {
        ranges().first { $0.range.contains(column) }?.tab
    }
}

/// One incident: a title line, tabs, and the selected tab's content.
enum IncidentView {
    static let contentTop = 3

    static func draw(_ context: ViewContext, into screen: inout Screen) {
        let theme = context.theme
        guard let incident = context.state.incident else { return }
        // Title line.
        screen.fill(row: 1, style: theme[.text])
        if let detail = incident.detail {
            var x = 1
            if detail.isExercise && context.state.header?.mode != .exercise {
                x += screen.write("*** EXERCISE ***", row: 1, column: x, style: theme[.badgeExercise]) + 1
            }
            x += screen.write(detail.id.rawValue, row: 1, column: x, style: theme[.muted]) + 1
            x += screen.write(BoardView.statusLabel(detail.status), row: 1, column: x, style: context.statusStyle(detail.status)) + 1
            screen.write(DisplayWidth.truncate("\(detail.kind): \(detail.title)", to: context.width - x - 1), row: 1, column: x, style: theme[.title])
        } else {
            screen.write(incident.loaded ? " No incident \(incident.id)." : " Loading \(incident.id)…", row: 1, column: 0, style: theme[.muted])
        }
        // Tabs.
        screen.fill(row: 2, style: theme[.text])
        for (tab, range) in IncidentTabsLayout.ranges() {
            // The active tab is bracketed so it shows in plain text and without colour too.
            let text = tab == incident.tab ? "[\(tab.rawValue) \(tab.title)]" : IncidentTabsLayout.label(tab)
            let style = tab == incident.tab ? theme[.tabActive] : theme[.tabInactive]
            screen.write(text, row: 2, column: range.lowerBound, style: style, maxWidth: context.width - range.lowerBound)
        }
        if let search = incident.search {
            // The search's place on the tab row's right: the tabs stay, the content is the hits.
            let label = "Search \"\(DisplayWidth.truncate(search.request.query, to: 16))\" "
            let w = DisplayWidth.of(label)
            let x = max(IncidentTabsLayout.ranges().last.map { $0.range.upperBound + 2 } ?? 0, context.width - w - 1)
            screen.write(label, row: 2, column: x, style: theme[.warning], maxWidth: context.width - x)
            SearchResultsView.draw(context, search: search, title: nil, showIncident: false, top: contentTop, into: &screen)
            return
        }
        guard let detail = incident.detail else { return }
        switch incident.tab {
        case .overview: drawOverview(detail, context: context, into: &screen)
        case .facts: drawFacts(incident, context: context, into: &screen)
        case .releases: drawReleases(incident, context: context, into: &screen)
        case .posts: drawPosts(incident, context: context, into: &screen)
        case .log: LogView.draw(context, window: incident.log, title: nil, showIncident: false, top: contentTop, into: &screen)
        }
    }

    static func drawOverview(_ d: IncidentDetail, context: ViewContext, into screen: inout Screen) {
        let theme = context.theme
        let time = context.time
        var lines: [(String, String, Style)] = [
            ("Status", "\(d.status.rawValue)   severity: \(d.severity)", context.statusStyle(d.status)),
            ("Kind", d.kind, theme[.text]),
            ("Location", d.location, theme[.text]),
            ("Opened", "\(time.full(d.openedAt)) \(time.abbreviation(d.openedAt)) (\(TimeText.age(from: d.openedAt, to: context.now)) ago)", theme[.text]),
        ]
        if let closed = d.closedAt {
            lines.append(("Closed", "\(time.full(closed)) \(time.abbreviation(closed))", theme[.text]))
        }
        lines.append(("Spokesperson", d.spokesperson ?? "none assigned: one voice needs one spokesperson",
                      d.spokesperson == nil ? theme[.warning] : theme[.text]))
        if !d.agencies.isEmpty {
            lines.append(("Agencies", (d.agencies.count > 1 ? "joint: " : "") + d.agencies.joined(separator: "; "), theme[.text]))
        }
        let facts = FactStatusValue.allCases.map { "\(d.factCounts[$0] ?? 0) \($0.rawValue)" }.joined(separator: " · ")
        lines.append(("Facts", facts, (d.factCounts[.unverified] ?? 0) > 0 ? theme[.factUnverified] : theme[.text]))
        let pipeline = ReleaseStage.allCases.map { "\($0.rawValue) \(d.releaseCounts[$0] ?? 0)" }.joined(separator: " → ")
        lines.append(("Releases", pipeline, theme[.text]))
        lines.append(("Posts", "\(d.postCount)", theme[.text]))
        lines.append(("Mode", d.isExercise ? "EXERCISE: output goes to the exercise outbox only" : "LIVE", d.isExercise ? theme[.badgeExercise] : theme[.text]))
        let labelWidth = 14
        for (i, (label, value, style)) in lines.enumerated() {
            let row = contentTop + 1 + i
            guard row < context.height - 2 else { break }
            screen.write(label, row: row, column: 2, style: theme[.muted])
            screen.write(value, row: row, column: 2 + labelWidth, style: style, maxWidth: context.width - 3 - labelWidth)
        }
    }

    /// Rows of the content area for an in-memory list, and the first visible line so `line` shows.
    static func scrollOffset(selectedLine: Int, lineCount: Int, height: Int) -> Int {
        guard lineCount > height else { return 0 }
        return max(0, min(selectedLine - height + 1, lineCount - height))
    }

    static func drawFacts(_ incident: IncidentScreen, context: ViewContext, into screen: inout Screen) {
        let theme = context.theme
        let layout = Column.layout([
            Column(title: "Statement", width: nil),
            Column(title: "Source", width: context.wide ? 30 : 20),
            Column(title: "Verified by", width: context.wide ? 18 : 12),
            Column(title: "Release", width: 7),
        ], total: context.width)
        TableDrawer.header(layout, row: contentTop, context: context, into: &screen)
        guard !incident.facts.isEmpty else {
            screen.write("No facts recorded yet.", row: contentTop + 1, column: 2, style: theme[.muted])
            return
        }
        // Group lines: a heading per status, then its facts.
        enum Line { case heading(FactStatusValue, Int), fact(Int) }
        var lines: [Line] = []
        for status in FactStatusValue.allCases {
            let members = incident.facts.indices.filter { incident.facts[$0].status == status }
            guard !members.isEmpty else { continue }
            lines.append(.heading(status, members.count))
            lines.append(contentsOf: members.map(Line.fact))
        }
        let selected = incident.selection[.facts] ?? 0
        let selectedLine = lines.firstIndex { if case .fact(selected) = $0 { true } else { false } } ?? 0
        let height = context.state.listHeight
        let offset = scrollOffset(selectedLine: selectedLine, lineCount: lines.count, height: height)
        for (i, line) in lines.dropFirst(offset).prefix(height).enumerated() {
            let row = contentTop + 1 + i
            switch line {
            case .heading(let status, let count):
                screen.write(" \(status.rawValue.uppercased()) (\(count))", row: row, column: 0, style: context.factStyle(status).adding(.bold))
            case .fact(let index):
                let fact = incident.facts[index]
                let cells: [(String, Style)] = [
                    (fact.statement, context.factStyle(fact.status)),
                    (fact.source, theme[.text]),
                    (fact.verifiedBy ?? "—", theme[.text]),
                    (fact.clearedForRelease ? "cleared" : "held", fact.clearedForRelease ? theme[.text] : theme[.muted]),
                ]
                TableDrawer.row(cells, layout: layout, row: row, selected: index == selected, context: context, into: &screen)
            }
        }
    }

    static func drawReleases(_ incident: IncidentScreen, context: ViewContext, into screen: inout Screen) {
        let theme = context.theme
        let layout = Column.layout([
            Column(title: "Stage", width: 9),
            Column(title: "Rev", width: 3, alignRight: true),
            Column(title: "Title", width: nil),
            Column(title: "When", width: 11),
            Column(title: "Signed off by", width: context.wide ? 18 : 13),
        ], total: context.width)
        TableDrawer.header(layout, row: contentTop, context: context, into: &screen)
        guard !incident.releases.isEmpty else {
            screen.write("No releases yet.", row: contentTop + 1, column: 2, style: theme[.muted])
            return
        }
        let selected = incident.selection[.releases] ?? 0
        let height = context.state.listHeight
        let offset = scrollOffset(selectedLine: selected, lineCount: incident.releases.count, height: height)
        for (i, release) in incident.releases.enumerated().dropFirst(offset).prefix(height) {
            let stageStyle = release.stage == .released ? theme[.muted] : release.stage == .inReview ? theme[.warning] : theme[.text]
            let cells: [(String, Style)] = [
                (release.stage.rawValue, stageStyle),
                ("\(release.revision)", theme[.muted]),
                (release.title, theme[.title]),
                (release.at.map { context.time.dayAndClock($0) } ?? "—", theme[.text]),
                (release.signedOffBy ?? "—", theme[.text]),
            ]
            TableDrawer.row(cells, layout: layout, row: contentTop + 1 + i - offset, selected: i == selected, context: context, into: &screen)
        }
    }

    static func drawPosts(_ incident: IncidentScreen, context: ViewContext, into screen: inout Screen) {
        let theme = context.theme
        let layout = Column.layout([
            Column(title: "Channel", width: context.wide ? 12 : 10),
            Column(title: "State", width: context.wide ? 26 : 14),
            Column(title: "When", width: 11),
            Column(title: "Length", width: 9, alignRight: true),
            Column(title: "Release", width: nil),
        ], total: context.width)
        TableDrawer.header(layout, row: contentTop, context: context, into: &screen)
        guard !incident.posts.isEmpty else {
            screen.write("No posts yet.", row: contentTop + 1, column: 2, style: theme[.muted])
            return
        }
        let selected = incident.selection[.posts] ?? 0
        let height = context.state.listHeight
        let offset = scrollOffset(selectedLine: selected, lineCount: incident.posts.count, height: height)
        for (i, post) in incident.posts.enumerated().dropFirst(offset).prefix(height) {
            let over = post.limit.map { post.length > $0 } ?? false
            let failing = post.status.needsPerson
            let cells: [(String, Style)] = [
                (post.channel, theme[.text]),
                (post.state, failing ? theme[.flashError] : theme[.text]),
                (post.at.map { context.time.dayAndClock($0) } ?? "—", theme[.text]),
                (post.limit.map { "\(post.length)/\($0)" } ?? "\(post.length)", over ? theme[.warning] : theme[.muted]),
                (post.releaseTitle, theme[.text]),
            ]
            TableDrawer.row(cells, layout: layout, row: contentTop + 1 + i - offset, selected: i == selected, context: context, into: &screen)
        }
    }
}
