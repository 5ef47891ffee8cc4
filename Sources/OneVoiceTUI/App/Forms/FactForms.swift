/// `a` and `e` on the Facts tab: a fact's template key (picked), statement, named source and kind.
public struct FactForm: FormFields {
    public var incidentID: IncidentID
    /// The fact corrected (nil: a new fact).
    public var factID: FactID?
    public var key: FormField
    public var statement: FormField
    public var source: FormField
    public var sourceKind: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.key, \.statement, \.source, \.sourceKind] }

    func operation() throws(FormRefusal) -> Operation {
        guard !statement.trimmed.isEmpty else { throw refusal("The fact needs its statement.", at: \.statement) }
        guard !source.trimmed.isEmpty else { throw refusal("Every fact needs a named source.", at: \.source) }
        let picked = key.value ?? ""
        let draft = FactDraft(key: picked.isEmpty ? nil : picked, text: statement.trimmed, source: source.trimmed,
                              sourceKind: sourceKind.value ?? "")
        if let factID { return .editFact(factID: factID, draft) }
        return .addFact(incidentID: incidentID, draft)
    }
}

/// `v`, `d`, `x` and `c` on a fact: the note that goes with the verification, dispute, retraction or clearance.
public struct FactNoteForm: FormFields {
    public var factID: FactID
    public var action: FactAction
    public var note: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.note] }

    func operation() -> Operation {
        switch action {
        case .verify: .setFactStatus(factID: factID, status: .verified, note: note.trimmed)
        case .dispute: .setFactStatus(factID: factID, status: .disputed, note: note.trimmed)
        case .retract: .setFactStatus(factID: factID, status: .retracted, note: note.trimmed)
        case .clear: .clearFact(factID: factID, note: note.trimmed)
        }
    }
}
