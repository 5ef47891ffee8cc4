/// A dialog's fields by name: each kind of form is a struct with a named `FormField` per field, and `order` lists
/// them once, as they show and as Tab walks them. Code reads a form by its names, never by position or label;
/// only the generic editing (typing, ↓/↑, ticks on the focused field) goes through `order`.
public protocol FormFields: Equatable, Sendable {
    var order: [WritableKeyPath<Self, FormField>] { get }
}

extension FormFields {
    /// The fields in order, for drawing and the status bar.
    public var fields: [FormField] { order.map { self[keyPath: $0] } }

    /// Where a field is in `order` (what the dialog focuses).
    public func position(of field: WritableKeyPath<Self, FormField>) -> Int? { order.firstIndex(of: field) }

    /// Changes the field at `index` (the focused one).
    mutating func edit(at index: Int, _ change: (inout FormField) -> Void) {
        guard order.indices.contains(index) else { return }
        change(&self[keyPath: order[index]])
    }

    /// A refusal about `field`: the dialog shows `message` and focuses that field.
    func refusal(_ message: String, at field: WritableKeyPath<Self, FormField>) -> FormRefusal {
        FormRefusal(message: message, focus: position(of: field))
    }
}

/// Why a filled-in form cannot go to the workspace: one sentence, and the field to fix.
struct FormRefusal: Error, Equatable {
    var message: String
    var focus: Int?
}

extension FormField {
    /// A text field's text without the spaces around it.
    var trimmed: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}
