import Foundation

extension Workspace {
    /// A disputed or retracted fact that a released release of the incident said (its statement is in the released
    /// text), with that release: the release to correct. Nil when nothing released rests on a doubted fact.
    static func factToCorrect(incidentID: Int64, in session: StoreSession) throws -> (fact: Fact, releaseID: Int64)? {
        let doubted = try session.doubtedStatementsOfReleasedIncident(incidentID: incidentID)
        guard !doubted.isEmpty else { return nil }
        // Each statement once (trimmed of spaces and full stops, too short ones left out), each released text once.
        let statements = doubted.compactMap { fact -> (factID: Int64, text: CaseInsensitiveNeedle)? in
            let statement = fact.text.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
            return statement.count >= 8 ? (fact.id, CaseInsensitiveNeedle(statement)) : nil
        }
        guard !statements.isEmpty else { return nil }
        let released = try session.releasedTexts(incidentID: incidentID)
        guard !released.isEmpty else { return nil }
        // A correction already made for a release answers it (read at the first statement found).
        var corrected: Set<Int64>?
        for (releaseID, text) in released {
            let haystack = CaseInsensitiveHaystack(text)
            for (factID, statement) in statements where haystack.contains(statement) {
                let answered = try corrected ?? Set(session.releases(incidentID: incidentID).filter { $0.kind == .correction }.compactMap(\.parentID))
                corrected = answered
                if !answered.contains(releaseID), let fact = try session.fact(id: factID) { return (fact, releaseID) }
            }
        }
        return nil
    }
}
