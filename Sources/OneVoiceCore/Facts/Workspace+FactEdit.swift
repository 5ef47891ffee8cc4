import Foundation

extension Workspace {
    /// Corrects an unverified fact's text, source, source kind or key (who may record facts may correct them):
    /// one logged change (`fact.edit`) with the fields before and after. A fact that was verified, disputed or
    /// retracted was signed as it reads, so it stays; record a new fact instead.
    @discardableResult
    public func editFact(factID: Int64, text: String, source: String, sourceKind: SourceKind, key: String?) throws -> Fact {
        let key = key.flatMap { $0.isEmpty ? nil : $0 }
        // The same limits and control-character refusals as recording a fact.
        let (text, source) = try Self.checkedFactInput(text: text, source: source, key: key)
        return try write { session in
            let person = try actor(in: session, allowed: [.drafter, .verifier, .spokesperson], to: "correct a fact")
            guard var fact = try session.fact(id: factID) else { throw StoreError.notFound(what: "fact #\(factID)") }
            guard fact.status == .unverified else {
                throw StoreError.invalid("Fact #\(factID) is \(fact.status.rawValue) as it reads, so it stays; record a new fact instead.")
            }
            guard let incident = try session.incident(id: fact.incidentID), incident.status != .closed else {
                throw StoreError.invalid("Fact #\(factID) belongs to a closed incident; it is kept as it was.")
            }
            let before = FactFields(fact)
            fact.text = text
            fact.source = source
            fact.sourceKind = sourceKind
            fact.key = key
            let after = FactFields(fact)
            guard before != after else { throw StoreError.invalid("Fact #\(factID) already reads so; nothing was changed.") }
            try session.updateFact(fact)
            try session.appendLog(actor: person, action: "fact.edit", subjectType: "fact", subjectID: factID,
                                  incidentID: fact.incidentID, change: FieldChange(before: before, after: after), at: clock.now())
            return fact
        }
    }
}

/// The fields of a fact a person may correct, as the log records them.
struct FactFields: Encodable, Equatable {
    let text: String
    let source: String
    let sourceKind: String
    let key: String?

    init(_ fact: Fact) {
        text = fact.text
        source = fact.source
        sourceKind = fact.sourceKind.rawValue
        key = fact.key
    }
}
