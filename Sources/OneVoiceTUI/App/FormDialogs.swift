import Foundation
import OneVoiceCore

/// The dialogs, built: each form with its pickers filled (the roster, the template's fact keys, the kinds...),
/// and the questions and notices that show what will be signed or what was written.
enum FormDialogs {
    /// A form whose pickers were loaded first (`FormRequest`): opened now, or refused when there is nothing to pick.
    static func loaded(_ request: FormRequest, _ data: FormData, state: inout DashboardState) -> [Effect] {
        switch request {
        case .newIncident:
            state.dialog = newIncident(state, people: data.people)
        case .addFact(let incidentID):
            state.dialog = fact(title: "New fact for incident #\(incidentID)", incidentID: incidentID, factID: nil, keys: data.factKeys, draft: nil)
        case .editFact(let incidentID, let factID):
            state.dialog = fact(title: "Correct fact #\(factID)", incidentID: incidentID, factID: factID, keys: data.factKeys, draft: data.fact)
        case .spokesperson(let incidentID):
            let people = data.people.filter { $0.roles.contains(.spokesperson) }
            guard !people.isEmpty else {
                Update.flash("Nobody on the roster holds the spokesperson role; an admin adds it (:roster add).", error: true, state: &state)
                return []
            }
            var field = FormField.combo("Spokesperson", options: people.map { "\($0.handle) — \($0.name)" }, values: people.map(\.handle))
            field.typeAhead = true
            field.selected = max(0, people.firstIndex { $0.handle != data.spokesperson } ?? 0)
            state.dialog = Dialog(title: "Spokesperson of incident #\(incidentID)",
                                  form: .spokesperson(SpokespersonForm(incidentID: incidentID, spokesperson: field)),
                                  body: [DialogLine("One voice: one spokesperson signs every release of the incident.", .muted),
                                         DialogLine("Now: \(data.spokesperson ?? "nobody")", .heading)],
                                  footer: "Type a handle or name, ↓/↑ picks · Enter assigns · Esc cancels")
        case .editIncident(let incidentID):
            guard let draft = data.incident else { return [] }
            var kind = kindField()
            kind.selected = IncidentKind.allCases.firstIndex { $0.slug == draft.kind } ?? 0
            let form = EditIncidentForm(incidentID: incidentID, title: .text("Title", draft.title), kind: kind,
                                        severity: .choice("Severity", options: severities, values: ["1", "2", "3", "4"], selected: draft.severity - 1),
                                        location: .text("Location", draft.location))
            state.dialog = Dialog(title: "Edit incident #\(incidentID)", form: .editIncident(form),
                                  footer: "Kind: type to narrow, ↓/↑ picks · Location: a block or area, never an address · Enter: next field, then save · Esc cancels")
        case .notified(let incidentID):
            let waiting = data.named.filter { !$0.notified }
            guard !waiting.isEmpty else {
                Update.flash(data.named.isEmpty ? "Nobody is named in incident #\(incidentID) (:named records a person)."
                             : "Every named person's next of kin are already recorded as notified.", error: false, state: &state)
                return []
            }
            let person = FormField.choice("Person", options: waiting.map { "\($0.name) (\($0.category))" }, values: waiting.map(\.id))
            state.dialog = Dialog(title: "Next of kin notified (incident #\(incidentID))",
                                  form: .notified(NotifiedForm(incidentID: incidentID, person: person)),
                                  body: [DialogLine("Confirm only what you verified: the name may then be released.", .warning)],
                                  footer: "↓/↑ or 1-9 picks · Enter records it · Esc cancels")
        case .answerRumor(let incidentID):
            let open = data.rumors.filter { !$0.answered }
            guard !open.isEmpty else {
                Update.flash(data.rumors.isEmpty ? "No rumor is recorded for incident #\(incidentID) (:rumor records one)." : "Every rumor is answered.",
                             error: false, state: &state)
                return []
            }
            guard !data.verifiedFacts.isEmpty else {
                Update.flash("No fact of incident #\(incidentID) is verified yet: a rumor is answered with a verified fact.", error: true, state: &state)
                return []
            }
            let form = AnswerRumorForm(incidentID: incidentID,
                                       rumor: .choice("Rumor", options: open.map { "\($0.text) — \($0.seenAt)" }, values: open.map(\.id)),
                                       fact: .choice("Fact", options: data.verifiedFacts.map(\.statement), values: data.verifiedFacts.map(\.id.rawValue)))
            state.dialog = Dialog(title: "Answer a rumor (incident #\(incidentID))", form: .answerRumor(form),
                                  footer: "↓/↑ or 1-9 picks · Enter: next field, then answer (drafts the answer) · Esc cancels")
        case .contacts:
            let lines = data.contacts.isEmpty ? [DialogLine("The media list is empty (:contact adds someone).", .muted)]
                : data.contacts.map { DialogLine("\($0.name) <\($0.email)>" + ($0.outlet.isEmpty ? "" : ", \($0.outlet)")) }
            state.dialog = Dialog(title: "The media list (\(data.contacts.count))", form: .notice, body: lines,
                                  footer: ":contact adds someone · Enter or Esc closes · j/k scroll")
        case .roster:
            let lines = data.people.map { person in
                DialogLine("\(person.handle) — \(person.name)\(person.agency.map { " (\($0))" } ?? ""): \(person.roles.sorted().map(\.rawValue).joined(separator: ", "))")
            }
            state.dialog = Dialog(title: "The roster (\(data.people.count))", form: .notice, body: lines,
                                  footer: ":roster add adds someone · removing and role changes: onevoice roster · Enter or Esc closes")
        case .addToRoster:
            state.dialog = addToRoster(agencies: data.agencies)
        }
        return []
    }

