import Foundation

extension Workspace {
    /// A disputed or retracted fact that a released release of the incident said (its statement is in the released
    /// text), with that release: the release to correct. Nil when nothing released rests on a doubted fact.
    static func factToCorrect(incidentID: Int64, in session: StoreSession) throws -> (fact: Fact, releaseID: Int64)? {
        let doubted = try session.doubtedFactsOfReleasedIncident(incidentID: incidentID)
        guard !doubted.isEmpty else { return nil }
        let released = try session.releases(incidentID: incidentID).filter { $0.status == .released }
        for release in released {
            guard let revision = try session.revision(releaseID: release.id, number: release.currentRevision) else { continue }
            for fact in doubted {
                let statement = fact.text.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
                if statement.count >= 8, revision.text.range(of: statement, options: [.caseInsensitive]) != nil {
                    // A correction already made for this release answers it.
                    let corrected = try session.releases(incidentID: incidentID).contains {
                        $0.parentID == release.id && $0.kind == .correction
                    }
                    if !corrected { return (fact, release.id) }
                }
            }
        }
        return nil
    }
}
