import Foundation

/// Which screen is showing.
public enum Route: Equatable, Sendable {
    case board
    case incident(IncidentID)
    case log
    /// One release: its text with the findings, channel previews, sign-off.
    case release(ReleaseID)
    /// Posts waiting to go out in the next hours, and those that need a person.
    case schedule
}

/// The release view's data and scroll position.
public struct ReleaseScreen: Equatable, Sendable {
    public var id: ReleaseID
    public var detail: ReleaseDetail?
    public var loaded = false
    /// First content line shown.
    public var scroll = 0
    public init(id: ReleaseID) { self.id = id }
}

/// The schedule view's rows (an in-memory list: what waits is a short list).
public struct ScheduleScreen: Equatable, Sendable {
    public var rows: [ScheduleRow] = []
    public var selected = 0
    public var loaded = false
    public init() {}
    public var selectedRow: ScheduleRow? { rows.indices.contains(selected) ? rows[selected] : nil }
}

/// The tabs of the incident view, numbered as the `1`-`5` keys.
public enum IncidentTab: Int, CaseIterable, Sendable {
    case overview = 1, facts, releases, posts, log

    public var title: String {
        switch self {
        case .overview: "Overview"
        case .facts: "Facts"
        case .releases: "Releases"
        case .posts: "Posts"
        case .log: "Log"
        }
    }
}

/// The incident view's loaded data and selections.
public struct IncidentScreen: Equatable, Sendable {
    public var id: IncidentID
    public var tab: IncidentTab = .overview
    public var detail: IncidentDetail?
    public var facts: [FactRow] = []
    public var releases: [ReleaseRow] = []
    public var posts: [PostRow] = []
    public var log = ListWindow<LogRow>()
    /// A search within this incident, shown in place of the tab until Esc (or another tab) ends it.
    public var search: RecordsSearch?
    /// Selected row per in-memory tab (facts, releases, posts).
    public var selection: [IncidentTab: Int] = [:]
    public var loaded = false

    public init(id: IncidentID) { self.id = id }

    /// Number of rows of an in-memory tab.
    public func count(of tab: IncidentTab) -> Int {
        switch tab {
        case .facts: facts.count
        case .releases: releases.count
        case .posts: posts.count
        case .overview, .log: 0
        }
    }
}

/// A message shown on the bottom line for a few seconds.
public struct Flash: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public var expires: Date
}

/// A line of typed input at the bottom of the screen.
public struct Prompt: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case command
        case search
    }
    public var kind: Kind
    public var text: String = ""
}

/// What is over the screen. One at a time: a new overlay replaces the one before (the quit question keeps
/// what it covers, to come back to).
public indirect enum Overlay: Equatable, Sendable {
    case none
    case help
    case prompt(Prompt)
    case dialog(Dialog)
    case confirmQuit(over: Overlay)
}

