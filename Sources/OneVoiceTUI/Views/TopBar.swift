/// The bar on every screen: mode badge, agency, next release with countdown, operator, local time.
enum TopBar {
    static func draw(_ context: ViewContext, into screen: inout Screen) {
        let theme = context.theme
        let bar = theme[.topBar]
        screen.fill(row: 0, style: bar)
        guard let header = context.state.header else {
            screen.write(" Loading…", row: 0, column: 0, style: bar)
            return
        }
        var x = 0
        switch header.mode {
        case .exercise:
            x += screen.write("*** EXERCISE ***", row: 0, column: x, style: theme[.badgeExercise])
        case .live:
            x += screen.write(" LIVE ", row: 0, column: x, style: theme[.badgeLive])
        }
        x += 1
        let clock = context.time.clockWithZone(context.now)
        let who = header.operatorInfo.map { "as \($0.handle) (\($0.role))" } ?? "read-only"
        let release: [String]
        if let next = header.nextRelease {
            let when = context.time.short(next.at, now: context.now)
            let countdown = TimeText.countdown(to: next.at, now: context.now)
            release = ["Next release \(when) \(countdown)", "Next \(when) \(countdown)", "Next \(when)"]
        } else {
            release = ["No release scheduled", "None scheduled", ""]
        }
        // Longest right side that leaves the agency at least 12 cells.
        var right = ""
        for candidate in release {
            right = [candidate, who, clock].filter { !$0.isEmpty }.joined(separator: "  ")
            if DisplayWidth.of(right) + 1 <= context.width - x - 12 { break }
        }
        let rightWidth = DisplayWidth.of(right)
        let agencyWidth = max(0, context.width - x - rightWidth - 2)
        screen.write(DisplayWidth.truncate(header.agencyName, to: agencyWidth), row: 0, column: x, style: bar.adding(.bold))
        let rx = max(x, context.width - rightWidth - 1)
        screen.write(right, row: 0, column: rx, style: bar, maxWidth: context.width - rx)
        let clockX = rx + rightWidth - DisplayWidth.of(clock)
        if clockX >= rx { screen.write(clock, row: 0, column: clockX, style: theme[.clock]) }
    }
}
