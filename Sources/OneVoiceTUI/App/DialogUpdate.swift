/// The dialogs' own update: typing into the focused field, picking and ticking, walking the fields, and submitting
/// a form as the one change it asks for (each form reads its own fields by name: `DialogForm`).
enum DialogUpdate {
    static func key(_ key: Key, keymap: Keymap, state: inout DashboardState) -> [Effect] {
        guard var dialog = state.dialog else { return [] }
        if let field = dialog.focusedField, field.kind == .text || field.kind == .combo, let text = typed(key, into: field.text) {
            dialog.editFocused { field in
                field.text = text
                // What was picked from a combo's list no longer stands once the text changes; a type-ahead
                // combo highlights its first match instead, so Enter takes it.
                if field.kind == .combo { field.selected = field.typeAhead && !field.matches.isEmpty ? 0 : -1 }
            }
            dialog.error = nil
            state.dialog = dialog
            return []
        }
        guard let command = keymap.command(for: key, in: [.dialog]) else { return [] }
        if dialog.form == .notice { return notice(command, dialog: dialog, state: &state) }
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
            } else {
                dialog.editFocused { field in
                    switch field.kind {
                    case .combo: field.selected = max(-1, min(field.matches.count - 1, field.selected + step))
                    case .choice, .checklist: field.selected = max(0, min(field.options.count - 1, field.selected + step))
                    case .text: break
                    }
                }
            }
        case .toggle:
            dialog.editFocused { field in
                guard field.kind == .checklist else { return }
                if field.checked.contains(field.selected) { field.checked.remove(field.selected) } else { field.checked.insert(field.selected) }
            }
        case .pick(let n):
            dialog.editFocused { field in
                guard field.options.indices.contains(n - 1) else { return }
                switch field.kind {
                case .choice:
                    field.selected = n - 1
                case .checklist:
                    field.selected = n - 1
                    if field.checked.contains(n - 1) { field.checked.remove(n - 1) } else { field.checked.insert(n - 1) }
                case .text, .combo:
                    break
                }
            }
        case .alternate:
            if case .template = dialog.form { return submit(dialog, holding: false, state: &state) }
        case .redraw:
            state.redrawRequested = true
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp, .open, .back, .nextTab, .previousTab, .jump, .search,
             .nextMatch, .previousMatch, .clearSearch, .filterLog, .clearFilter, .export, .help, .commandLine, .quit, .newIncident,
             .draft, .verifyFact, .disputeFact, .retractFact, .clear, .edit, .submit, .approve, .schedule, .hold, .releaseNow,
             .cancelRelease, .markPosted, .resendPost, .addFact, .editFact, .assignSpokesperson, .editIncident, .closeIncident,
             .updateRelease, .correctRelease:
            // Not bound in a dialog (its keys type text).
            break
        }
        state.dialog = dialog
        return []
    }

    /// The text after a key typed into a text or combo field, or nil when the key types nothing.
    static func typed(_ key: Key, into text: String) -> String? {
        switch key {
        case .char(let c): return text + String(c)
        case .backspace, .delete: return String(text.dropLast())
        case .ctrl("u"): return ""
        default: return nil
        }
    }

    /// A notice: any answer closes it; ↓/↑ scroll it.
    static func notice(_ command: KeyCommand, dialog: Dialog, state: inout DashboardState) -> [Effect] {
        var dialog = dialog
        switch command {
        case .confirm, .cancel, .nextField:
            state.dialog = nil
        case .choiceDown, .choiceUp:
            dialog.scroll = max(0, dialog.scroll + (command == .choiceDown ? 1 : -1))
            state.dialog = dialog
        case .redraw:
            state.redrawRequested = true
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp, .open, .back, .nextTab, .previousTab, .jump, .search,
             .nextMatch, .previousMatch, .clearSearch, .filterLog, .clearFilter, .export, .help, .commandLine, .quit, .newIncident,
             .draft, .verifyFact, .disputeFact, .retractFact, .clear, .edit, .submit, .approve, .schedule, .hold, .releaseNow,
             .cancelRelease, .markPosted, .resendPost, .addFact, .editFact, .assignSpokesperson, .editIncident, .closeIncident,
             .updateRelease, .correctRelease, .previousField, .toggle, .alternate, .pick:
            break
        }
        return []
    }

    /// The change a filled-in dialog asks for; the dialog stays open until the change is made (or refused).
    static func submit(_ dialog: Dialog, holding: Bool, state: inout DashboardState) -> [Effect] {
        var dialog = dialog
        let operation: Operation
        do throws(FormRefusal) {
            switch dialog.form {
            case .notice:
                state.dialog = nil
                return []
            case .question(let asked): operation = asked
            case .logFilter(let form):
                let filter = try form.filter(zone: state.time.zone)
                state.dialog = dialog
                return [.checkLogFilter(filter)]
            case .export(let form):
                return [.export(form.filter, folder: form.folder.trimmed)]
            case .template(let form): operation = form.operation(holding: holding)
            case .newIncident(let form): operation = try form.operation()
            case .editIncident(let form): operation = try form.operation()
            case .spokesperson(let form): operation = try form.operation()
            case .fact(let form): operation = try form.operation()
            case .factNote(let form): operation = form.operation()
            case .clearRelease(let form): operation = form.operation()
            case .schedule(let form): operation = form.operation()
            case .post(let form): operation = form.operation()
            case .rumor(let form): operation = try form.operation()
            case .answerRumor(let form): operation = form.operation()
            case .namedPerson(let form): operation = try form.operation()
            case .notified(let form): operation = form.operation()
            case .contact(let form): operation = try form.operation()
            case .roster(let form): operation = try form.operation()
            }
        } catch {
            dialog.refuse(error)
            state.dialog = dialog
            return []
        }
        state.dialog = dialog
        return [.operate(operation)]
    }
}
