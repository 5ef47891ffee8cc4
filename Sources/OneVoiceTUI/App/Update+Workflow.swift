import Foundation
import OneVoiceCore

/// The workflow keys and dialogs, still pure: changes go out as `.operate` effects and come back as actions.
extension Update {
    // MARK: Keys

    func workflow(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        guard state.header?.operatorInfo != nil else {
            Update.flash("Read-only: no key is set up, so nothing can be changed here (see `onevoice key`).", error: true, state: &state)
            return []
        }
        switch command {
        case .newIncident:
            guard Update.allowed([.drafter, .spokesperson, .admin], to: "open an incident", state: &state) else { return [] }
            return [.loadForm(.newIncident)]
        case .draft:
            guard let incident = state.incident else { return [] }
            return [.loadTemplates(incidentID: incident.id)]
        case .verifyFact, .disputeFact, .retractFact:
            let action: FactAction = command == .verifyFact ? .verify : command == .disputeFact ? .dispute : .retract
            return factDialog(action, state: &state)
        case .clear:
            if case .release = state.route {
                guard let detail = state.release?.detail else { return [] }
                guard Update.allowed([.legal], to: "clear a release", state: &state) else { return [] }
                if detail.stage != .inReview {
                    Update.flash("Release #\(detail.id) is \(detail.stage.phrase); legal clears releases that are in review.", error: true, state: &state)
                    return []
                }
                state.dialog = Dialog(title: "Clear release #\(detail.id) for release (legal)", purpose: .clearRelease(detail.id),
                                      body: [DialogLine(detail.title, .heading),
                                             DialogLine("Revision \(detail.revision), SHA-256 \(detail.contentHash)", .muted)],
                                      fields: [.text("Note")], footer: "Enter clears this exact revision · Esc cancels")
                return []
            }
            return factDialog(.clear, state: &state)
        case .edit:
            guard let id = currentReleaseID(state) else { return [] }
            return [.editRelease(id)]
        case .submit:
            guard let id = currentReleaseID(state) else { return [] }
            if let detail = state.release?.detail, detail.id == id, detail.stage != .draft {
                Update.flash("Release #\(id) is \(detail.stage.phrase), not a draft; only drafts go into review.", error: true, state: &state)
                return []
            }
            guard Update.allowed([.drafter, .spokesperson], to: "submit a release for review", state: &state) else { return [] }
            return [.operate(.submitRelease(id))]
        case .approve:
            guard let detail = state.release?.detail else { return [] }
            if detail.stage == .draft {
                Update.flash("Release #\(detail.id) is a draft: submit it for review first (s).", error: true, state: &state)
                return []
            }
            if detail.stage != .inReview {
                Update.flash("Release #\(detail.id) is \(detail.stage.phrase); only a release in review is approved.", error: true, state: &state)
                return []
            }
            if let me = state.header?.operatorInfo, let spokesperson = detail.spokesperson, me.handle != spokesperson {
                Update.flash("Only \(spokesperson), the incident's spokesperson, can approve release #\(detail.id) (P hands it over).",
                             error: true, state: &state)
                return []
            }
            if detail.spokesperson == nil {
                Update.flash("Incident #\(detail.incidentID) has no spokesperson: assign one first (P on the incident).", error: true, state: &state)
                return []
            }
            state.dialog = Update.approvalDialog(detail)
            return []
        case .schedule:
            if case .schedule = state.route {
                guard let row = state.schedule.selectedRow else { return [] }
                state.dialog = Dialog(title: "Reschedule release #\(row.releaseID)", purpose: .schedule(row.releaseID),
                                      body: [DialogLine(row.releaseTitle, .heading),
                                             DialogLine("Every waiting post of this release moves to the new time.", .muted)],
                                      fields: [.text("Time", "+0m")],
                                      footer: "Time: +15m, +2h, 14:30, 2026-11-23 09:00 (agency time) · Enter schedules · Esc cancels")
                return []
            }
            guard let detail = state.release?.detail else { return [] }
            // Refused here, before the form: only an approved release can be scheduled.
            switch detail.stage {
            case .approved:
                break
            case .draft:
                Update.flash("Release #\(detail.id) is a draft: submit it (s), then the spokesperson approves it (a), before it is scheduled.",
                             error: true, state: &state)
                return []
            case .inReview:
                Update.flash("Release #\(detail.id) is in review: the spokesperson approves it (a) before it is scheduled.", error: true, state: &state)
                return []
            case .scheduled:
                Update.flash("Release #\(detail.id) is already scheduled: t on the schedule view (3) moves it, H holds it, N sends it now.",
                             error: true, state: &state)
                return []
            case .released:
                Update.flash("Release #\(detail.id) is released: say more with an UPDATE (u) or a CORRECTION (C).", error: true, state: &state)
                return []
            }
            state.dialog = Update.scheduleDialog(detail)
            return []
        case .hold:
            guard let id = currentReleaseID(state) else { return [] }
            return [.operate(.holdRelease(id))]
        case .releaseNow, .cancelRelease:
            guard let id = currentReleaseID(state) else { return [] }
            let now = command == .releaseNow
            let waiting = waitingChannels(state)
            state.dialog = Dialog(title: now ? "Release #\(id) now?" : "Cancel release #\(id)?",
                                  purpose: .confirm(now ? .releaseNow(id) : .cancelRelease(id)),
                                  body: [DialogLine(now ? "Every waiting post goes out at once:" : "Every waiting post is cancelled; the release stays approved:", .heading)]
                                      + (waiting.isEmpty ? [DialogLine("(no post is waiting)", .muted)] : waiting.map { DialogLine("  " + $0) }),
                                  footer: now ? "y sends now · n or Esc cancels" : "y cancels the posts · n or Esc keeps them")
            return []
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp, .open, .back, .nextTab, .previousTab, .jump,
             .search, .nextMatch, .previousMatch, .clearSearch, .filterLog, .clearFilter, .export, .help,
             .commandLine, .quit, .redraw, .addFact, .editFact, .assignSpokesperson, .editIncident, .closeIncident,
             .updateRelease, .correctRelease, .markPosted, .resendPost, .nextField, .previousField, .choiceDown, .choiceUp, .toggle, .confirm,
             .cancel, .alternate, .pick:
            // Keys of other screens and dialogs: handled by their own update, never here.
            return []
        }
    }

