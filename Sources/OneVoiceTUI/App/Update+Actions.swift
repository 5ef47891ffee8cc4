import Foundation
import OneVoiceCore

/// The PIO's actions beyond the release pipeline, as keys and `:` commands: facts, the spokesperson, the incident,
/// follow-ups, rumors, named people, the media list, the mode and the roster. Each checks what it can before its
/// form opens (the role, the state), loads what its pickers offer, and asks for one Core operation.
extension Update {
    // MARK: Refusals before the form

    /// False (with the refusal on the flash line) when nobody is signed in or the operator holds none of `roles`.
    static func allowed(_ roles: Set<Role>, to what: String, state: inout DashboardState) -> Bool {
        guard let me = state.header?.operatorInfo else {
            flash("Read-only: no key is set up, so nothing can be changed here (see `onevoice key`).", error: true, state: &state)
            return false
        }
        guard me.holds(any: roles) else {
            let names = roles.sorted().map { "a" + ($0 == .admin ? "n " : " ") + $0.rawValue }
            let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
            flash("Only \(list) can \(what); you act as \(me.handle) (\(me.role)).", error: true, state: &state)
            return false
        }
        return true
    }

    /// The incident the screen is about: the open incident, or the open release's.
    static func currentIncidentID(_ state: DashboardState) -> IncidentID? {
        switch state.route {
        case .incident(let id): return id
        case .release: return state.release?.detail?.incidentID
        case .board: return state.board.selectedRow?.id
        case .log, .schedule: return nil
        }
    }

    static func needIncident(_ state: inout DashboardState) -> IncidentID? {
        guard let id = currentIncidentID(state) else {
            flash("Open an incident first (Enter on the board, or :incident NUMBER).", error: true, state: &state)
            return nil
        }
        return id
    }

    // MARK: Keys and commands

    /// What a PIO action key or command asks for. Refusals come here, before any form.
    static func action(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        switch command {
        case .addFact:
            guard let id = needIncident(&state), allowed([.drafter, .verifier, .spokesperson], to: "record a fact", state: &state) else { return [] }
            return [.loadForm(.addFact(incidentID: id))]
        case .editFact:
            guard let id = needIncident(&state), let fact = selectedFact(state) else {
                flash("Pick the fact to correct on the Facts tab (2).", error: false, state: &state)
                return []
            }
            guard allowed([.drafter, .verifier, .spokesperson], to: "correct a fact", state: &state) else { return [] }
            guard fact.status == .unverified else {
                flash("Fact #\(fact.id) is \(fact.status.rawValue) as it reads, so it stays; record a new fact instead (a).", error: true, state: &state)
                return []
            }
            return [.loadForm(.editFact(incidentID: id, factID: fact.id))]
        case .assignSpokesperson:
            guard let id = needIncident(&state), allowed([.admin, .spokesperson, .drafter], to: "assign the spokesperson", state: &state) else { return [] }
            return [.loadForm(.spokesperson(incidentID: id))]
        case .editIncident:
            guard let id = needIncident(&state), allowed([.spokesperson, .drafter, .admin], to: "edit an incident", state: &state) else { return [] }
            if let detail = state.incident?.detail, detail.id == id, detail.status == .closed {
                flash("Incident #\(id) is closed; a closed incident is kept as it was.", error: true, state: &state)
                return []
            }
            return [.loadForm(.editIncident(incidentID: id))]
        case .closeIncident:
            guard let id = needIncident(&state), allowed([.spokesperson, .drafter, .admin], to: "close an incident", state: &state) else { return [] }
            if let detail = state.incident?.detail, detail.id == id, detail.status == .closed {
                flash("Incident #\(id) is already closed.", error: true, state: &state)
                return []
            }
            state.dialog = Dialog(title: "Close incident #\(id)?", purpose: .confirm(.closeIncident(id)),
                                  body: [DialogLine(state.incident?.detail?.title ?? "", .heading),
                                         DialogLine("Its records stay; a closed incident takes no new facts.", .muted)],
                                  footer: "y closes it · n or Esc keeps it open")
            return []
        case .updateRelease, .correctRelease:
            let correction = command == .correctRelease
            guard let detail = state.release?.detail else { return [] }
            guard allowed([.drafter, .spokesperson], to: "start a \(correction ? "correction" : "update")", state: &state) else { return [] }
            guard detail.stage == .released else {
                flash("Release #\(detail.id) is not released yet (\(detail.stage.rawValue)): edit it (e) instead of a \(correction ? "correction" : "update").",
                      error: true, state: &state)
                return []
            }
            return [.operate(.followUp(releaseID: detail.id, correction: correction))]
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp, .open, .back, .nextTab, .previousTab, .jump,
             .search, .nextMatch, .previousMatch, .clearSearch, .filterLog, .clearFilter, .export, .help,
             .commandLine, .quit, .redraw, .newIncident, .draft, .verifyFact, .disputeFact, .retractFact, .clear,
             .edit, .submit, .approve, .schedule, .hold, .releaseNow, .cancelRelease, .markPosted, .resendPost, .nextField, .previousField,
             .choiceDown, .choiceUp, .toggle, .confirm, .cancel, .alternate, .pick:
            // Keys of other screens and dialogs: handled by their own update, never here.
            return []
        }
    }

