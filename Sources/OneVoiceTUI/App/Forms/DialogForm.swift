/// What a dialog asks for: a question answered with y, a notice to read, or one kind of form with its fields by name.
public enum DialogForm: Equatable, Sendable {
    /// A question answered with y: the change to make.
    case question(Operation)
    /// A result to read; any answer closes it.
    case notice
    case newIncident(NewIncidentForm)
    case editIncident(EditIncidentForm)
    case spokesperson(SpokespersonForm)
    case template(TemplateForm)
    case fact(FactForm)
    case factNote(FactNoteForm)
    case clearRelease(ClearReleaseForm)
    case schedule(ScheduleForm)
    case post(PostForm)
    case rumor(RumorForm)
    case answerRumor(AnswerRumorForm)
    case namedPerson(NamedPersonForm)
    case notified(NotifiedForm)
    case contact(ContactForm)
    case roster(RosterForm)
    /// The records log's filter: incident, from, to.
    case logFilter(LogFilterForm)
    /// What an export of the filter's records will write, and the folder to write it to.
    case export(ExportForm)

    /// The form's fields in order (none for a question or a notice).
    public var fields: [FormField] {
        switch self {
        case .question, .notice: []
        case .newIncident(let form): form.fields
        case .editIncident(let form): form.fields
        case .spokesperson(let form): form.fields
        case .template(let form): form.fields
        case .fact(let form): form.fields
        case .factNote(let form): form.fields
        case .clearRelease(let form): form.fields
        case .schedule(let form): form.fields
        case .post(let form): form.fields
        case .rumor(let form): form.fields
        case .answerRumor(let form): form.fields
        case .namedPerson(let form): form.fields
        case .notified(let form): form.fields
        case .contact(let form): form.fields
        case .roster(let form): form.fields
        case .logFilter(let form): form.fields
        case .export(let form): form.fields
        }
    }

    /// Changes the field at `index` (typing, picking and ticking act on the focused field, whatever the form).
    mutating func edit(at index: Int, _ change: (inout FormField) -> Void) {
        switch self {
        case .question, .notice: break
        case .newIncident(var form): form.edit(at: index, change); self = .newIncident(form)
        case .editIncident(var form): form.edit(at: index, change); self = .editIncident(form)
        case .spokesperson(var form): form.edit(at: index, change); self = .spokesperson(form)
        case .template(var form): form.edit(at: index, change); self = .template(form)
        case .fact(var form): form.edit(at: index, change); self = .fact(form)
        case .factNote(var form): form.edit(at: index, change); self = .factNote(form)
        case .clearRelease(var form): form.edit(at: index, change); self = .clearRelease(form)
        case .schedule(var form): form.edit(at: index, change); self = .schedule(form)
        case .post(var form): form.edit(at: index, change); self = .post(form)
        case .rumor(var form): form.edit(at: index, change); self = .rumor(form)
        case .answerRumor(var form): form.edit(at: index, change); self = .answerRumor(form)
        case .namedPerson(var form): form.edit(at: index, change); self = .namedPerson(form)
        case .notified(var form): form.edit(at: index, change); self = .notified(form)
        case .contact(var form): form.edit(at: index, change); self = .contact(form)
        case .roster(var form): form.edit(at: index, change); self = .roster(form)
        case .logFilter(var form): form.edit(at: index, change); self = .logFilter(form)
        case .export(var form): form.edit(at: index, change); self = .export(form)
        }
    }

    /// What Enter on the last field does, in a word (the status bar's).
    var submitWord: String {
        switch self {
        case .newIncident: "open"
        case .template: "draft"
        case .schedule: "schedule"
        case .logFilter: "apply"
        case .export: "export"
        case .factNote(let form): form.action == .verify ? "verify" : form.action.rawValue
        case .clearRelease: "clear"
        case .spokesperson: "assign"
        case .fact(let form): form.factID == nil ? "record" : "save"
        case .rumor, .namedPerson, .notified: "record"
        case .editIncident: "save"
        case .answerRumor: "answer"
        case .contact, .roster: "add"
        case .post(let form): form.action == .markPosted ? "mark" : "resend"
        case .question, .notice: "ok"
        }
    }
}