    /// The release the keys act on: the release view's, or the schedule view's selected row's.
    func currentReleaseID(_ state: DashboardState) -> ReleaseID? {
        switch state.route {
        case .release(let id): return id
        case .schedule: return state.schedule.selectedRow?.releaseID
        default: return nil
        }
    }

    func waitingChannels(_ state: DashboardState) -> [String] {
        switch state.route {
        case .release:
            return (state.release?.detail?.posts ?? []).filter(\.status.isWaiting)
                .map { "\($0.channel): \($0.state)" + ($0.at.map { " \(state.time.dayAndClock($0))" } ?? "") }
        case .schedule:
            guard let id = state.schedule.selectedRow?.releaseID else { return [] }
            return state.schedule.rows.filter { $0.releaseID == id && $0.status.isWaiting }
                .map { "\($0.channel): \($0.state)" + ($0.at.map { " \(state.time.dayAndClock($0))" } ?? "") }
        default:
            return []
        }
    }

    func factDialog(_ action: FactAction, state: inout DashboardState) -> [Effect] {
        guard let incident = state.incident, incident.tab == .facts else { return [] }
        let index = incident.selection[.facts] ?? 0
        guard incident.facts.indices.contains(index) else {
            Update.flash("No fact selected.", error: false, state: &state)
            return []
        }
        let fact = incident.facts[index]
        // Refused here, before the form: the role, and a fact already where the key would put it.
        switch action {
        case .verify, .dispute, .retract:
            guard Update.allowed([.verifier], to: "\(action.rawValue) a fact", state: &state) else { return [] }
            let target: FactStatusValue = action == .verify ? .verified : action == .dispute ? .disputed : .retracted
            if fact.status == target {
                Update.flash("Fact #\(fact.id) is already \(target.rawValue); nothing to do.", error: true, state: &state)
                return []
            }
        case .clear:
            guard Update.allowed([.legal], to: "clear a fact for release", state: &state) else { return [] }
            if fact.status != .verified {
                Update.flash("Fact #\(fact.id) is \(fact.status.rawValue); only a verified fact can be cleared for release.", error: true, state: &state)
                return []
            }
            if fact.clearedForRelease {
                Update.flash("Fact #\(fact.id) is already cleared for release.", error: true, state: &state)
                return []
            }
        }
        let verb: String
        let does: String
        switch action {
        case .verify: (verb, does) = ("Verify", "verifies")
        case .dispute: (verb, does) = ("Dispute", "disputes")
        case .retract: (verb, does) = ("Retract", "retracts")
        case .clear: (verb, does) = ("Clear for release", "clears")
        }
        state.dialog = Dialog(title: "\(verb) fact #\(fact.id)", purpose: .fact(factID: fact.id, action),
                              body: [DialogLine(fact.statement, .heading), DialogLine("Source: \(fact.source)", .muted)]
                                  + (action == .retract ? [DialogLine("Once released, information cannot be retracted: a released fact needs a correction.", .warning)] : []),
                              fields: [.text(action == .verify ? "How verified" : "Note")],
                              footer: "Enter \(does) it · Esc cancels")
        return []
    }

