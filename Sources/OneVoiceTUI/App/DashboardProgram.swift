import Foundation
import OneVoiceCore

/// Runs the loop's pure parts against a data source: sends actions through `update`, performs the
/// effects it asks for (reads from the source, theme files) and feeds their results back.
/// Used by the terminal driver, by `onevoice snapshot` and by tests. Main thread only.
public final class DashboardProgram {
    public private(set) var state: DashboardState
    public let source: DashboardSource
    public let themes: ThemeLibrary
    public let update: Update
    public let renderer: Renderer
    private let clock: () -> Date
    private let background = BackgroundWork()
    /// Runs the person's editor on a text and returns what they saved (set by the terminal driver,
    /// which suspends the screen around it); nil where there is no terminal to lend.
    public var editor: ((String) throws -> String)?

    public init(source: DashboardSource, width: Int, height: Int, theme: Theme, colorEnabled: Bool,
                themes: ThemeLibrary, clock: @escaping () -> Date,
                keymap: Keymap = .standard, commands: CommandRegistry = .standard) {
        self.source = source
        self.themes = themes
        self.clock = clock
        self.update = Update(keymap: keymap, commands: commands)
        self.renderer = Renderer(keymap: keymap, commands: commands)
        self.state = DashboardState(width: width, height: height, now: clock(), theme: theme, colorEnabled: colorEnabled)
    }

    /// Loads the first screen (header, board, data version).
    public func start(route: Route = .board) {
        var effects = Update.reloadEffects(state)
        if route != .board {
            switch route {
            case .incident(let id): effects = Update.open(incident: id, state: &state) + [.loadHeader]
            case .log: effects = Update.go(to: .log, state: &state)
            case .board: break
            case .release(let id): effects = Update.openRelease(id, state: &state) + [.loadHeader]
            case .schedule: effects = Update.go(to: .schedule, state: &state)
            }
        }
        run(effects + [.checkDataVersion])
    }

    /// Sends one action and performs the effects that follow, until none are left.
    public func send(_ action: Action) {
        run(update(&state, action))
    }

    /// A tick of the clock: updates the time, expires flash messages, and reloads if another process changed the data.
    public func tick() {
        for answer in background.finished() { send(answer) }
        send(.tick(clock()))
    }

    /// Waits for the reads running off this thread and takes their answers in (tests, one-shot screens).
    public func settle() {
        background.wait()
        for answer in background.finished() { send(answer) }
    }

    /// The screen for the current state.
    public func render() -> Screen { renderer.render(state) }

    /// Clears the one-shot redraw request after the driver honoured it.
    public func redrawDone() { state.redrawRequested = false }

