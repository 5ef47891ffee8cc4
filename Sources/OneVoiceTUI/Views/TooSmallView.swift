/// Shown instead of everything else below 80x24.
enum TooSmallView {
    static func draw(_ state: DashboardState, theme: Theme, into screen: inout Screen) {
        let lines = [
            "Terminal too small",
            "needs \(DashboardState.minimumWidth)x\(DashboardState.minimumHeight), has \(state.width)x\(state.height)",
            "Enlarge the window, or press q to quit.",
        ]
        if let header = state.header, state.height > 0 {
            let badge = header.mode == .exercise ? "*** EXERCISE ***" : " LIVE "
            screen.write(badge, row: 0, column: 0, style: theme[header.mode == .exercise ? .badgeExercise : .badgeLive])
        }
        let top = max(state.header == nil ? 0 : 1, (state.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < state.height {
            let w = DisplayWidth.of(line)
            let x = max(0, (state.width - w) / 2)
            screen.write(line, row: top + i, column: x, style: i == 0 ? theme[.warning] : theme[.text])
        }
    }
}