    static let severities = ["1 minor", "2 moderate", "3 major", "4 critical"]

    /// `:roster add`, with an agency picker where several agencies share the record (the admin's own first, so
    /// picked); on a record of one agency, the form as it always was.
    static func addToRoster(agencies: [AgencyChoice]) -> Dialog {
        let roles = Role.allCases
        var form = RosterForm(roles: .checklist("Roles", options: roles.map(\.rawValue), values: roles.map(\.rawValue), checked: []))
        form.agency = .choice("Agency", options: agencies.map(\.name), values: agencies.map(\.code))
        return Dialog(title: "Add to the roster", form: .roster(form),
                      body: [DialogLine("The person makes a key (onevoice key generate) and sends you its public half.", .muted)],
                      footer: (agencies.isEmpty ? "" : "Agency: ↓/↑ picks · ")
                          + "Roles: 1-5 or Space ticks · removing someone or changing roles is `onevoice roster` for now · Esc cancels")
    }

    /// Every incident kind, typed ahead.
    static func kindField() -> FormField {
        let kinds = IncidentKind.allCases
        var kind = FormField.combo("Kind", options: kinds.map(\.label), values: kinds.map(\.slug))
        kind.typeAhead = true
        kind.selected = 0
        return kind
    }

    static func newIncident(_ state: DashboardState, people: [RosterRow]) -> Dialog {
        let spokespeople = people.filter { $0.roles.contains(.spokesperson) }
        var spokesperson = FormField.combo("Spokesperson", options: spokespeople.map { "\($0.handle) — \($0.name)" },
                                           values: spokespeople.map(\.handle))
        spokesperson.typeAhead = true
        if let me = state.header?.operatorInfo, me.roles.contains(.spokesperson), spokespeople.contains(where: { $0.handle == me.handle }) {
            spokesperson.text = me.handle
            spokesperson.selected = 0
        }
        return Dialog(title: "New incident", form: .newIncident(NewIncidentForm(kind: kindField(), spokesperson: spokesperson)),
                      footer: "Kind and spokesperson: type to narrow, ↓/↑ picks · Location: a block or area, never an address · "
                          + "Enter: next field, then open it and draft its holding statement · Esc cancels")
    }

    static func fact(title: String, incidentID: IncidentID, factID: FactID?, keys: [String], draft: FactDraft?) -> Dialog {
        var keyOptions = keys
        if let key = draft?.key, !keyOptions.contains(key) { keyOptions.append(key) }
        let kinds = SourceKind.allCases
        let selectedKey = draft.map { d in d.key.flatMap { keyOptions.firstIndex(of: $0) } ?? keyOptions.count } ?? 0
        let form = FactForm(incidentID: incidentID, factID: factID,
                            key: .choice("Key", options: keyOptions.map { "{{fact:\($0)}}" } + ["(no key)"], values: keyOptions + [""],
                                         selected: selectedKey),
                            statement: .text("Statement", draft?.text ?? ""),
                            source: .text("Source", draft?.source ?? ""),
                            sourceKind: .choice("Source kind", options: kinds.map { $0.rawValue.replacingOccurrences(of: "-", with: " ") },
                                                values: kinds.map(\.rawValue),
                                                selected: draft.flatMap { d in kinds.firstIndex { $0.rawValue == d.sourceKind } } ?? 0))
        return Dialog(title: title, form: .fact(form),
                      body: [DialogLine("One checkable statement from a named, credible source; it is verified by someone else.", .muted)],
                      footer: "Key: the template's slot it fills (↓/↑) · Source: who said it, by name · Enter: next field, then save · Esc cancels")
    }

