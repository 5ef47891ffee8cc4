import Foundation

/// The pure update: `(state, action) -> (state', effects)`. No I/O happens here.
public struct Update: Sendable {
    public var keymap: Keymap
    public var commands: CommandRegistry

    public init(keymap: Keymap = .standard, commands: CommandRegistry = .standard) {
        self.keymap = keymap
        self.commands = commands
    }

    /// Unreadable rows are counted again at most this often (when the data changed).
    public static let unreadableRecount: TimeInterval = 30

    /// How long a flash message stays.
    public static let flashDuration: TimeInterval = 4

    /// Screen rows above a list's first row, per route (top bar, title/tabs, column header).
    static func listTop(_ route: Route) -> Int {
        switch route {
        case .board, .log, .release: 3
        case .incident: 4
        case .schedule: ScheduleView.listTop
        }
    }

    public func callAsFunction(_ state: inout DashboardState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            return handle(key: key, state: &state)
        case .click(let row, let column):
            return handleClick(row: row, column: column, state: &state)
        case .resize(let width, let height):
            let changed = width != state.width || height != state.height
            state.width = width
            state.height = height
            guard changed, !state.isTooSmall else { return [] }
            var effects = Update.reloadEffects(state)
            // Keys typed while the window passed through "too small" are not lost: they run now, in order.
            let pending = state.pendingKeys
            state.pendingKeys = []
            for key in pending { effects += handle(key: key, state: &state) }
            return effects
        case .tick(let date):
            state.now = date
            if let flash = state.flash, flash.expires <= date { state.flash = nil }
            // Unreadable rows are counted on a tick after the data changed, never in a first frame's or a key's time,
            // and at most every `unreadableRecount` (the count reads every incident and waiting post).
            let due = state.unreadableCounted.map { date.timeIntervalSince($0.at) >= Update.unreadableRecount } ?? true
            let count = state.dataVersion != nil && state.unreadableCounted?.version != state.dataVersion && due
            return [.checkDataVersion, .checkScheduler, .checkConnection] + (count ? [.countUnreadable] : [])
        case .dataVersion(let version):
            defer { state.dataVersion = version }
            if let old = state.dataVersion, old != version { return Update.reloadEffects(state) }
            return []
        case .unreadableCounted(let count):
            state.unreadableRows = count
            state.unreadableCounted = DashboardState.CountStamp(version: state.dataVersion, at: state.now)
            return []
        case .schedulerStatus(let problem):
            // Shown once when it starts failing (the flash line), and on the schedule view while it lasts.
            if let problem, problem != state.schedulerProblem { Update.flash(problem, error: true, state: &state) }
            if problem == nil, state.schedulerProblem != nil {
                Update.flash("The scheduler delivers again.", error: false, state: &state)
            }
            state.schedulerProblem = problem
            return []
        case .connectionStatus(let problem):
            // The copy keeps being shown; each tick looks again, and the dashboard reconnects by itself.
            if problem != nil, state.connectionProblem == nil {
                Update.flash("Disconnected from the server: showing this machine's copy; reconnecting by itself.", error: true, state: &state)
            }
            if problem == nil, state.connectionProblem != nil {
                Update.flash("Connected to the server again.", error: false, state: &state)
                state.connectionProblem = nil
                return Update.reloadEffects(state)
            }
            state.connectionProblem = problem
            return []
        case .headerLoaded(let header):
            state.header = header
            return []
        case .boardLoaded(let result):
            state.board.apply(result)
            return []
        case .boardFound(let result, let text, let match, let total, let wrapped):
            state.board.apply(result)
            var message = total > 0 ? "Match \(match) of \(total) for \"\(text)\"" : "Found \"\(text)\""
            if wrapped { message += ": passed the end, went on from the other end" }
            Update.flash(message + " (Ctrl-N next, N previous).", error: false, state: &state)
            return []
        case .logLoaded(let incidentID, let result):
            if let incidentID {
                if state.incident?.id == incidentID { state.incident?.log.apply(result) }
            } else {
                state.log.apply(result)
            }
            return []
        case .incidentLoaded(var screen):
            if let current = state.incident, current.id == screen.id {
                screen.tab = current.tab
                screen.selection = current.selection
                for tab in [IncidentTab.facts, .releases, .posts] {
                    if let s = screen.selection[tab] { screen.selection[tab] = max(0, min(s, screen.count(of: tab) - 1)) }
                }
                // The Log tab's window and a search are loaded on their own (`loadLog`, `loadSearch`); keep them.
                screen.log = current.log
                screen.search = current.search
            }
            state.incident = screen
            return []
        case .incidentMissing(let id):
            Update.flash("No incident \(id).", error: true, state: &state)
            if case .incident(let current) = state.route, current == id { _ = Update.goBack(state: &state) }
            return []
        case .themeLoaded(let theme, let warning):
            state.theme = theme
            if let warning {
                Update.flash(warning, error: true, state: &state)
            } else {
                Update.flash("Theme \(theme.name).", error: false, state: &state)
            }
            return []
        case .failed(let message):
            Update.flash(message, error: true, state: &state)
            return []
        case .notFound(let text):
            Update.flash("No match for \"\(text)\".", error: true, state: &state)
            return []
        case .formLoaded(let request, let data):
            return FormDialogs.loaded(request, data, state: &state)
        case .releaseLoaded(let detail):
            return ReleaseUpdate.loaded(detail, state: &state)
        case .releaseMissing(let id):
            Update.flash("No release \(id).", error: true, state: &state)
            if case .release(let current) = state.route, current == id { return Update.goBack(state: &state) }
            return []
        case .scheduleLoaded(let rows):
            return ScheduleUpdate.loaded(rows, state: &state)
        case .templatesLoaded(let incidentID, let choices, let preselected):
            guard !choices.isEmpty else {
                Update.flash("There are no templates; add some to the templates folder (see `onevoice template`).", error: true, state: &state)
                return []
            }
            state.dialog = FormDialogs.template(incidentID: incidentID, choices: choices, preselected: preselected)
            return []
        case .operationDone(let outcome):
            return Update.done(outcome, state: &state)
        case .operationFailed(let message):
            return Update.refused(message, state: &state)
        case .searchLoaded(let request, let result):
            return SearchUpdate.loaded(request, result, state: &state)
        case .searchFailed(let request, let message):
            if state.recordsSearch?.request == request || state.incident?.search?.request == request {
                SearchUpdate.set(nil, for: request.target, state: &state)
            }
            Update.flash(message, error: true, state: &state)
            return []
        case .logFilterChecked(let filter):
            return LogUpdate.filterChecked(filter, state: &state)
        case .incidentChoicesLoaded(let rows):
            return LogUpdate.incidentChoicesLoaded(rows, state: &state)
        case .exportPlanned(let preview):
            // Counted off the program's thread: dropped if the person has moved on or opened something else since.
            guard state.dialog == nil, state.route == .log else { return [] }
            if state.flash?.isError == false { state.flash = nil }
            state.dialog = FormDialogs.export(preview)
            return []
        case .exportDone(let result):
            state.dialog = FormDialogs.exportNotice(result)
            Update.flash("Exported \(result.files) files to \(result.folder).", error: false, state: &state)
            return []
        }
    }

    // MARK: Keys

    /// A key goes to what is on top: the quit question, the prompt line, else (when the window is big enough) the
    /// dialog, the help or the screen.
    private func handle(key: Key, state: inout DashboardState) -> [Effect] {
        switch state.overlay {
        case .confirmQuit:
            state.confirmingQuit = false
            if key == .char("y") || key == .char("Y") {
                state.quitRequested = true
            } else {
                Update.flash("Not quitting.", error: false, state: &state)
            }
            return []
        case .prompt:
            return handlePrompt(key: key, state: &state)
        case .dialog, .help, .none:
            break
        }
        if state.isTooSmall {
            switch key {
            case .char("q"): return perform(.quit, state: &state)
            case .ctrl("l"): state.redrawRequested = true
            default:
                if state.pendingKeys.count < DashboardState.pendingKeyLimit { state.pendingKeys.append(key) }
            }
            return []
        }
        if state.dialog != nil { return DialogUpdate.key(key, keymap: keymap, state: &state) }
        guard let command = keymap.command(for: key, in: state.keyContexts) else { return [] }
        return perform(command, state: &state)
    }

    /// A key's command: the few that act the same everywhere here; then the overlay's or the screen's own update.
    private func perform(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        switch command {
        case .quit:
            if state.hasUnsavedInput { state.confirmingQuit = true } else { state.quitRequested = true }
            return []
        case .redraw:
            state.redrawRequested = true
            return []
        case .help:
            state.showHelp.toggle()
            return []
        case .commandLine:
            state.prompt = Prompt(kind: .command, text: state.stashedCommand ?? "")
            state.stashedCommand = nil
            return []
        case .search:
            state.prompt = Prompt(kind: .search)
            return []
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp, .open, .back, .nextTab, .previousTab, .jump,
             .nextMatch, .previousMatch, .clearSearch, .filterLog, .clearFilter, .export, .newIncident, .draft, .verifyFact,
             .disputeFact, .retractFact, .clear, .edit, .submit, .approve, .schedule, .hold, .releaseNow, .cancelRelease,
             .markPosted, .resendPost, .addFact, .editFact, .assignSpokesperson, .editIncident, .closeIncident, .updateRelease,
             .correctRelease, .nextField, .previousField, .choiceDown, .choiceUp, .toggle, .confirm, .cancel, .alternate, .pick:
            break
        }
        if state.showHelp { return HelpUpdate.perform(command, state: &state) }
        if state.activeSearch != nil, let effects = SearchUpdate.perform(command, state: &state) { return effects }
        switch state.route {
        case .board: return BoardUpdate.perform(command, state: &state)
        case .log: return LogUpdate.perform(command, state: &state)
        case .incident: return IncidentUpdate.perform(command, state: &state)
        case .schedule: return ScheduleUpdate.perform(command, state: &state)
        case .release: return ReleaseUpdate.perform(command, state: &state)
        }
    }

    /// The same for a key: nothing unless it is one of the six movements.
    static func move<Row>(_ window: inout ListWindow<Row>, _ command: KeyCommand, height: Int) -> (WindowLoad<Row>, WindowSelection)? {
        guard let movement = command.movement else { return nil }
        return move(&window, movement, height: height)
    }

    /// Moves the selection in a windowed list; returns the load to ask for when the window must move.
    static func move<Row>(_ window: inout ListWindow<Row>, _ movement: Movement, height: Int) -> (WindowLoad<Row>, WindowSelection)? {
        switch movement {
        case .down:
            if window.selected + 1 < window.rows.count {
                window.selected += 1
                return nil
            }
            guard window.hasMoreBelow, let top = window.rows.first else { return nil }
            return (.scroll(from: top, by: 1), .last)
        case .up:
            if window.selected > 0 {
                window.selected -= 1
                return nil
            }
            guard window.hasMoreAbove, let top = window.rows.first else { return nil }
            return (.scroll(from: top, by: -1), .first)
        case .top:
            if !window.hasMoreAbove {
                window.selected = 0
                return nil
            }
            return (.top, .first)
        case .bottom:
            if !window.hasMoreBelow {
                window.selected = max(0, window.rows.count - 1)
                return nil
            }
            return (.bottom, .last)
        case .pageDown:
            guard window.hasMoreBelow, let top = window.rows.first else {
                window.selected = max(0, window.rows.count - 1)
                return nil
            }
            return (.scroll(from: top, by: height), .index(window.selected))
        case .pageUp:
            guard window.hasMoreAbove, let top = window.rows.first else {
                window.selected = 0
                return nil
            }
            return (.scroll(from: top, by: -height), .index(window.selected))
        }
    }

    // MARK: Prompt

    private func handlePrompt(key: Key, state: inout DashboardState) -> [Effect] {
        guard var prompt = state.prompt else { return [] }
        switch key {
        case .char(let c):
            prompt.text.append(c)
        case .backspace, .delete:
            if prompt.text.isEmpty {
                state.prompt = nil
                return []
            }
            prompt.text.removeLast()
        case .ctrl("u"):
            prompt.text = ""
        case .escape:
            state.prompt = nil
            if prompt.kind == .command, !prompt.text.isEmpty {
                state.stashedCommand = prompt.text
                Update.flash("Command put aside: press : to go on with it.", error: false, state: &state)
            }
            return []
        case .enter:
            state.prompt = nil
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return [] }
            switch prompt.kind {
            case .search:
                guard state.route == .board else { return SearchUpdate.start(text, state: &state) }
                state.search = text
                return BoardUpdate.search(text, direction: .forward, state: &state)
            case .command:
                return run(command: text, state: &state)
            }
        default:
            return []
        }
        state.prompt = prompt
        return []
    }

    private func run(command line: String, state: inout DashboardState) -> [Effect] {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let name = words.first else { return [] }
        guard let command = commands.command(named: name) else {
            Update.flash("Unknown command :\(name). :help lists the commands.", error: true, state: &state)
            return []
        }
        switch command.run(&state, Array(words.dropFirst())) {
        case .success(let effects): return effects
        case .failure(let error):
            Update.flash(error.message, error: true, state: &state)
            return []
        }
    }

    // MARK: Mouse

    private func handleClick(row: Int, column: Int, state: inout DashboardState) -> [Effect] {
        guard !state.isTooSmall, !state.showHelp, state.prompt == nil, state.dialog == nil else { return [] }
        let index = row - Update.listTop(state.route)
        if var search = state.activeSearch {
            if search.hits.rows.indices.contains(index) { search.hits.selected = index }
            SearchUpdate.set(search, state: &state)
            return []
        }
        switch state.route {
        case .board: return BoardUpdate.click(index: index, state: &state)
        case .log: return LogUpdate.click(index: index, state: &state)
        case .schedule: return ScheduleUpdate.click(index: index, state: &state)
        case .release: return ReleaseUpdate.click(index: index, state: &state)
        case .incident: return IncidentUpdate.click(row: row, column: column, index: index, state: &state)
        }
    }

    // MARK: Navigation helpers (used by commands too)

    /// Opens an incident, remembering where to go back to.
    public static func open(incident id: IncidentID, state: inout DashboardState) -> [Effect] {
        if state.route != .incident(id) { state.backStack.append(state.route) }
        state.route = .incident(id)
        state.showHelp = false
        if state.incident?.id != id { state.incident = IncidentScreen(id: id) }
        return [.loadIncident(id)]
    }

    /// Shows one release, remembering where to go back to.
    public static func openRelease(_ id: ReleaseID, state: inout DashboardState) -> [Effect] {
        if state.route != .release(id) { state.backStack.append(state.route) }
        state.route = .release(id)
        state.showHelp = false
        if state.release?.id != id { state.release = ReleaseScreen(id: id) }
        return [.loadRelease(id)]
    }

    /// `1`, `2`, `3` outside an incident: the board, the records log, the schedule.
    static func jumpToView(_ n: Int, state: inout DashboardState) -> [Effect] {
        switch n {
        case 1: go(to: .board, state: &state)
        case 2: go(to: .log, state: &state)
        case 3: go(to: .schedule, state: &state)
        default: []
        }
    }

    /// Shows a top-level view (board or log).
    public static func go(to route: Route, state: inout DashboardState) -> [Effect] {
        state.showHelp = false
        guard state.route != route else { return [] }
        state.backStack = route == .board ? [] : [.board]
        state.route = route
        return reloadEffects(state)
    }

    static func goBack(state: inout DashboardState) -> [Effect] {
        let previous = state.backStack.popLast() ?? .board
        guard previous != state.route else { return [] }
        state.route = previous
        return reloadEffects(state)
    }

    /// Loads everything the current screen shows, keeping positions.
    public static func reloadEffects(_ state: DashboardState) -> [Effect] {
        var effects: [Effect] = [.loadHeader]
        switch state.route {
        case .board:
            effects.append(.loadBoard(.reload(top: state.board.rows.first), select: .same))
        case .log:
            effects.append(.loadLog(incidentID: nil, .reload(top: state.log.rows.first), select: .same))
        case .incident(let id):
            effects.append(.loadIncident(id))
            if let incident = state.incident, incident.id == id, incident.log.loaded {
                effects.append(.loadLog(incidentID: id, .reload(top: incident.log.rows.first), select: .same))
            }
        case .release(let id):
            effects.append(.loadRelease(id))
        case .schedule:
            effects.append(.loadSchedule)
        }
        if let search = state.activeSearch, search.hits.loaded {
            effects.append(.loadSearch(search.request, .reload(top: search.hits.rows.first), select: .same))
        }
        return effects
    }

    static func flash(_ text: String, error: Bool, state: inout DashboardState) {
        state.flash = Flash(text: text, isError: error, expires: state.now.addingTimeInterval(flashDuration))
    }
}