    static func scheduleDialog(_ detail: ReleaseDetail) -> Dialog {
        let options = detail.renditions.map { "\($0.channel) \($0.counter)" }
        return Dialog(title: "Schedule release #\(detail.id)", purpose: .schedule(detail.id),
                      body: [DialogLine(detail.title, .heading)],
                      fields: [.text("Time", "+0m"),
                               .checklist("Channels", options: options, values: detail.renditions.map(\.slug),
                                          checked: detail.preTicked)],
                      footer: "Time: +0m now, +15m, 14:30 (agency time) · 1-9 or Space ticks · Enter schedules · Esc cancels")
    }

    /// Exactly what the spokesperson signs: the text, every channel's text and the hash, and the warnings acknowledged.
    static func approvalDialog(_ detail: ReleaseDetail) -> Dialog {
        var body: [DialogLine] = [
            DialogLine("You sign revision \(detail.revision) of release #\(detail.id):", .heading),
            DialogLine("SHA-256 \(detail.contentHash)", .heading),
        ]
        if detail.legalReviewRequired && detail.legalClearedBy == nil {
            body.append(DialogLine("Legal must clear this revision first; the approval will be refused.", .error))
        }
        for finding in detail.blocking {
            body.append(DialogLine("BLOCKS at \(finding.line):\(finding.column): \(finding.message)", .error))
        }
        let warnings = detail.warnings
        if !warnings.isEmpty {
            body.append(DialogLine("You acknowledge \(warnings.count) warning\(warnings.count == 1 ? "" : "s"):", .warning))
            for finding in warnings {
                body.append(DialogLine("  \(finding.line):\(finding.column) [\(finding.rule)] \(finding.message)", .warning))
            }
        }
        body.append(DialogLine(""))
        body.append(DialogLine("Text", .heading))
        body += detail.text.split(separator: "\n", omittingEmptySubsequences: false).map { DialogLine(String($0)) }
        for rendition in detail.renditions {
            body.append(DialogLine(""))
            body.append(DialogLine("\(rendition.channel) (\(rendition.counter))", rendition.problems.isEmpty ? .heading : .error))
            body += rendition.text.split(separator: "\n", omittingEmptySubsequences: false).map { DialogLine(String($0)) }
        }
        var rules: [String] = []
        for finding in warnings where !rules.contains(finding.rule) { rules.append(finding.rule) }
        return Dialog(title: "Approve release #\(detail.id)", purpose: .confirm(.approveRelease(detail.id, acknowledging: rules, contentHash: detail.contentHash)),
                      body: body, footer: "y signs and approves · n or Esc cancels · j/k scroll")
    }

    // MARK: Dialog keys