    static func selectedFact(_ state: DashboardState) -> FactRow? {
        guard let incident = state.incident, incident.tab == .facts else { return nil }
        let index = incident.selection[.facts] ?? 0
        return incident.facts.indices.contains(index) ? incident.facts[index] : nil
    }

    /// `:rumor`, `:answer`, `:named`, `:notified`, `:contacts`, `:contact`, `:mode`, `:roster`.
    static func command(_ name: String, _ args: [String], state: inout DashboardState) -> Result<[Effect], CommandError> {
        switch name {
        case "rumor":
            guard let id = needIncident(&state), allowed([.drafter, .verifier, .spokesperson], to: "record a rumor", state: &state) else { return .success([]) }
            state.dialog = Dialog(title: "Rumor about incident #\(id)", purpose: .addRumor(incidentID: id),
                                  body: [DialogLine("A claim going round in public, and where it was seen.", .muted)],
                                  fields: [.text("Claim", args.joined(separator: " ")), .text("Seen at")],
                                  footer: "Seen at: the post, group or outlet · Enter: next field, then record it · Esc cancels")
            return .success([])
        case "answer":
            guard let id = needIncident(&state), allowed([.drafter, .spokesperson], to: "answer a rumor", state: &state) else { return .success([]) }
            return .success([.loadForm(.answerRumor(incidentID: id))])
        case "named":
            guard let id = needIncident(&state), allowed([.drafter, .verifier, .spokesperson], to: "record a named person", state: &state) else { return .success([]) }
            let categories = NamedPersonCategory.allCases
            state.dialog = Dialog(title: "A person named in incident #\(id)", purpose: .addNamedPerson(incidentID: id),
                                  body: [DialogLine("Names are held by the rules (victims until next of kin are notified, officers after a shooting).", .muted)],
                                  fields: [.text("Name", args.joined(separator: " ")),
                                           .choice("Who", options: categories.map(\.rawValue), values: categories.map(\.rawValue))],
                                  footer: "Who: ↓/↑ or 1-6 · Enter: next field, then record · Esc cancels")
            return .success([])
        case "notified":
            guard let id = needIncident(&state), allowed([.verifier], to: "confirm a next-of-kin notification", state: &state) else { return .success([]) }
            return .success([.loadForm(.notified(incidentID: id))])
        case "contacts":
            return .success([.loadForm(.contacts)])
        case "contact":
            guard allowed([.drafter, .spokesperson, .admin], to: "change the media list", state: &state) else { return .success([]) }
            state.dialog = Dialog(title: "Add to the media list", purpose: .addContact,
                                  fields: [.text("Name"), .text("Email"), .text("Outlet")],
                                  footer: "Releases to the media list go to every address on it · Enter: next field, then add · Esc cancels")
            return .success([])
        case "mode":
            guard let word = args.first?.lowercased(), word == "live" || word == "exercise" else {
                return .failure(CommandError("Say which mode: :mode exercise or :mode live."))
            }
            guard allowed([.admin], to: "switch between exercise and live", state: &state) else { return .success([]) }
            let exercise = word == "exercise"
            if let mode = state.header?.mode, (mode == .exercise) == exercise {
                return .failure(CommandError("The workspace is already in \(exercise ? "EXERCISE" : "LIVE") mode; nothing to change."))
            }
            state.dialog = Dialog(title: exercise ? "Switch to EXERCISE?" : "Switch to LIVE?", purpose: .confirm(.setMode(exercise: exercise)),
                                  body: exercise
                                      ? [DialogLine("New incidents will be drills: their output goes to the exercise outbox only.", .heading)]
                                      : [DialogLine("New incidents will be REAL: their posts go to the public.", .error),
                                         DialogLine("Incidents keep the mode they were opened in.", .muted)],
                                  footer: exercise ? "y switches to EXERCISE · n or Esc cancels" : "y switches to LIVE · n or Esc cancels")
            return .success([])
        case "roster":
            if args.first == "add" {
                guard allowed([.admin], to: "change the roster", state: &state) else { return .success([]) }
                let roles = Role.allCases
                state.dialog = Dialog(title: "Add to the roster", purpose: .addToRoster,
                                      body: [DialogLine("The person makes a key (onevoice key generate) and sends you its public half.", .muted)],
                                      fields: [.text("Handle"), .text("Name"),
                                               .checklist("Roles", options: roles.map(\.rawValue), values: roles.map(\.rawValue), checked: []),
                                               .text("Public key")],
                                      footer: "Roles: 1-5 or Space ticks · removing someone or changing roles is `onevoice roster` for now · Esc cancels")
                return .success([])
            }
            guard args.isEmpty else { return .failure(CommandError("Use :roster to list it, or :roster add.")) }
            return .success([.loadForm(.roster)])
        default:
            return .failure(CommandError("Unknown command :\(name). :help lists the commands."))
        }
    }

