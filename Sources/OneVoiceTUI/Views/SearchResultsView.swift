/// The hits of a records search in place of a list: when, which item, (incident), and the words around
/// the match with every matched word highlighted.
enum SearchResultsView {
    static func columns(wide: Bool, showIncident: Bool) -> [Column] {
        var columns = [
            Column(title: "When", width: 11),
            Column(title: "Item", width: wide ? 30 : 18),
        ]
        if showIncident && wide { columns.append(Column(title: "Incident", width: 8)) }
        columns.append(Column(title: "Match", width: nil))
        return columns
    }

    /// Draws the hits with a title on row `top` (or, with no title, the position on the header row's right).
    static func draw(_ context: ViewContext, search: RecordsSearch, title: String?, showIncident: Bool, top: Int, into screen: inout Screen) {
        let theme = context.theme
        let hits = search.hits
        var headerRow = top
        if let title {
            ListTitle.draw(title, window: hits, noun: "matches", total: total(hits), row: top, context: context, into: &screen)
            headerRow += 1
        }
        let layout = Column.layout(columns(wide: context.wide, showIncident: showIncident), total: context.width)
        TableDrawer.header(layout, row: headerRow, context: context, into: &screen)
        let first = headerRow + 1
        if !hits.loaded {
            screen.write("Searching…", row: first, column: 2, style: theme[.muted])
        } else if hits.rows.isEmpty {
            screen.write(search.statusLine, row: first, column: 2, style: theme[.warning], maxWidth: context.width - 3)
        }
        let withIncident = showIncident && context.wide
        for (i, hit) in hits.rows.enumerated() where first + i < context.height - 2 {
            let row = first + i
            var cells: [(String, Style)] = [
                (context.time.dayAndClock(hit.at), theme[.muted]),
                (hit.label, theme[.title]),
            ]
            if withIncident { cells.append((hit.incidentID?.rawValue ?? "agency", theme[.text])) }
            cells.append(("", theme[.text]))
            TableDrawer.row(cells, layout: layout, row: row, selected: false, context: context, into: &screen)
            if let match = layout.last {
                snippetLine(hit.snippet, width: match.width, context: context).draw(row: row, column: match.x, width: match.width, into: &screen)
            }
            if i == hits.selected {
                screen.write(">", row: row, column: 0, style: theme[.text])
                screen.restyle(row: row) { context.selectedStyle($0) }
            }
        }
        guard title == nil, hits.loaded, !hits.rows.isEmpty else { return }
        let position = "\(hits.firstIndex + hits.selected + 1) of \(total(hits)) matches"
        let w = DisplayWidth.of(position)
        screen.fill(row: headerRow, column: context.width - w - 2, width: w + 2, style: theme[.text])
        screen.write(position, row: headerRow, column: context.width - w - 1, style: theme[.muted])
    }

    /// The number of hits, "100000+" when counting stopped at the limit.
    static func total(_ hits: ListWindow<SearchRow>) -> String {
        hits.total >= RecordsSearch.countLimit ? "\(hits.total)+" : "\(hits.total)"
    }

    /// The snippet as styled pieces, the matches in the theme's match style. When the first match would not
    /// show whole in the column, the start is cut (and marked "…") so that it begins in the first third. Widths
    /// are display cells, so wide characters (CJK, emoji) before a match move it exactly as far as they are drawn.
    static func snippetLine(_ runs: [SnippetRun], width: Int, context: ViewContext) -> StyledLine {
        let theme = context.theme
        var runs = runs
        if let firstMatch = runs.firstIndex(where: \.isMatch) {
            var before = runs[..<firstMatch].reduce(0) { $0 + DisplayWidth.of($1.text) }
            let room = max(1, width / 3)
            if before + DisplayWidth.of(runs[firstMatch].text) > width {
                // Drop whole characters from the front until the match starts within `room` (after the "…").
                var i = 0
                while before > room - 1, i < firstMatch {
                    var text = runs[i].text
                    while before > room - 1, let ch = text.first {
                        let w = DisplayWidth.of(grapheme: ch)
                        before -= w < 0 ? 1 : w  // a control character is drawn as "?"
                        text.removeFirst()
                    }
                    runs[i].text = text
                    i += 1
                }
                runs.insert(SnippetRun("…", isMatch: false), at: 0)
            }
        }
        return StyledLine(runs.filter { !$0.text.isEmpty }.map { ($0.text, $0.isMatch ? theme[.match] : theme[.text]) })
    }
}