    static func template(incidentID: IncidentID, choices: [TemplateChoice], preselected: Int) -> Dialog {
        let field = FormField.choice("Template", options: choices.map(\.name), values: choices.map(\.id), selected: preselected)
        return Dialog(title: "Draft a release for incident #\(incidentID)", form: .template(TemplateForm(incidentID: incidentID, template: field)),
                      footer: "Enter drafts the holding statement · f the full release · Esc cancels")
    }

    static func schedule(_ detail: ReleaseDetail) -> Dialog {
        let options = detail.renditions.map { "\($0.channel) \($0.counter)" }
        let channels = FormField.checklist("Channels", options: options, values: detail.renditions.map(\.slug), checked: detail.preTicked)
        return Dialog(title: "Schedule release #\(detail.id)", form: .schedule(ScheduleForm(releaseID: detail.id, channels: channels)),
                      body: [DialogLine(detail.title, .heading)],
                      footer: "Time: +0m now, +15m, 14:30 (agency time) · 1-9 or Space ticks · Enter schedules · Esc cancels")
    }

    /// `t` on the schedule view: every waiting post of the selected post's release moves.
    static func reschedule(_ row: ScheduleRow) -> Dialog {
        Dialog(title: "Reschedule release #\(row.releaseID)", form: .schedule(ScheduleForm(releaseID: row.releaseID, reschedule: true)),
               body: [DialogLine(row.releaseTitle, .heading),
                      DialogLine("Every waiting post of this release moves to the new time.", .muted)],
               footer: "Time: +15m, +2h, 14:30, 2026-11-23 09:00 (agency time) · Enter schedules · Esc cancels")
    }

    /// Exactly what the spokesperson signs: the text, every channel's text and the hash, and the warnings acknowledged.
    static func approval(_ detail: ReleaseDetail) -> Dialog {
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
        return Dialog(title: "Approve release #\(detail.id)",
                      form: .question(.approveRelease(detail.id, acknowledging: rules, contentHash: detail.contentHash)),
                      body: body, footer: "y signs and approves · n or Esc cancels · j/k scroll")
    }

    static func filter(_ state: DashboardState) -> Dialog {
        let filter = state.logFilter
        let zone = state.time.abbreviation(state.now)
        let form = LogFilterForm(incident: .combo("Incident", filter.incidentID?.rawValue ?? ""), from: .text("From", filter.fromText),
                                 to: .text("To", filter.toText))
        return Dialog(title: "Filter the records log", form: .logFilter(form),
                      body: [DialogLine("Show, search and export only one incident's records, or those between two dates (\(zone)).", .muted)],
                      footer: "Incident: its number, or words of its title and ↓/↑ to pick; empty: every incident · "
                          + "Dates: YYYY-MM-DD, 2026-11-18 14:05 or ISO 8601; empty: no limit · Enter: next field, then apply · Esc cancels")
    }

    static func export(_ preview: ExportPreview) -> Dialog {
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
        return Dialog(title: "Export for a records request",
                      form: .export(ExportForm(filter: preview.filter, folder: .text("Folder", preview.suggestedFolder))), body: body,
                      footer: "A new folder (~ is your home) · Enter writes it; the records are not changed · ↓/↑ scrolls · Esc cancels")
    }

    static func exportNotice(_ result: ExportResult) -> Dialog {
        Dialog(title: "Export written", form: .notice,
               body: [DialogLine("Wrote \(result.files) files to \(result.folder)", .heading),
                      DialogLine("\(result.logEntries) records-log entries with their chain hashes."),
                      DialogLine("Manifest: \(result.manifestPath)"),
                      DialogLine("SHA-256 of manifest.json: \(result.manifestSHA256)"),
                      DialogLine(""),
                      DialogLine("Anyone can check it without the database: onevoice archive check-export \(result.folder)", .muted)],
               footer: "Enter or Esc closes")
    }
}