    private func run(_ effects: [Effect]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if let action = perform(effect) {
                queue += update(&state, action)
            }
        }
    }

    private func perform(_ effect: Effect) -> Action? {
        switch effect {
        case .operate(let operation):
            do {
                return .operationDone(try source.perform(operation))
            } catch {
                return .operationFailed(Self.sentence(error))
            }
        case .loadSearch(let request, let load, let select):
            do {
                return .searchLoaded(request, try loadSearch(request, load, select: select))
            } catch {
                return .searchFailed(request, Self.sentence(error))
            }
        case .loadForm(let request):
            do {
                return .formLoaded(request, try source.formData(request))
            } catch {
                return .operationFailed(Self.sentence(error))
            }
        case .planExport(let filter):
            // Counting the whole record takes seconds at large scale: not on a key press's time.
            let (source, now) = (UncheckedSource(source), state.now)
            background.run("planExport") {
                do {
                    return .exportPlanned(try source.value.exportPreview(filter, now: now))
                } catch {
                    return .failed(Self.sentence(error))
                }
            }
            return nil
        case .export(let filter, let folder):
            do {
                return .exportDone(try source.export(filter, to: folder))
            } catch {
                return .operationFailed(Self.sentence(error))
            }
        case .editRelease(let id):
            guard let editor else { return .operationFailed("Editing needs the terminal dashboard; use `onevoice release edit \(id)`.") }
            do {
                let before = try source.editableText(releaseID: id)
                let after = try editor(before)
                state.redrawRequested = true
                guard after != before else { return .operationDone(OperationOutcome("No change: release #\(id) is as it was.")) }
                return .operationDone(try source.perform(.saveEditedRelease(id, file: after)))
            } catch {
                state.redrawRequested = true
                return .operationFailed(Self.sentence(error))
            }
        default:
            break
        }
        do {
            switch effect {
            case .operate, .editRelease, .loadSearch, .planExport, .export, .loadForm:
                return nil
            case .checkLogFilter(let filter):
                if let id = filter.incidentID, try source.incident(id: id) == nil {
                    return .operationFailed("There is no incident \(id): type its number, or words of its title and pick it with ↓/↑.")
                }
                return .logFilterChecked(filter)
            case .loadIncidentChoices:
                return .incidentChoicesLoaded(try source.incidentChoices(limit: DashboardProgram.choiceLimit))
            case .loadRelease(let id):
                guard let detail = try source.releaseDetail(id: id) else { return .releaseMissing(id) }
                return .releaseLoaded(detail)
            case .loadSchedule:
                return .scheduleLoaded(try source.scheduleRows(limit: DashboardProgram.tabLimit))
            case .loadTemplates(let incidentID):
                let templates = try source.templateChoices(incidentID: incidentID)
                return .templatesLoaded(incidentID: incidentID, templates.choices, preselected: templates.preselected)
            case .loadHeader:
                return .headerLoaded(try source.header())
            case .checkDataVersion:
                return .dataVersion(try source.dataVersion())
            case .countUnreadable:
                let source = UncheckedSource(source)
                background.run("unreadable") { (try? source.value.unreadableRowCount()).map { .unreadableCounted($0) } }
                return nil
            case .checkConnection:
                let problem = source.connectionProblem()
                return problem == state.connectionProblem ? nil : .connectionStatus(problem)
            case .checkScheduler:
                let problem = source.schedulerProblem()
                return problem == state.schedulerProblem ? nil : .schedulerStatus(problem)
            case .loadTheme(let name):
                let loaded = themes.load(name: name)
                return .themeLoaded(loaded.theme, warning: loaded.warning)
            case .loadBoard(let load, let select):
                let fetcher = WindowFetcher<BoardRow> { [source] cursor, direction, limit in
                    try source.boardRows(from: cursor, direction: direction, limit: limit)
                }
                var result = try fetcher.load(load, height: state.listHeight, total: try source.boardCount(), select: select)
                if case .reload(let top?) = load, let first = result.rows.first {
                    // Incidents may have come, gone or changed status above: ask where the window now starts.
                    result.placement = first == top && result.total == state.board.total
                        ? .kept : .absolute(try source.boardPosition(of: first.cursor))
                }
                return .boardLoaded(result)
            case .loadLog(let incidentID, let load, let select):
                let filter = incidentID.map(LogFilter.incident) ?? state.logFilter
                let fetcher = WindowFetcher<LogRow> { [source] cursor, direction, limit in
                    try source.logRows(filter, from: cursor, direction: direction, limit: limit)
                }
                var result = try fetcher.load(load, height: state.listHeight, total: try source.logCount(filter), select: select)
                if case .reload(let top?) = load, result.rows.first != nil {
                    // The log only grows, newest first: new entries all land above the window.
                    let current = incidentID == nil ? state.log : (state.incident?.log ?? ListWindow())
                    let added = result.total - current.total
                    result.placement = result.rows.first == top ? .shifted(added) : .absolute(try source.logPosition(of: result.rows[0].cursor, in: filter))
                }
                return .logLoaded(incidentID: incidentID, result)
            case .loadIncident(let id):
                guard let detail = try source.incident(id: id) else { return .incidentMissing(id) }
                var screen = IncidentScreen(id: id)
                screen.detail = detail
                screen.facts = try source.facts(incidentID: id, limit: DashboardProgram.tabLimit)
                screen.releases = try source.releases(incidentID: id, limit: DashboardProgram.tabLimit)
                screen.posts = try source.posts(incidentID: id, limit: DashboardProgram.tabLimit)
                screen.loaded = true
                return .incidentLoaded(screen)
            case .findBoard(let text, let from, let direction):
                // Past the last match the search starts again from the other end (vim's wrapscan).
                var wrapped = false
                var found = try source.findBoardRow(containing: text, from: from?.cursor, direction: direction)
                if found == nil, from != nil {
                    found = try source.findBoardRow(containing: text, from: nil, direction: direction)
                    wrapped = found != nil
                }
                guard let row = found else { return .notFound(text) }
                let total = try source.boardMatchCount(containing: text, before: nil)
                let match = total > 0 ? try source.boardMatchCount(containing: text, before: row.cursor) + 1 : 0
                if state.board.rows.contains(where: { $0.id == row.id }) {
                    return .boardFound(WindowResult(rows: state.board.rows, total: state.board.total, placement: .kept, select: .id(row.rowID)),
                                       text: text, match: match, of: total, wrapped: wrapped)
                }
                let position = try source.boardPosition(of: row.cursor)
                let fetcher = WindowFetcher<BoardRow> { [source] cursor, direction, limit in
                    try source.boardRows(from: cursor, direction: direction, limit: limit)
                }
                return .boardFound(try fetcher.load(.startingAt(row, position: position), height: state.listHeight,
                                                    total: try source.boardCount(), select: .id(row.rowID)),
                                   text: text, match: match, of: total, wrapped: wrapped)
            }
        } catch {
            return .failed("Could not read the records: \(Self.sentence(error))")
        }
    }

    /// A window of a search's hits. The count (a scan of the index's matches) is taken on the first load and
    /// on reloads only; scrolling reuses it.
    private func loadSearch(_ request: SearchRequest, _ load: WindowLoad<SearchRow>, select: WindowSelection) throws -> WindowResult<SearchRow> {
        let fetcher = WindowFetcher<SearchRow> { [source] cursor, direction, limit in
            try source.searchRows(request, from: cursor, direction: direction, limit: limit)
        }
        let current = state.search(for: request.target).flatMap { $0.request == request && $0.hits.loaded ? $0.hits : nil }
        let total: Int
        switch load {
        case .scroll, .bottom:
            total = try current?.total ?? source.searchCount(request, newerThan: nil)
        case .top, .reload, .startingAt:
            total = try source.searchCount(request, newerThan: nil)
        }
        var result = try fetcher.load(load, height: state.listHeight, total: total, select: select)
        if case .reload = load, let first = result.rows.first {
            // New records land above the window: ask where it now starts.
            result.placement = .absolute(try source.searchCount(request, newerThan: first.cursor))
        }
        return result
    }

    /// An error as one sentence (`ErrorSentence`, Core's one home for it).
    static func sentence(_ error: Error) -> String { ErrorSentence.of(error) }

    /// At most this many facts, releases or posts are read for one incident's tabs.
    public static let tabLimit = 500

    /// The filter dialog offers this many incidents to pick from (board order); others are typed by number.
    public static let choiceLimit = 200
}

/// The source, handed to a background read: the store's reads go through GRDB, which serialises them itself.
private struct UncheckedSource: @unchecked Sendable {
    let value: DashboardSource
    init(_ value: DashboardSource) { self.value = value }
}

