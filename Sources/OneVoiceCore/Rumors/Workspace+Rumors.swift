import Foundation

extension Workspace {
    @discardableResult
    public func addRumor(incidentID: Int64, text: String, seenAt: String) throws -> Rumor {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StoreError.invalid("Give the rumor's text (--text).") }
        try TextInput.check(text, as: .rumorText)
        try TextInput.check(seenAt, as: .location)
        return try write { session in
            let person = try actor(in: session, allowed: [.drafter, .verifier, .spokesperson], to: "record a rumor")
            guard try session.incident(id: incidentID) != nil else { throw StoreError.notFound(what: "incident #\(incidentID)") }
            let now = clock.now()
            var rumor = Rumor(incidentID: incidentID, text: text, seenAt: seenAt, recordedBy: person.id, recordedAt: now)
            try session.insertRumor(&rumor)
            try session.appendLog(actor: person, action: "rumor.add", subjectType: "rumor", subjectID: rumor.id,
                                  incidentID: incidentID, change: rumor, at: now)
            return rumor
        }
    }

    /// Links a rumor to the verified fact that answers it and drafts a correction for the public.
    public func answerRumor(rumorID: Int64, factID: Int64) throws -> (rumor: Rumor, draft: Release) {
        let (rumor, fact) = try write { session -> (Rumor, Fact) in
            let person = try actor(in: session, allowed: [.drafter, .spokesperson], to: "answer a rumor")
            guard var rumor = try session.rumor(id: rumorID) else { throw StoreError.notFound(what: "rumor #\(rumorID)") }
            guard let fact = try session.fact(id: factID), fact.incidentID == rumor.incidentID else {
                throw StoreError.notFound(what: "fact #\(factID) in the rumor's incident")
            }
            guard fact.status == .verified else {
                throw IdentityError.refused("Fact #\(factID) is \(fact.status.rawValue); only a verified fact can answer a rumor.")
            }
            rumor.answeredByFactID = fact.id
            try session.updateRumor(rumor)
            try session.appendLog(actor: person, action: "rumor.answer", subjectType: "rumor", subjectID: rumor.id,
                                  incidentID: rumor.incidentID, change: ["factID": fact.id], at: clock.now())
            return (rumor, fact)
        }
        let text = RumorCorrection.text(rumor: rumor, fact: fact)
        let draft = try createRelease(incidentID: rumor.incidentID, title: "Rumor control: \(rumor.text.prefix(50))",
                                      text: text, renditions: [:], kind: .correction)
        return (rumor, draft)
    }

    public func rumors(incidentID: Int64) throws -> [Rumor] {
        try database.read { try $0.rumors(incidentID: incidentID) }
    }
}

/// The wording of a rumor-control post: name the claim, state the verified fact, point to official updates.
public enum RumorCorrection {
    public static func text(rumor: Rumor, fact: Fact) -> String {
        let claim = rumor.text.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        var statement = fact.text.trimmingCharacters(in: .whitespaces)
        if !statement.hasSuffix(".") { statement += "." }
        return """
            We are aware of reports that \(claim). That is not accurate. \(statement)
            Please rely on official updates from the department. The investigation is ongoing, and more information will follow.
            """
    }
}
