import Foundation

extension Workspace {
    /// Records a fact as unverified; someone else verifies it later.
    @discardableResult
    public func addFact(incidentID: Int64, text: String, source: String, sourceKind: SourceKind, key: String? = nil) throws -> Fact {
        let (text, source) = try Self.checkedFactInput(text: text, source: source, key: key, flags: (" (--text)", " (--source)"))
        return try write { session in
            let person = try actor(in: session, allowed: [.drafter, .verifier, .spokesperson], to: "record a fact")
            guard let incident = try session.incident(id: incidentID) else {
                throw StoreError.notFound(what: "incident #\(incidentID)")
            }
            guard incident.status != .closed else {
                throw StoreError.invalid("Incident #\(incidentID) is closed; reopen it before adding facts.")
            }
            let now = clock.now()
            var fact = Fact(incidentID: incidentID, key: key, text: text, source: source, sourceKind: sourceKind,
                            recordedBy: person.id, recordedAt: now)
            try session.insertFact(&fact)
            try session.appendLog(actor: person, action: "fact.add", subjectType: "fact", subjectID: fact.id,
                                  incidentID: incidentID, change: fact, at: now)
            return fact
        }
    }

    public func facts(incidentID: Int64) throws -> [Fact] {
        try database.read { session in
            guard try session.incident(id: incidentID) != nil else { throw StoreError.notFound(what: "incident #\(incidentID)") }
            return try session.facts(incidentID: incidentID)
        }
    }
}

extension Workspace {
    /// A fact's statement and source, trimmed, and its key, held to the limits recording and correcting a fact
    /// share. `flags` name the options to fill in the refusals of a missing text or source.
    static func checkedFactInput(text: String, source: String, key: String?,
                                 flags: (text: String, source: String) = ("", "")) throws -> (text: String, source: String) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StoreError.invalid("The fact needs its text\(flags.text).") }
        guard !source.isEmpty else { throw StoreError.invalid("Every fact needs a named source\(flags.source).") }
        try TextInput.check(text, as: .factText)
        try TextInput.check(source, as: .source)
        try TextInput.check(key, as: .name)
        if let key, !Fact.isValidKey(key) {
            throw StoreError.invalid("\"\(key)\" is not a usable fact key; use lower-case letters, digits, '-' or '_'.")
        }
        return (text, source)
    }
}

