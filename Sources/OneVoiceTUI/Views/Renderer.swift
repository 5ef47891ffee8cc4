import Foundation

/// The pure view: `render(state) -> Screen`.
public struct Renderer: Sendable {
    public var keymap: Keymap
    public var commands: CommandRegistry

    public init(keymap: Keymap = .standard, commands: CommandRegistry = .standard) {
        self.keymap = keymap
        self.commands = commands
    }

    public func render(_ state: DashboardState) -> Screen {
        let theme = state.effectiveTheme
        var screen = Screen(width: state.width, height: state.height, fill: theme[.text])
        guard !state.isTooSmall else {
            TooSmallView.draw(state, theme: theme, into: &screen)
            return screen
        }
        let context = ViewContext(state: state, theme: theme, time: state.time)
        TopBar.draw(context, into: &screen)
        switch state.route {
        case .board: BoardView.draw(context, into: &screen)
        case .log: LogView.drawRecords(context, into: &screen)
        case .incident: IncidentView.draw(context, into: &screen)
        case .release: ReleaseView.draw(context, into: &screen)
        case .schedule: ScheduleView.draw(context, into: &screen)
        }
        if state.showHelp { HelpOverlay.draw(context, keymap: keymap, commands: commands, into: &screen) }
        if let dialog = state.dialog { DialogView.draw(context, dialog: dialog, into: &screen) }
        BottomLines.draw(context, keymap: keymap, into: &screen)
        return screen
    }
}

/// What every view needs to draw.
struct ViewContext {
    let state: DashboardState
    let theme: Theme
    let time: TimeText
    var width: Int { state.width }
    var height: Int { state.height }
    var now: Date { state.now }
    var wide: Bool { state.width >= 120 }

    /// The style of a selected row: the theme's selection colours, keeping the cell's attributes too.
    func selectedStyle(_ base: Style) -> Style {
        let selected = theme[.selected]
        return Style(fg: selected.fg, bg: selected.bg, attrs: selected.attrs.union(base.attrs.subtracting(.reverse)))
    }

    func statusStyle(_ status: IncidentStatusValue) -> Style {
        switch status {
        case .active: theme[.statusActive]
        case .monitoring: theme[.statusMonitoring]
        case .closed: theme[.statusClosed]
        }
    }

    func factStyle(_ status: FactStatusValue) -> Style {
        switch status {
        case .unverified: theme[.factUnverified]
        case .verified: theme[.factVerified]
        case .disputed: theme[.factDisputed]
        case .retracted: theme[.factRetracted]
        }
    }
}

/// A table column: title, width (nil = takes the rest) and alignment.
struct Column {
    var title: String
    var width: Int?
    var alignRight = false

    /// Resolves flexible widths so that marker + columns + single gaps fill `total`.
    static func layout(_ columns: [Column], total: Int, marker: Int = 1) -> [(column: Column, x: Int, width: Int)] {
        let fixed = columns.compactMap(\.width).reduce(0, +)
        let gaps = columns.count - 1
        let flexCount = max(1, columns.filter { $0.width == nil }.count)
        let flex = max(4, (total - marker - 1 - fixed - gaps) / flexCount)
        var x = marker + 1
        var out: [(Column, Int, Int)] = []
        for column in columns {
            let w = column.width ?? flex
            out.append((column, x, min(w, max(0, total - x))))
            x += w + 1
        }
        return out
    }
}

/// Draws a header row and list rows with a selection marker.
enum TableDrawer {
    static func header(_ layout: [(column: Column, x: Int, width: Int)], row: Int, context: ViewContext, into screen: inout Screen) {
        let style = context.theme[.columnHeader]
        screen.fill(row: row, style: context.theme[.text])
        for (column, x, width) in layout {
            screen.writePadded(column.title, row: row, column: x, width: width, style: style, alignRight: column.alignRight)
        }
    }

    /// One cell text and style per column.
    static func row(_ cells: [(String, Style)], layout: [(column: Column, x: Int, width: Int)], row: Int, selected: Bool,
                    context: ViewContext, into screen: inout Screen) {
        let base = context.theme[.text]
        screen.fill(row: row, style: base)
        for (i, (column, x, width)) in layout.enumerated() where i < cells.count {
            screen.writePadded(cells[i].0, row: row, column: x, width: width, style: cells[i].1, alignRight: column.alignRight)
        }
        if selected {
            screen.write(">", row: row, column: 0, style: base)
            screen.restyle(row: row) { context.selectedStyle($0) }
        }
    }
}
