import Foundation
import OneVoiceCore

/// The schedule: a strip of the next 24 hours with every waiting post on it, then the posts with
/// countdowns and states; failed and missed posts in the error colour.
enum ScheduleView {
    /// Title, hour labels, the strip, a blank line, the column header.
    static let listTop = 6
    static let span: TimeInterval = 24 * 3600

    static func draw(_ context: ViewContext, into screen: inout Screen) {
        let theme = context.theme
        let schedule = context.state.schedule
        let rows = schedule.rows
        for row in 1..<listTop { screen.fill(row: row, style: theme[.text]) }
        screen.write(" Schedule: the next 24 hours", row: 1, column: 0, style: theme[.title])
        let trouble = rows.filter(\.isTrouble).count
        let summary = !schedule.loaded ? "loading…" : "\(rows.count) waiting" + (trouble > 0 ? " · \(trouble) need a person" : "")
        let sw = DisplayWidth.of(summary)
        screen.write(summary, row: 1, column: max(0, context.width - sw - 1), style: trouble > 0 ? theme[.flashError] : theme[.muted])
        drawStrip(context, rows: rows, into: &screen)
        if let problem = context.state.schedulerProblem {
            // The blank line under the strip: this dashboard's own scheduler is failing.
            screen.write(DisplayWidth.truncate(" " + problem, to: context.width), row: listTop - 2, column: 0, style: theme[.flashError])
        }

        let layout = Column.layout([
            Column(title: "When", width: 11),
            Column(title: "In", width: 9, alignRight: true),
            Column(title: "Channel", width: context.wide ? 12 : 10),
            Column(title: "State", width: context.wide ? 40 : 22),
            Column(title: "Release", width: nil),
        ], total: context.width)
        TableDrawer.header(layout, row: listTop - 1, context: context, into: &screen)
        if schedule.loaded, rows.isEmpty {
            screen.write("Nothing waiting to go out.", row: listTop, column: 2, style: theme[.muted])
            return
        }
        let height = context.state.listHeight
        let offset = IncidentView.scrollOffset(selectedLine: schedule.selected, lineCount: rows.count, height: height)
        for (i, row) in rows.enumerated().dropFirst(offset).prefix(height) {
            var state = row.state
            if let retry = row.retryAt { state += ", retry \(context.time.clock(retry))" }
            if row.isTrouble, let error = row.lastError { state += ": \(error)" }
            let cells: [(String, Style)] = [
                (row.at.map { context.time.dayAndClock($0) } ?? "—", theme[.text]),
                (row.at.map { TimeText.countdown(to: $0, now: context.now) } ?? "", theme[.muted]),
                (row.channel, theme[.text]),
                (state, row.isTrouble ? theme[.flashError] : row.status == .held ? theme[.warning] : theme[.text]),
                ("#\(row.releaseID) \(row.releaseTitle)", theme[.title]),
            ]
            TableDrawer.row(cells, layout: layout, row: listTop + i - offset, selected: i == schedule.selected, context: context, into: &screen)
        }
    }

    /// Row 2: clock labels every three hours; row 3: the strip, "●" a waiting post, "✖" one that needs a person.
    static func drawStrip(_ context: ViewContext, rows: [ScheduleRow], into screen: inout Screen) {
        let theme = context.theme
        let left = 6
        let width = max(10, context.width - left - 8)
        func column(_ date: Date) -> Int { left + Int(Double(width - 1) * date.timeIntervalSince(context.now) / span) }
        screen.write("now", row: 2, column: left - 1, style: theme[.muted])
        var strip = Array(repeating: "─", count: width)
        let hour: TimeInterval = 3600
        var tick = (context.now.timeIntervalSince1970 / hour).rounded(.up) * hour
        var lastLabelEnd = left + 3
        while tick < context.now.timeIntervalSince1970 + span {
            let date = Date(timeIntervalSince1970: tick)
            let x = column(date)
            let label = context.time.clock(date)
            let hourNumber = Int(label.prefix(2)) ?? 0
            if hourNumber % 3 == 0 {
                strip[x - left] = "┼"
                if x >= lastLabelEnd + 1, x + DisplayWidth.of(label) <= left + width {
                    screen.write(label, row: 2, column: x, style: theme[.muted])
                    lastLabelEnd = x + DisplayWidth.of(label)
                }
            }
            tick += hour
        }
        screen.write("[", row: 3, column: left - 1, style: theme[.muted])
        screen.write(strip.joined(), row: 3, column: left, style: theme[.muted])
        screen.write("]", row: 3, column: left + width, style: theme[.muted])
        var later = 0
        for row in rows {
            guard let at = row.at else { continue }
            if at.timeIntervalSince(context.now) >= span {
                later += 1
                continue
            }
            let x = max(left, column(at))
            if row.isTrouble {
                screen.write("✖", row: 3, column: x, style: theme[.flashError])
            } else if screen[3, x].text != "✖" {
                screen.write(row.status == .held ? "‖" : "●", row: 3, column: x, style: row.status == .held ? theme[.warning] : theme[.title])
            }
        }
        if later > 0 { screen.write("+\(later) later", row: 3, column: left + width + 1, style: theme[.muted], maxWidth: 7) }
    }
}