    func handleDialog(key: Key, state: inout DashboardState) -> [Effect] {
        guard var dialog = state.dialog else { return [] }
        if let field = dialog.focusedField, field.kind == .text || field.kind == .combo {
            var text = field.text
            var typed = true
            switch key {
            case .char(let c): text.append(c)
            case .backspace, .delete: if !text.isEmpty { text.removeLast() }
            case .ctrl("u"): text = ""
            default: typed = false
            }
            if typed {
                dialog.fields[dialog.focus].text = text
                // What was picked from a combo's list no longer stands once the text changes; a type-ahead
                // combo highlights its first match instead, so Enter takes it.
                if field.kind == .combo {
                    dialog.fields[dialog.focus].selected = field.typeAhead && !dialog.fields[dialog.focus].matches.isEmpty ? 0 : -1
                }
                dialog.error = nil
                state.dialog = dialog
                return []
            }
        }
        guard let command = keymap.command(for: key, in: [.dialog]) else { return [] }
        if dialog.purpose == .notice {
            switch command {
            case .confirm, .cancel, .nextField:
                state.dialog = nil
            case .choiceDown, .choiceUp:
                dialog.scroll = max(0, dialog.scroll + (command == .choiceDown ? 1 : -1))
                state.dialog = dialog
            case .redraw:
                state.redrawRequested = true
            default:
                break
            }
            return []
        }
        switch command {
        case .cancel:
            // n answers no to a question only; in a list it is just a letter.
            if key == .char("n"), !dialog.isQuestion { return [] }
            state.dialog = nil
            Update.flash("Cancelled: nothing was changed.", error: false, state: &state)
            return []
        case .confirm:
            return dialog.isQuestion ? submit(dialog, holding: true, state: &state) : []
        case .nextField:
            if dialog.isQuestion { return [] }
            if dialog.focus < dialog.fields.count - 1 {
                dialog.focus += 1
                state.dialog = dialog
                return []
            }
            return submit(dialog, holding: true, state: &state)
        case .previousField:
            dialog.focus = max(0, dialog.focus - 1)
        case .choiceDown, .choiceUp:
            let step = command == .choiceDown ? 1 : -1
            if dialog.isQuestion || dialog.focusedField?.kind == .text {
                // A question, or a form whose long body (an export's contents) scrolls above a line of text.
                dialog.scroll = max(0, dialog.scroll + step)
            } else if var field = dialog.focusedField, field.kind == .combo {
                field.selected = max(-1, min(field.matches.count - 1, field.selected + step))
                dialog.fields[dialog.focus] = field
            } else if var field = dialog.focusedField, field.kind != .text {
                field.selected = max(0, min(field.options.count - 1, field.selected + step))
                dialog.fields[dialog.focus] = field
            }
        case .toggle:
            if var field = dialog.focusedField, field.kind == .checklist {
                if field.checked.contains(field.selected) { field.checked.remove(field.selected) } else { field.checked.insert(field.selected) }
                dialog.fields[dialog.focus] = field
            }
        case .pick(let n):
            if var field = dialog.focusedField, field.options.indices.contains(n - 1) {
                if field.kind == .choice { field.selected = n - 1 }
                if field.kind == .checklist {
                    field.selected = n - 1
                    if field.checked.contains(n - 1) { field.checked.remove(n - 1) } else { field.checked.insert(n - 1) }
                }
                dialog.fields[dialog.focus] = field
            }
        case .alternate:
            if case .pickTemplate = dialog.purpose { return submit(dialog, holding: false, state: &state) }
        case .redraw:
            state.redrawRequested = true
        default:
            break
        }
        state.dialog = dialog
        return []
    }

    /// The change a filled-in dialog asks for; the dialog stays open until the change is made (or refused).
    func submit(_ dialog: Dialog, holding: Bool, state: inout DashboardState) -> [Effect] {
        var dialog = dialog
        // Fields are read by their label (the form's own names), never by position.
        let note = dialog.value(dialog.field("How verified") != nil ? "How verified" : "Note")
        let operation: Operation
        switch dialog.purpose {
        case .logFilter:
            return submitLogFilter(dialog, state: &state)
        case .export(let filter):
            return [.export(filter, folder: dialog.value("Folder"))]
        case .notice:
            state.dialog = nil
            return []
        case .newIncident, .addFact, .editFact, .spokesperson, .editIncident, .addRumor, .answerRumor, .addNamedPerson, .notified,
             .addContact, .addToRoster:
            guard let chosen = Update.actionOperation(&dialog) else {
                state.dialog = dialog
                return []
            }
            operation = chosen
        case .pickTemplate(let incidentID):
            operation = .draftRelease(incidentID: incidentID, templateID: dialog.field("Template")?.value, holding: holding)
        case .fact(let factID, let action):
            switch action {
            case .verify: operation = .setFactStatus(factID: factID, status: .verified, note: note)
            case .dispute: operation = .setFactStatus(factID: factID, status: .disputed, note: note)
            case .retract: operation = .setFactStatus(factID: factID, status: .retracted, note: note)
            case .clear: operation = .clearFact(factID: factID, note: note)
            }
        case .clearRelease(let id):
            operation = .clearRelease(id, note: note)
        case .schedule(let id):
            if let channels = dialog.field("Channels") {
                operation = .scheduleRelease(id, at: dialog.value("Time"), channels: channels.checkedValues)
            } else {
                operation = .rescheduleRelease(id, at: dialog.value("Time"))
            }
        case .confirm(let op):
            operation = op
        case .post(let action, let postID):
            operation = PostActions.operation(action, postID: postID, dialog: dialog)
        }
        state.dialog = dialog
        return [.operate(operation)]
    }

