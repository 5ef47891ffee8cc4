import Foundation

/// Which screen `onevoice snapshot` draws.
public enum SnapshotView: Equatable, Sendable {
    case board
    case log
    case incident(String, tab: IncidentTab)
    /// The help overlay over the board.
    case help
    case schedule
    case release(String)
}

/// Renders one screen as plain text (exactly `height` lines, each at most `width` columns, no escape codes).
public enum SnapshotRenderer {
    /// The screen as text. `now` defaults to the current time; pass a fixed date for reproducible output.
    public static func render(view: SnapshotView, source: DashboardSource, width: Int, height: Int,
                              now: Date = Date(), theme: Theme = .fallback) -> String {
        screen(view: view, source: source, width: width, height: height, now: now, theme: theme).plainText()
    }

    /// The screen itself (with styles), for tests that look at colours.
    public static func screen(view: SnapshotView, source: DashboardSource, width: Int, height: Int,
                              now: Date, theme: Theme = .fallback, colorEnabled: Bool = true) -> Screen {
        DisplayWidth.ensureUTF8Locale()
        let program = DashboardProgram(source: source, width: width, height: height, theme: theme, colorEnabled: colorEnabled,
                                       themes: ThemeLibrary(directory: nil), clock: { now })
        switch view {
        case .board:
            program.start()
        case .log:
            program.start(route: .log)
        case .incident(let id, let tab):
            program.start(route: .incident(IncidentID(id)))
            program.send(.key(.char(Character(String(tab.rawValue)))))
        case .help:
            program.start()
            program.send(.key(.char("?")))
        case .schedule:
            program.start(route: .schedule)
        case .release(let id):
            program.start(route: .release(ReleaseID(id)))
        }
        return program.render()
    }
}