    // MARK: Forms, once their pickers are loaded

    static func formLoaded(_ request: FormRequest, _ data: FormData, state: inout DashboardState) -> [Effect] {
        switch request {
        case .newIncident:
            state.dialog = newIncidentDialog(state, people: data.people)
        case .addFact(let incidentID):
            state.dialog = factDialog(title: "New fact for incident #\(incidentID)", purpose: .addFact(incidentID: incidentID),
                                      keys: data.factKeys, draft: nil)
        case .editFact(let incidentID, let factID):
            state.dialog = factDialog(title: "Correct fact #\(factID)", purpose: .editFact(incidentID: incidentID, factID: factID),
                                      keys: data.factKeys, draft: data.fact)
        case .spokesperson(let incidentID):
            let people = data.people.filter { $0.roles.contains(.spokesperson) }
            guard !people.isEmpty else {
                flash("Nobody on the roster holds the spokesperson role; an admin adds it (:roster add).", error: true, state: &state)
                return []
            }
            var field = FormField.combo("Spokesperson", options: people.map { "\($0.handle) — \($0.name)" }, values: people.map(\.handle))
            field.typeAhead = true
            field.selected = max(0, people.firstIndex { $0.handle != data.spokesperson } ?? 0)
            state.dialog = Dialog(title: "Spokesperson of incident #\(incidentID)", purpose: .spokesperson(incidentID: incidentID),
                                  body: [DialogLine("One voice: one spokesperson signs every release of the incident.", .muted),
                                         DialogLine("Now: \(data.spokesperson ?? "nobody")", .heading)],
                                  fields: [field],
                                  footer: "Type a handle or name, ↓/↑ picks · Enter assigns · Esc cancels")
        case .editIncident(let incidentID):
            guard let draft = data.incident else { return [] }
            let kinds = IncidentKind.allCases
            var kind = FormField.combo("Kind", options: kinds.map(\.label), values: kinds.map(\.slug))
            kind.typeAhead = true
            kind.selected = kinds.firstIndex { $0.slug == draft.kind } ?? 0
            state.dialog = Dialog(title: "Edit incident #\(incidentID)", purpose: .editIncident(incidentID: incidentID),
                                  fields: [.text("Title", draft.title), kind,
                                           .choice("Severity", options: severities, values: ["1", "2", "3", "4"], selected: draft.severity - 1),
                                           .text("Location", draft.location)],
                                  footer: "Kind: type to narrow, ↓/↑ picks · Location: a block or area, never an address · Enter: next field, then save · Esc cancels")
        case .notified(let incidentID):
            let waiting = data.named.filter { !$0.notified }
            guard !waiting.isEmpty else {
                flash(data.named.isEmpty ? "Nobody is named in incident #\(incidentID) (:named records a person)."
                      : "Every named person's next of kin are already recorded as notified.", error: false, state: &state)
                return []
            }
            state.dialog = Dialog(title: "Next of kin notified (incident #\(incidentID))", purpose: .notified(incidentID: incidentID),
                                  body: [DialogLine("Confirm only what you verified: the name may then be released.", .warning)],
                                  fields: [.choice("Person", options: waiting.map { "\($0.name) (\($0.category))" }, values: waiting.map(\.id))],
                                  footer: "↓/↑ or 1-9 picks · Enter records it · Esc cancels")
        case .answerRumor(let incidentID):
            let open = data.rumors.filter { !$0.answered }
            guard !open.isEmpty else {
                flash(data.rumors.isEmpty ? "No rumor is recorded for incident #\(incidentID) (:rumor records one)." : "Every rumor is answered.",
                      error: false, state: &state)
                return []
            }
            guard !data.verifiedFacts.isEmpty else {
                flash("No fact of incident #\(incidentID) is verified yet: a rumor is answered with a verified fact.", error: true, state: &state)
                return []
            }
            state.dialog = Dialog(title: "Answer a rumor (incident #\(incidentID))", purpose: .answerRumor(incidentID: incidentID),
                                  fields: [.choice("Rumor", options: open.map { "\($0.text) — \($0.seenAt)" }, values: open.map(\.id)),
                                           .choice("Fact", options: data.verifiedFacts.map(\.statement), values: data.verifiedFacts.map(\.id.rawValue))],
                                  footer: "↓/↑ or 1-9 picks · Enter: next field, then answer (drafts the answer) · Esc cancels")
        case .contacts:
            let lines = data.contacts.isEmpty ? [DialogLine("The media list is empty (:contact adds someone).", .muted)]
                : data.contacts.map { DialogLine("\($0.name) <\($0.email)>" + ($0.outlet.isEmpty ? "" : ", \($0.outlet)")) }
            state.dialog = Dialog(title: "The media list (\(data.contacts.count))", purpose: .notice, body: lines,
                                  footer: ":contact adds someone · Enter or Esc closes · j/k scroll")
        case .roster:
            let lines = data.people.map { DialogLine("\($0.handle) — \($0.name): \($0.roles.sorted().map(\.rawValue).joined(separator: ", "))") }
            state.dialog = Dialog(title: "The roster (\(data.people.count))", purpose: .notice, body: lines,
                                  footer: ":roster add adds someone · removing and role changes: onevoice roster · Enter or Esc closes")
        }
        return []
    }

