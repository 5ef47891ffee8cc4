import Foundation
import OneVoiceCore

/// The records log's search, filter and export, and the incident view's search; still pure: reads and the
/// export go out as effects and come back as actions.
extension Update {
    // MARK: Search

    /// Starts a records search of the current screen (the records log within its filter, or one incident).
    /// A query with nothing to look for is refused here, with Core's own sentence, and stays in the prompt.
    func startSearch(_ text: String, state: inout DashboardState) -> [Effect] {
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
        Update.setSearch(RecordsSearch(request: request), state: &state)
        return [.loadSearch(request, .top, select: .first)]
    }

    /// Puts a search on the screen its request names (or takes it off with nil).
    static func setSearch(_ search: RecordsSearch?, for target: SearchRequest.Target? = nil, state: inout DashboardState) {
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
    func moveSearch(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        guard var search = state.activeSearch else { return [] }
        let before = search.hits.firstIndex + search.hits.selected
        let step: KeyCommand
        switch command {
        case .nextMatch: step = .moveDown
        case .previousMatch: step = .moveUp
        default: step = command
        }
        let load = Update.move(&search.hits, step, height: state.listHeight)
        Update.setSearch(search, state: &state)
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
    func openMatch(state: inout DashboardState) -> [Effect] {
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

    func searchLoaded(_ request: SearchRequest, _ result: WindowResult<SearchRow>, state: inout DashboardState) {
        let current: RecordsSearch?
        switch request.target {
        case .records: current = state.recordsSearch
        case .incident(let id): current = state.incident?.id == id ? state.incident?.search : nil
        }
        // A result for a search that was cleared or replaced since is dropped.
        guard var search = current, search.request == request else { return }
        search.hits.apply(result)
        Update.setSearch(search, state: &state)
    }

    // MARK: Filter

    static func filterDialog(_ state: DashboardState) -> Dialog {
        let filter = state.logFilter
        let zone = state.time.abbreviation(state.now)
        return Dialog(title: "Filter the records log", purpose: .logFilter,
                      body: [DialogLine("Show, search and export only one incident's records, or those between two dates (\(zone)).", .muted)],
                      fields: [.combo("Incident", filter.incidentID?.rawValue ?? ""), .text("From", filter.fromText), .text("To", filter.toText)],
                      footer: "Incident: its number, or words of its title and ↓/↑ to pick; empty: every incident · "
                          + "Dates: YYYY-MM-DD, 2026-11-18 14:05 or ISO 8601; empty: no limit · Enter: next field, then apply · Esc cancels")
    }

    /// Reads the dates with Core's own parser (as `archive export --from/--to` does); a bad one is one line in
    /// the dialog, which keeps everything typed.
    func submitLogFilter(_ dialog: Dialog, state: inout DashboardState) -> [Effect] {
        var dialog = dialog
        let zone = state.time.zone
        func refuse(_ message: String, at label: String) -> [Effect] {
            dialog.refuse(message, at: label)
            state.dialog = dialog
            return []
        }
        let fromText = dialog.value("From")
        let toText = dialog.value("To")
        var from: Date?
        var to: Date?
        // Core's sentence names the forms too; the footer already does, so the dialog keeps to one line.
        do { from = fromText.isEmpty ? nil : try RecordDate.start(fromText, timeZone: zone) } catch {
            return refuse("From: \"\(fromText)\" is not a date (YYYY-MM-DD, or a time as below).", at: "From")
        }
        do { to = toText.isEmpty ? nil : try RecordDate.end(toText, timeZone: zone) } catch {
            return refuse("To: \"\(toText)\" is not a date (YYYY-MM-DD, or a time as below).", at: "To")
        }
        if let from, let to, from > to { return refuse("The From date is after the To date; swap them.", at: "From") }
        let filter = LogFilter(incidentID: dialog.field("Incident")?.comboValue.map { IncidentID($0) }, from: from, to: to, fromText: fromText, toText: toText)
        state.dialog = dialog
        return [.checkLogFilter(filter)]
    }

    /// Shows the records log (and any search in it) under a new filter, from the top.
    func apply(filter: LogFilter, state: inout DashboardState) -> [Effect] {
        state.logFilter = filter
        state.log = ListWindow()
        var effects: [Effect] = [.loadLog(incidentID: nil, .top, select: .first)]
        if let search = state.recordsSearch {
            let request = SearchRequest(target: .records, query: search.request.query, filter: filter)
            state.recordsSearch = RecordsSearch(request: request)
            effects.append(.loadSearch(request, .top, select: .first))
        }
        return effects
    }

    // MARK: Export

    static func exportDialog(_ preview: ExportPreview) -> Dialog {
        let scope = preview.filter.isEmpty ? "every record of the agency" : preview.filter.summary
        var body = [DialogLine("Scope: \(scope)", .heading)]
        body.append(DialogLine("Holds " + preview.counts.map { "\($0.count) \($0.label)" }.joined(separator: " · ")))
        body.append(DialogLine(""))
        body.append(DialogLine("Writes \(preview.fileCount) files:", .heading))
        let logEntries = preview.counts.first { $0.label.hasPrefix("log entr") }?.count
        for group in preview.fileGroups {
            let count = DisplayWidth.pad("\(group.files)", to: 5, alignRight: true)
            // The log segment is one file: say how many entries it holds instead.
            let holds = group.location == "log.jsonl" ? logEntries.map { "\($0) log entries with their chain hashes" } ?? group.holds : group.holds
            body.append(DialogLine("  " + DisplayWidth.pad(group.location, to: 19) + count + "  " + holds))
        }
        return Dialog(title: "Export for a records request", purpose: .export(preview.filter), body: body,
                      fields: [.text("Folder", preview.suggestedFolder)],
                      footer: "A new folder (~ is your home) · Enter writes it; the records are not changed · ↓/↑ scrolls · Esc cancels")
    }

    static func exportNotice(_ result: ExportResult) -> Dialog {
        Dialog(title: "Export written", purpose: .notice,
               body: [DialogLine("Wrote \(result.files) files to \(result.folder)", .heading),
                      DialogLine("\(result.logEntries) records-log entries with their chain hashes."),
                      DialogLine("Manifest: \(result.manifestPath)"),
                      DialogLine("SHA-256 of manifest.json: \(result.manifestSHA256)"),
                      DialogLine(""),
                      DialogLine("Anyone can check it without the database: onevoice archive check-export \(result.folder)", .muted)],
               footer: "Enter or Esc closes")
    }

    // MARK: Keys and results

    func records(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        switch command {
        case .clearSearch:
            Update.setSearch(nil, for: state.activeSearch?.request.target, state: &state)
            return []
        case .filterLog:
            state.dialog = Update.filterDialog(state)
            return [.loadIncidentChoices]
        case .clearFilter:
            guard !state.logFilter.isEmpty else {
                Update.flash("No filter: the records log shows every record.", error: false, state: &state)
                return []
            }
            Update.flash("Filter dropped: every record.", error: false, state: &state)
            return apply(filter: LogFilter(), state: &state)
        case .export:
            // Exporting changes nothing, so it needs no role: the CLI's `archive export` asks only to read the database.
            return [.planExport(state.logFilter)]
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp, .open, .back, .nextTab, .previousTab, .jump,
             .search, .nextMatch, .previousMatch, .help, .commandLine, .quit, .redraw, .newIncident, .draft,
             .verifyFact, .disputeFact, .retractFact, .clear, .edit, .submit, .approve, .schedule, .hold,
             .releaseNow, .cancelRelease, .markPosted, .resendPost, .addFact, .editFact, .assignSpokesperson, .editIncident, .closeIncident,
             .updateRelease, .correctRelease, .nextField, .previousField, .choiceDown, .choiceUp, .toggle, .confirm,
             .cancel, .alternate, .pick:
            // Keys of other screens and dialogs: handled by their own update, never here.
            return []
        }
    }

    func records(_ action: Action, state: inout DashboardState) -> [Effect] {
        switch action {
        case .searchLoaded(let request, let result):
            searchLoaded(request, result, state: &state)
        case .searchFailed(let request, let message):
            if state.recordsSearch?.request == request || state.incident?.search?.request == request {
                Update.setSearch(nil, for: request.target, state: &state)
            }
            Update.flash(message, error: true, state: &state)
        case .logFilterChecked(let filter):
            guard state.dialog?.purpose == .logFilter else { return [] }
            state.dialog = nil
            Update.flash(filter.isEmpty ? "No filter: every record." : "Records log: \(filter.summary).", error: false, state: &state)
            return apply(filter: filter, state: &state)
        case .incidentChoicesLoaded(let rows):
            guard var dialog = state.dialog, dialog.purpose == .logFilter, !dialog.fields.isEmpty else { return [] }
            dialog.fields[0].options = rows.map { "\($0.id)  \($0.title)" }
            dialog.fields[0].values = rows.map(\.id.rawValue)
            dialog.fields[0].selected = -1
            state.dialog = dialog
        case .exportPlanned(let preview):
            guard state.dialog == nil, state.route == .log else { return [] }
            state.dialog = Update.exportDialog(preview)
        case .exportDone(let result):
            state.dialog = Update.exportNotice(result)
            Update.flash("Exported \(result.files) files to \(result.folder).", error: false, state: &state)
        case .key, .click, .resize, .tick, .headerLoaded, .boardLoaded, .logLoaded, .incidentLoaded,
             .incidentMissing, .dataVersion, .schedulerStatus, .unreadableCounted, .themeLoaded, .failed, .notFound, .boardFound,
             .releaseLoaded, .releaseMissing, .scheduleLoaded, .templatesLoaded, .formLoaded, .operationDone,
             .operationFailed:
            break  // the main update's own results
        }
        return []
    }
}
