import Foundation

/// One field of a dialog: a line of text, one choice of a list, or a checklist.
public struct FormField: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text
        case choice
        case checklist
    }
    public var label: String
    public var kind: Kind
    /// The typed text (text fields).
    public var text: String = ""
    /// What the person sees per option, and the value each stands for (choice and checklist).
    public var options: [String] = []
    public var values: [String] = []
    /// The chosen option (choice) or the cursor (checklist).
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

    /// The chosen value (choice).
    public var value: String? { values.indices.contains(selected) ? values[selected] : nil }
    /// The ticked values, in list order (checklist).
    public var checkedValues: [String] { values.indices.filter(checked.contains).map { values[$0] } }

    /// One line summing the field up when it is not focused.
    public var summary: String {
        switch kind {
        case .text: text
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

/// A box over the screen that asks for input or a yes/no. Its keys come from the keymap's dialog context.
public struct Dialog: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case newIncident
        case pickTemplate(incidentID: String)
        case fact(factID: String, FactAction)
        case clearRelease(String)
        case schedule(String)
        /// A question answered with y: the change to make.
        case confirm(Operation)
    }
    public var title: String
    public var purpose: Purpose
    /// Read-only lines above the fields (what will be signed, the warnings to acknowledge).
    public var body: [DialogLine] = []
    public var fields: [FormField] = []
    public var focus: Int = 0
    /// First body line shown (the body scrolls with j/k in a question).
    public var scroll: Int = 0
    /// Why the last attempt was refused before it reached the workspace.
    public var error: String?
    /// The line that says how to answer.
    public var footer: String

    public init(title: String, purpose: Purpose, body: [DialogLine] = [], fields: [FormField] = [], footer: String) {
        self.title = title
        self.purpose = purpose
        self.body = body
        self.fields = fields
        self.footer = footer
    }

    /// A yes/no question (no fields).
    public var isQuestion: Bool { fields.isEmpty }
    public var focusedField: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }
}