    static let severities = ["1 minor", "2 moderate", "3 major", "4 critical"]

    static func newIncidentDialog(_ state: DashboardState, people: [RosterRow]) -> Dialog {
        let kinds = IncidentKind.allCases
        var kind = FormField.combo("Kind", options: kinds.map(\.label), values: kinds.map(\.slug))
        kind.typeAhead = true
        kind.selected = 0
        let spokespeople = people.filter { $0.roles.contains(.spokesperson) }
        var spokesperson = FormField.combo("Spokesperson", options: spokespeople.map { "\($0.handle) — \($0.name)" },
                                           values: spokespeople.map(\.handle))
        spokesperson.typeAhead = true
        if let me = state.header?.operatorInfo, me.roles.contains(.spokesperson), spokespeople.contains(where: { $0.handle == me.handle }) {
            spokesperson.text = me.handle
            spokesperson.selected = 0
        }
        return Dialog(title: "New incident", purpose: .newIncident,
                      fields: [.text("Title"), kind, .text("Location"), spokesperson],
                      footer: "Kind and spokesperson: type to narrow, ↓/↑ picks · Location: a block or area, never an address · "
                          + "Enter: next field, then open it and draft its holding statement · Esc cancels")
    }

    static func factDialog(title: String, purpose: Dialog.Purpose, keys: [String], draft: FactDraft?) -> Dialog {
        var keyOptions = keys
        if let key = draft?.key, !keyOptions.contains(key) { keyOptions.append(key) }
        let kinds = SourceKind.allCases
        let selectedKey = draft.map { d in d.key.flatMap { keyOptions.firstIndex(of: $0) } ?? keyOptions.count } ?? 0
        return Dialog(title: title, purpose: purpose,
                      body: [DialogLine("One checkable statement from a named, credible source; it is verified by someone else.", .muted)],
                      fields: [.choice("Key", options: keyOptions.map { "{{fact:\($0)}}" } + ["(no key)"], values: keyOptions + [""], selected: selectedKey),
                               .text("Statement", draft?.text ?? ""),
                               .text("Source", draft?.source ?? ""),
                               .choice("Source kind", options: kinds.map { $0.rawValue.replacingOccurrences(of: "-", with: " ") },
                                       values: kinds.map(\.rawValue),
                                       selected: draft.flatMap { d in kinds.firstIndex { $0.rawValue == d.sourceKind } } ?? 0)],
                      footer: "Key: the template's slot it fills (↓/↑) · Source: who said it, by name · Enter: next field, then save · Esc cancels")
    }

    // MARK: Submitting