    // MARK: Results

    func workflow(_ action: Action, state: inout DashboardState) -> [Effect] {
        switch action {
        case .releaseLoaded(let detail):
            guard var release = state.release, release.id == detail.id else { return [] }
            release.detail = detail
            release.loaded = true
            state.release = release
        case .releaseMissing(let id):
            Update.flash("No release \(id).", error: true, state: &state)
            if case .release(let current) = state.route, current == id { return Update.goBack(state: &state) }
        case .scheduleLoaded(let rows):
            let previous = state.schedule.selectedRow?.postID
            state.schedule.rows = rows
            state.schedule.loaded = true
            if let previous, let index = rows.firstIndex(where: { $0.postID == previous }) {
                state.schedule.selected = index
            } else {
                state.schedule.selected = max(0, min(state.schedule.selected, rows.count - 1))
            }
        case .templatesLoaded(let incidentID, let choices, let preselected):
            guard !choices.isEmpty else {
                Update.flash("There are no templates; add some to the templates folder (see `onevoice template`).", error: true, state: &state)
                return []
            }
            state.dialog = Update.templateDialog(incidentID: incidentID, choices: choices, preselected: preselected)
        case .operationDone(let outcome):
            state.dialog = nil
            Update.flash(outcome.message, error: false, state: &state)
            var effects: [Effect] = []
            switch outcome.followUp {
            case .pickTemplate(let incidentID, let choices, let preselected):
                effects = Update.open(incident: incidentID, state: &state)
                if !choices.isEmpty {
                    state.dialog = Update.templateDialog(incidentID: incidentID, choices: choices, preselected: preselected)
                }
            case .openRelease(let id):
                effects = Update.openRelease(id, state: &state)
            case .draftedHolding(let incidentID, let releaseID):
                // The first message: the new incident, and over it its holding statement, ready to submit.
                effects = Update.open(incident: incidentID, state: &state) + Update.openRelease(releaseID, state: &state)
            case .openIncident(let id, let facts):
                effects = Update.open(incident: id, state: &state)
                if facts { state.incident?.tab = .facts }
            case .notice(let title, let lines):
                state.dialog = Dialog(title: title, purpose: .notice, body: lines.map { DialogLine($0) }, footer: "Enter or Esc closes")
            case nil:
                break
            }
            let reload = Update.reloadEffects(state)
            return reload + effects.filter { !reload.contains($0) }
        case .operationFailed(let message):
            if var dialog = state.dialog, !dialog.isQuestion {
                // Focus the field the refusal names, so it is never left in a field out of sight.
                let lower = message.lowercased()
                let named = dialog.fields.first { lower.contains($0.label.lowercased()) }?.label
                dialog.refuse(message, at: named)
                state.dialog = dialog
            } else {
                state.dialog = nil
            }
            Update.flash(message, error: true, state: &state)
        case .key, .click, .resize, .tick, .headerLoaded, .boardLoaded, .logLoaded, .incidentLoaded,
             .incidentMissing, .dataVersion, .schedulerStatus, .unreadableCounted, .themeLoaded, .failed, .notFound, .boardFound,
             .formLoaded, .searchLoaded, .searchFailed, .logFilterChecked, .incidentChoicesLoaded, .exportPlanned,
             .exportDone:
            break  // the main update's own results
        }
        return []
    }

    static func templateDialog(incidentID: IncidentID, choices: [TemplateChoice], preselected: Int) -> Dialog {
        Dialog(title: "Draft a release for incident #\(incidentID)", purpose: .pickTemplate(incidentID: incidentID),
               fields: [.choice("Template", options: choices.map(\.name), values: choices.map(\.id), selected: preselected)],
               footer: "Enter drafts the holding statement · f the full release · Esc cancels")
    }

    /// Shows one release, remembering where to go back to.
    public static func openRelease(_ id: ReleaseID, state: inout DashboardState) -> [Effect] {
        if state.route != .release(id) { state.backStack.append(state.route) }
        state.route = .release(id)
        state.showHelp = false
        if state.release?.id != id { state.release = ReleaseScreen(id: id) }
        return [.loadRelease(id)]
    }
}
