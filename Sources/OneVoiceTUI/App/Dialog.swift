import Foundation

/// One field of a dialog: a line of text, one choice of a list, a checklist, or a line of text with a list
/// to pick from (a combo: type an id, or words that narrow the list and ↓/↑ to pick).
public struct FormField: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text
        case choice
        case checklist
        case combo
    }
    public var label: String
    public var kind: Kind
    /// The typed text (text fields).
    public var text: String = ""
    /// What the person sees per option, and the value each stands for (choice and checklist).
    public var options: [String] = []
    public var values: [String] = []
    /// The chosen option (choice), the cursor (checklist), or the picked match (combo: an index into `matches`; -1 none).
    public var selected: Int = 0
    /// Ticked options (checklist).
    public var checked: Set<Int> = []

    public static func text(_ label: String, _ text: String = "") -> FormField {
        FormField(label: label, kind: .text, text: text)
    }

    public static func choice(_ label: String, options: [String], values: [String], selected: Int = 0) -> FormField {
        FormField(label: label, kind: .choice, options: options, values: values, selected: max(0, min(selected, options.count - 1)))
    }

    public static func checklist(_ label: String, options: [String], values: [String], checked: Set<Int>) -> FormField {
        FormField(label: label, kind: .checklist, options: options, values: values, checked: checked)
    }

    /// A combo: a text field whose options narrow to those containing what was typed (`matches`).
    public static func combo(_ label: String, _ text: String = "", options: [String] = [], values: [String] = []) -> FormField {
        FormField(label: label, kind: .combo, text: text, options: options, values: values, selected: -1)
    }

    /// Type-ahead (a combo): the first match stays highlighted as one types, so Enter takes it.
    public var typeAhead = false

    /// The chosen value (choice).
    public var value: String? { values.indices.contains(selected) ? values[selected] : nil }

    /// A combo's options that contain the typed text (every option while nothing is typed), as indices.
    public var matches: [Int] {
        let needle = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return Array(options.indices) }
        return options.indices.filter { options[$0].lowercased().contains(needle) || values[$0].lowercased() == needle }
    }

    /// What a combo stands for: the picked match; else nil when empty; else the option whose value is exactly
    /// what was typed, or the only match; else the typed text itself (checked where it is used).
    public var comboValue: String? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        let matching = matches
        if matching.indices.contains(selected) { return values[matching[selected]] }
        if typed.isEmpty { return nil }
        if let exact = values.firstIndex(where: { $0.lowercased() == typed.lowercased() }) { return values[exact] }
        if matching.count == 1 { return values[matching[0]] }
        return typed
    }
    /// The ticked values, in list order (checklist).
    public var checkedValues: [String] { values.indices.filter(checked.contains).map { values[$0] } }

    /// One line summing the field up when it is not focused.
    public var summary: String {
        switch kind {
        case .text: text
        case .combo:
            comboValue.map { value in values.firstIndex(of: value).map { options[$0] } ?? value } ?? ""
        case .choice: options.indices.contains(selected) ? options[selected] : ""
        case .checklist: checked.isEmpty ? "(none)" : options.indices.filter(checked.contains).map { options[$0] }.joined(separator: ", ")
        }
    }
}

/// A line of read-only text in a dialog, with its tone.
public struct DialogLine: Equatable, Sendable {
    public enum Tone: Equatable, Sendable {
        case text, muted, heading, warning, error
    }
    public var text: String
    public var tone: Tone
    public init(_ text: String, _ tone: Tone = .text) {
        self.text = text
        self.tone = tone
    }
}

/// What a fact dialog does with the note.
public enum FactAction: String, Equatable, Sendable {
    case verify, dispute, retract, clear
}

/// What a post dialog does: `post mark-posted` or `post resend`.
public enum PostAction: String, Equatable, Sendable {
    case markPosted = "mark posted"
    case resend
}

/// A box over the screen that asks for input or a yes/no. Its keys come from the keymap's dialog context.
public struct Dialog: Equatable, Sendable {
    public var title: String
    /// What it asks for, with its fields by name.
    public var form: DialogForm
    /// Read-only lines above the fields (what will be signed, the warnings to acknowledge).
    public var body: [DialogLine] = []
    public var focus: Int = 0
    /// First body line shown (the body scrolls with j/k in a question).
    public var scroll: Int = 0
    /// Why the last attempt was refused before it reached the workspace.
    public var error: String?
    /// The line that says how to answer.
    public var footer: String

    public init(title: String, form: DialogForm, body: [DialogLine] = [], footer: String) {
        self.title = title
        self.form = form
        self.body = body
        self.footer = footer
    }

    /// The fields in order (drawn, and walked with Tab).
    public var fields: [FormField] { form.fields }
    /// A yes/no question or a notice (no fields).
    public var isQuestion: Bool { fields.isEmpty }
    public var focusedField: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// Changes the focused field.
    mutating func editFocused(_ change: (inout FormField) -> Void) { form.edit(at: focus, change) }

    /// Refuses with `message`, focusing the field it is about (so the person sees what to fix).
    public mutating func refuse(_ message: String, focus field: Int? = nil) {
        error = message
        if let field { focus = field }
        scroll = 0
    }

    mutating func refuse(_ refusal: FormRefusal) { refuse(refusal.message, focus: refusal.focus) }
}
