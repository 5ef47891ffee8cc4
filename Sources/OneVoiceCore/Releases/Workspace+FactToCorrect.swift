import Foundation

extension Workspace {
    /// A disputed or retracted fact that a released release of the incident said (its statement is in the released
    /// text), with that release: the release to correct. Nil when nothing released rests on a doubted fact.
    static func factToCorrect(incidentID: Int64, in session: StoreSession) throws -> (fact: Fact, releaseID: Int64)? {
        let doubted = try session.doubtedFactsOfReleasedIncident(incidentID: incidentID)
        guard !doubted.isEmpty else { return nil }
        // Each statement once (trimmed of spaces and full stops, too short ones left out), each released text once.
        let statements = doubted.compactMap { fact -> (fact: Fact, text: String)? in
            let statement = fact.text.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
            return statement.count >= 8 ? (fact, statement) : nil
        }
        guard !statements.isEmpty else { return nil }
        let releases = try session.releases(incidentID: incidentID)
        for release in releases where release.status == .released {
            guard let revision = try session.revision(releaseID: release.id, number: release.currentRevision) else { continue }
            let released = CaseInsensitiveHaystack(revision.text)
            for (fact, statement) in statements where released.contains(statement) {
                // A correction already made for this release answers it.
                let corrected = releases.contains { $0.parentID == release.id && $0.kind == .correction }
                if !corrected { return (fact, release.id) }
            }
        }
        return nil
    }
}