/// Everything the dashboard shows; `render` reads only this.
public struct DashboardState: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var now: Date
    public var theme: Theme
    /// Whether colours are shown (false under NO_COLOR: attributes only).
    public var colorEnabled: Bool
    public var header: HeaderInfo? {
        didSet {
            if header?.timeZoneIdentifier != oldValue?.timeZoneIdentifier { time = TimeText(zoneIdentifier: header?.timeZoneIdentifier) }
        }
    }
    /// Formats times in the agency's zone (follows `header`).
    public private(set) var time = TimeText(zoneIdentifier: nil)
    public var route: Route = .board
    /// Where Esc goes back to from the current route.
    public var backStack: [Route] = []
    public var board = ListWindow<BoardRow>()
    public var log = ListWindow<LogRow>()
    /// The records log's incident and dates: what it lists, searches and exports.
    public var logFilter = LogFilter()
    /// A search of the records, shown in the records log in place of its entries until Esc.
    public var recordsSearch: RecordsSearch?
    public var incident: IncidentScreen?
    public var release: ReleaseScreen?
    public var schedule = ScheduleScreen()
    /// What is over the screen: one thing at a time (help, the `:`/`/` line, a dialog, or the quit question).
    public var overlay: Overlay = .none {
        didSet { if !showHelp { helpOffset = 0 } }
    }
    /// A form or a question over the screen (the overlay, when it is one).
    public var dialog: Dialog? {
        get { if case .dialog(let dialog) = overlay { dialog } else { nil } }
        set {
            if let newValue { overlay = .dialog(newValue) } else if case .dialog = overlay { overlay = .none }
        }
    }
    public var showHelp: Bool {
        get { overlay == .help }
        set {
            if newValue { overlay = .help } else if overlay == .help { overlay = .none }
        }
    }
    /// First help line shown (the overlay scrolls with j/k).
    public var helpOffset = 0
    /// The `:` command line or the `/` search line being typed.
    public var prompt: Prompt? {
        get { if case .prompt(let prompt) = overlay { prompt } else { nil } }
        set {
            if let newValue { overlay = .prompt(newValue) } else if case .prompt = overlay { overlay = .none }
        }
    }
    /// A half-typed command line put away with Esc; `:` brings it back, `q` asks before losing it.
    public var stashedCommand: String?
    /// The last search typed, for `n` and `N` (and to run again after Esc cleared it).
    public var search: String?
    public var flash: Flash?
    /// "Discard the half-typed command and quit?" is asked (over whatever was shown, which comes back on no).
    public var confirmingQuit: Bool {
        get { if case .confirmQuit = overlay { true } else { false } }
        set {
            if newValue {
                if !confirmingQuit { overlay = .confirmQuit(over: overlay) }
            } else if case .confirmQuit(let over) = overlay {
                overlay = over
            }
        }
    }
    public var quitRequested = false
    /// The driver repaints everything on the next frame (Ctrl-L).
    public var redrawRequested = false
    public var dataVersion: Int?
    /// Why this process's scheduler last failed to deliver (nil: delivering, or no scheduler here).
    public var schedulerProblem: String?
    /// Set while the shared server does not answer: the dashboard shows this machine's copy and says so.
    public var connectionProblem: String?
    /// Stored rows that cannot be read back, left out of the lists: the bottom line warns while there are any.
    public var unreadableRows = 0
    /// The data version and the time the count was taken at (nil: not yet counted).
    public var unreadableCounted: CountStamp?

    /// When a count was taken, and of which data.
    public struct CountStamp: Equatable, Sendable {
        public var version: Int?
        public var at: Date
    }
    /// Keys typed while the window was too small (a resize passing through), played once it is big enough again.
    public var pendingKeys: [Key] = []
    /// At most this many keys wait for the window to grow.
    public static let pendingKeyLimit = 64

    public init(width: Int, height: Int, now: Date, theme: Theme, colorEnabled: Bool = true) {
        self.width = width
        self.height = height
        self.now = now
        self.theme = theme
        self.colorEnabled = colorEnabled
    }

    /// The smallest terminal the dashboard draws into.
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// The search a screen shows, whether or not that screen is the current one.
    public func search(for target: SearchRequest.Target) -> RecordsSearch? {
        switch target {
        case .records: recordsSearch
        case .incident(let id): incident?.id == id ? incident?.search : nil
        }
    }

    /// The search shown on the current screen, if any.
    public var activeSearch: RecordsSearch? {
        switch route {
        case .log: recordsSearch
        case .incident: incident?.search
        case .board, .release, .schedule: nil
        }
    }

    /// The keymap contexts of what is on screen, the most specific first.
    public var keyContexts: [KeyContext] {
        if dialog != nil { return [.dialog] }
        if showHelp { return [.help] }
        return screenContexts
    }

    /// The contexts of the screen under any overlay.
    public var screenContexts: [KeyContext] {
        switch route {
        case .board: return [.board]
        case .log: return recordsSearch == nil ? [.log] : [.search, .log]
        case .schedule: return [.schedule]
        case .release: return [.release]
        case .incident:
            if incident?.search != nil { return [.search, .incident] }
            switch incident?.tab {
            case .facts?: return [.facts, .incident]
            case .releases?: return [.releases, .incident]
            case .overview?, .posts?, .log?, nil: return [.incident]
            }
        }
    }

    /// The main keymap context (the most specific).
    public var keyContext: KeyContext { keyContexts[0] }

    /// Rows available to a list on the current route (top bar, title lines, column header, status bar, bottom line taken).
    public var listHeight: Int {
        switch route {
        case .board, .log: max(1, height - 5)
        case .incident, .release: max(1, height - 6)
        case .schedule: max(1, height - 8)
        }
    }

    /// Whether quitting now would throw away typed input.
    public var hasUnsavedInput: Bool {
        if let prompt, !prompt.text.isEmpty, prompt.kind == .command { return true }
        if let stashedCommand, !stashedCommand.isEmpty { return true }
        if let dialog, dialog.fields.contains(where: { ($0.kind == .text || $0.kind == .combo) && !$0.text.isEmpty }) { return true }
        return false
    }

    /// The theme as drawn: without colours when colour is off.
    public var effectiveTheme: Theme { colorEnabled ? theme : theme.withoutColor() }
}
