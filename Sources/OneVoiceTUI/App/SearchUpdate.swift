import Foundation
import OneVoiceCore

/// The search results' own update: a records search shown in the records log or an incident, in place of its
/// list until Esc. Its keys walk and open the hits; the others fall to the screen under it.
enum SearchUpdate {
    /// The effects of a key over the hits, or nil when the key is the screen's (filter, tabs, going back...).
    static func perform(_ command: KeyCommand, state: inout DashboardState) -> [Effect]? {
        switch command {
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp, .nextMatch, .previousMatch:
            return move(command, state: &state)
        case .open:
            return open(state: &state)
        case .clearSearch:
            set(nil, for: state.activeSearch?.request.target, state: &state)
            return []
        case .back, .nextTab, .previousTab, .jump, .filterLog, .clearFilter, .export, .newIncident, .draft, .verifyFact,
             .disputeFact, .retractFact, .clear, .edit, .submit, .approve, .schedule, .hold, .releaseNow, .cancelRelease,
             .markPosted, .resendPost, .addFact, .editFact, .assignSpokesperson, .editIncident, .closeIncident, .updateRelease,
             .correctRelease, .search, .help, .commandLine, .quit, .redraw, .nextField, .previousField, .choiceDown, .choiceUp,
             .toggle, .confirm, .cancel, .alternate, .pick:
            return nil
        }
    }

    /// Starts a records search of the current screen (the records log within its filter, or one incident).
    /// A query with nothing to look for is refused here, with Core's own sentence, and stays in the prompt.
    static func start(_ text: String, state: inout DashboardState) -> [Effect] {
        do {
            _ = try SearchQuery(text)
        } catch {
            state.prompt = Prompt(kind: .search, text: text)
            Update.flash(DashboardProgram.sentence(error), error: true, state: &state)
            return []
        }
        state.search = text
        let request: SearchRequest
        switch state.route {
        case .log:
            request = SearchRequest(target: .records, query: text, filter: state.logFilter)
        case .incident(let id):
            request = SearchRequest(target: .incident(id), query: text, filter: .incident(id))
        case .board, .release, .schedule:
            return []
        }
        set(RecordsSearch(request: request), state: &state)
        return [.loadSearch(request, .top, select: .first)]
    }

    /// `n`/`N` with no search on screen: after Esc cleared one, they run the last search again.
    static func again(state: inout DashboardState) -> [Effect] {
        guard let text = state.search else {
            Update.flash("No search yet: press / to search.", error: false, state: &state)
            return []
        }
        return start(text, state: &state)
    }

    /// Puts a search on the screen its request names (or takes it off with nil).
    static func set(_ search: RecordsSearch?, for target: SearchRequest.Target? = nil, state: inout DashboardState) {
        switch target ?? search?.request.target {
        case .records:
            state.recordsSearch = search
        case .incident(let id):
            if state.incident?.id == id { state.incident?.search = search }
        case nil:
            break
        }
    }

    /// j/k/g/G/PgUp/PgDn and n/N over the hits of the search on screen.
    static func move(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        guard var search = state.activeSearch else { return [] }
        let before = search.hits.firstIndex + search.hits.selected
        // n and N step like j and k.
        let step: KeyCommand = command == .nextMatch ? .moveDown : command == .previousMatch ? .moveUp : command
        let load = Update.move(&search.hits, step, height: state.listHeight)
        set(search, state: &state)
        if let (load, select) = load { return [.loadSearch(search.request, load, select: select)] }
        if command == .nextMatch || command == .previousMatch, search.hits.firstIndex + search.hits.selected == before {
            if search.hits.rows.isEmpty {
                Update.flash(search.statusLine, error: true, state: &state)
            } else {
                let which = command == .nextMatch ? "last (oldest)" : "first (newest)"
                Update.flash("That is the \(which) match: \(search.position ?? "").", error: false, state: &state)
            }
        }
        return []
    }

    /// Enter on a hit: a revision or post opens its release; a fact opens the Facts tab on it; anything else its incident.
    static func open(state: inout DashboardState) -> [Effect] {
        guard let hit = state.activeSearch?.hits.selectedRow else { return [] }
        if let release = hit.releaseID { return Update.openRelease(release, state: &state) }
        guard let incidentID = hit.incidentID else {
            Update.flash("This match belongs to no incident (an agency-wide record).", error: false, state: &state)
            return []
        }
        if var incident = state.incident, incident.id == incidentID, state.route == .incident(incidentID) {
            // The incident is already open: close the search and show the match's tab.
            incident.search = nil
            switch hit.kind {
            case "fact":
                incident.tab = .facts
                if let index = incident.facts.firstIndex(where: { $0.id.rawValue == hit.itemID }) { incident.selection[.facts] = index }
            case "log":
                incident.tab = .log
            default:
                incident.tab = .overview
            }
            state.incident = incident
            if incident.tab == .log, !incident.log.loaded { return [.loadLog(incidentID: incident.id, .top, select: .first)] }
            return []
        }
        let effects = Update.open(incident: incidentID, state: &state)
        if hit.kind == "fact" { state.incident?.tab = .facts }
        return effects
    }

    static func loaded(_ request: SearchRequest, _ result: WindowResult<SearchRow>, state: inout DashboardState) -> [Effect] {
        let current: RecordsSearch?
        switch request.target {
        case .records: current = state.recordsSearch
        case .incident(let id): current = state.incident?.id == id ? state.incident?.search : nil
        }
        // A result for a search that was cleared or replaced since is dropped.
        guard var search = current, search.request == request else { return [] }
        search.hits.apply(result)
        set(search, state: &state)
        return []
    }
}