    /// The operation a filled-in action form asks for, or nil (with the refusal in the dialog) when it cannot go.
    static func actionOperation(_ dialog: inout Dialog) -> Operation? {
        switch dialog.purpose {
        case .newIncident:
            guard !dialog.value("Title").isEmpty else { dialog.refuse("The incident needs a title.", at: "Title"); return nil }
            let kind = dialog.value("Kind")
            guard IncidentKind(rawValue: kind) != nil else {
                dialog.refuse("No kind matches \"\(dialog.field("Kind")?.text ?? "")\": type less of it, or pick one with ↓/↑.", at: "Kind")
                return nil
            }
            let spokesperson = dialog.value("Spokesperson")
            if !spokesperson.isEmpty, dialog.field("Spokesperson")?.values.contains(spokesperson) != true {
                dialog.refuse("\(spokesperson) is no spokesperson on the roster: pick one with ↓/↑, or leave it empty.", at: "Spokesperson")
                return nil
            }
            return .openIncident(title: dialog.value("Title"), kind: kind, location: dialog.value("Location"),
                                 spokesperson: spokesperson.isEmpty ? nil : spokesperson)
        case .addFact(let incidentID), .editFact(let incidentID, _):
            guard !dialog.value("Statement").isEmpty else { dialog.refuse("The fact needs its statement.", at: "Statement"); return nil }
            guard !dialog.value("Source").isEmpty else { dialog.refuse("Every fact needs a named source.", at: "Source"); return nil }
            let key = dialog.value("Key")
            let draft = FactDraft(key: key.isEmpty ? nil : key, text: dialog.value("Statement"), source: dialog.value("Source"),
                                  sourceKind: dialog.value("Source kind"))
            if case .editFact(_, let factID) = dialog.purpose { return .editFact(factID: factID, draft) }
            return .addFact(incidentID: incidentID, draft)
        case .spokesperson(let incidentID):
            let handle = dialog.value("Spokesperson")
            guard dialog.field("Spokesperson")?.values.contains(handle) == true else {
                dialog.refuse(handle.isEmpty ? "Pick the spokesperson with ↓/↑." : "\(handle) is no spokesperson on the roster: pick one with ↓/↑.",
                              at: "Spokesperson")
                return nil
            }
            return .assignSpokesperson(incidentID: incidentID, handle: handle)
        case .editIncident(let incidentID):
            guard !dialog.value("Title").isEmpty else { dialog.refuse("The incident needs a title.", at: "Title"); return nil }
            let kind = dialog.value("Kind")
            guard IncidentKind(rawValue: kind) != nil else {
                dialog.refuse("No kind matches \"\(dialog.field("Kind")?.text ?? "")\": type less of it, or pick one with ↓/↑.", at: "Kind")
                return nil
            }
            return .editIncident(incidentID: incidentID, IncidentDraft(title: dialog.value("Title"), kind: kind,
                                                                       severity: Int(dialog.value("Severity")) ?? 2, location: dialog.value("Location")))
        case .addRumor(let incidentID):
            guard !dialog.value("Claim").isEmpty else { dialog.refuse("Write down the claim as it circulates.", at: "Claim"); return nil }
            guard !dialog.value("Seen at").isEmpty else { dialog.refuse("Say where it was seen (the post, group or outlet).", at: "Seen at"); return nil }
            return .addRumor(incidentID: incidentID, text: dialog.value("Claim"), seenAt: dialog.value("Seen at"))
        case .answerRumor:
            return .answerRumor(rumorID: dialog.value("Rumor"), factID: FactID(dialog.value("Fact")))
        case .addNamedPerson(let incidentID):
            guard !dialog.value("Name").isEmpty else { dialog.refuse("The person needs a name.", at: "Name"); return nil }
            return .addNamedPerson(incidentID: incidentID, name: dialog.value("Name"), category: dialog.value("Who"))
        case .notified:
            return .markNotified(namedID: dialog.value("Person"))
        case .addContact:
            guard !dialog.value("Name").isEmpty else { dialog.refuse("The contact needs a name.", at: "Name"); return nil }
            guard dialog.value("Email").contains("@") else { dialog.refuse("The email address needs an @.", at: "Email"); return nil }
            return .addContact(name: dialog.value("Name"), email: dialog.value("Email"), outlet: dialog.value("Outlet"))
        case .addToRoster:
            guard !dialog.value("Handle").isEmpty else { dialog.refuse("The person needs a handle.", at: "Handle"); return nil }
            guard dialog.field("Roles")?.checked.isEmpty == false else { dialog.refuse("Tick at least one role.", at: "Roles"); return nil }
            guard !dialog.value("Public key").isEmpty else {
                dialog.refuse("Paste the public key the person sent (onevoice key generate prints it).", at: "Public key")
                return nil
            }
            return .addToRoster(handle: dialog.value("Handle"), name: dialog.value("Name"),
                                roles: dialog.field("Roles")?.checkedValues ?? [], publicKey: dialog.value("Public key"))
        case .pickTemplate, .fact, .clearRelease, .schedule, .confirm, .logFilter, .export, .notice, .post:
            return nil
        }
    }
}
