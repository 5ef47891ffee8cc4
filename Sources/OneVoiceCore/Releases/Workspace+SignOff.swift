import Foundation

extension Workspace {
    /// Runs every check on the current (or a given) revision.
    public func checkRelease(id: Int64, revision number: Int? = nil) throws -> [Finding] {
        try database.read { session in try checkRelease(session, id: id, revision: number) }
    }

    func checkRelease(_ session: StoreSession, id: Int64, revision number: Int? = nil, reusing earlier: CheckedRelease? = nil) throws -> [Finding] {
        try checkedRelease(session, id: id, revision: number, reusing: earlier).findings
    }

    /// The findings and what they were computed from. When `earlier` was computed from exactly the same
    /// release, revision, incident, facts and named people, its findings are used as they are: the
    /// check (slow on a long text) runs before a write, and inside it only this comparison does.
    func checkedRelease(_ session: StoreSession, id: Int64, revision number: Int? = nil, reusing earlier: CheckedRelease? = nil) throws -> CheckedRelease {
        guard let release = try session.release(id: id) else { throw StoreError.notFound(what: "release #\(id)") }
        guard let incident = try session.incident(id: release.incidentID),
              let revision = try session.revision(releaseID: id, number: number ?? release.currentRevision)
        else { throw StoreError.notFound(what: "revision \(number ?? release.currentRevision) of release #\(id)") }
        let facts = try session.facts(incidentID: incident.id)
        let namedPeople = try session.namedPeople(incidentID: incident.id)
        if let earlier, earlier.release == release, earlier.revision == revision, earlier.incident == incident,
           earlier.facts == facts, earlier.namedPeople == namedPeople {
            return earlier
        }
        let subject = ReleaseChecker.Subject(release: release, revision: revision, incident: incident,
                                             facts: facts, namedPeople: namedPeople, now: clock.now(),
                                             agencyNames: incident.isJoint ? try session.agencyDirectory().names(of: incident) : [])
        return CheckedRelease(release: release, revision: revision, incident: incident, facts: facts, namedPeople: namedPeople,
                              findings: ReleaseChecker(settings: settings).check(subject))
    }

    /// Runs the release's checks on a snapshot, outside any write: what submit, clear and approve reuse
    /// inside their transaction when nothing changed meanwhile (nil when the release cannot be read;
    /// the write then says why).
    func precheckRelease(id: Int64) -> CheckedRelease? {
        try? database.read { session in try checkedRelease(session, id: id) }
    }

    /// Where a release stands on its way to sign-off.
    public struct SignOffState: Sendable {
        public var release: Release
        public var revision: ReleaseRevision
        public var findings: [Finding]
        public var legalReviewRequired: Bool
        public var legalClearance: Attestation?
        public var approval: Attestation?
        public var spokesperson: Person?
        /// What would be published, and what a sign-off signs.
        public var document: PublishedDocument

        public var blocking: [Finding] { findings.filter { $0.severity == .block } }
        public var warnings: [Finding] { findings.filter { $0.severity == .warn } }
    }

    public func signOffState(releaseID: Int64) throws -> SignOffState {
        try database.read { session in try signOffState(session, releaseID: releaseID) }
    }

    func signOffState(_ session: StoreSession, releaseID: Int64, reusing earlier: CheckedRelease? = nil) throws -> SignOffState {
        guard let release = try session.release(id: releaseID) else { throw StoreError.notFound(what: "release #\(releaseID)") }
        guard let incident = try session.incident(id: release.incidentID),
              let revision = try session.revision(releaseID: releaseID, number: release.currentRevision)
        else { throw StoreError.notFound(what: "the current revision of release #\(releaseID)") }
        let current = try session.attestations(subjectType: "release", subjectID: releaseID)
            .filter { $0.supersededAt == nil && $0.signs(release, revision, incident) }
        return SignOffState(release: release, revision: revision, findings: try checkRelease(session, id: releaseID, reusing: earlier),
                            legalReviewRequired: ReleaseChecker(settings: settings).requiresLegalReview(release, incident: incident),
                            legalClearance: current.last { $0.verdict == "cleared" },
                            approval: current.last { $0.verdict == "approved" },
                            spokesperson: try incident.spokespersonID.flatMap { try session.person(id: $0) },
                            document: PublishedDocument(release: release, revision: revision, incident: incident))
    }

    /// Moves a draft into review; refused while a blocking finding stands.
    @discardableResult
    public func submitRelease(id: Int64) throws -> Release {
        let checked = precheckRelease(id: id)
        return try write { session in
            let person = try actor(in: session, allowed: [.drafter, .spokesperson], to: "submit a release for review")
            let state = try signOffState(session, releaseID: id, reusing: checked)
            guard state.release.status == .draft else {
                throw IdentityError.refused("Release #\(id) is \(state.release.status.predicate), not a draft; only drafts go into review.")
            }
            if let first = state.blocking.first {
                throw IdentityError.refused("Release #\(id) cannot go into review: \(state.blocking.count) blocking finding\(state.blocking.count == 1 ? "" : "s"), the first at line \(first.line): \(first.message)")
            }
            var release = state.release
            release.status = .inReview
            try session.updateRelease(release)
            try session.appendLog(actor: person, action: "release.submit", subjectType: "release", subjectID: id,
                                  incidentID: release.incidentID,
                                  change: StatusChange(status: ReleaseStatus.inReview.rawValue, note: "revision \(state.revision.number)"),
                                  at: clock.now())
            return release
        }
    }

    /// Legal's clearance of the exact content under review.
    @discardableResult
    public func clearRelease(id: Int64, note: String = "") throws -> Attestation {
        try TextInput.check(note, as: .note)
        let checked = precheckRelease(id: id)
        return try write { session in
            let person = try actor(in: session, allowed: [.legal], to: "clear a release")
            let state = try signOffState(session, releaseID: id, reusing: checked)
            guard state.release.status == .inReview else {
                throw IdentityError.refused("Release #\(id) is \(state.release.status.predicate); legal clears releases that are in review.")
            }
            guard state.legalClearance == nil else {
                throw StoreError.invalid("Revision \(state.revision.number) of release #\(id) is already cleared; nothing was changed.")
            }
            return try attest(session, by: person, role: .legal, subjectType: "release", subjectID: id,
                              incidentID: state.release.incidentID, contentHash: state.document.hash,
                              verdict: "cleared", note: note)
        }
    }

    /// The spokesperson's sign-off: a signature over the SHA-256 of the exact text and every rendition.
    /// Only the incident's spokesperson, only with nothing blocking, every warning acknowledged and legal
    /// clearance where it is required.
    @discardableResult
    /// `expectedContentHash`, when given, is the content the signer was shown: the approval is refused, in
    /// the same transaction, if the release changed since.
    public func approveRelease(id: Int64, acknowledging acknowledged: [String] = [], note: String = "",
                               expectedContentHash: String? = nil) throws -> Attestation {
        try TextInput.check(note, as: .note)
        let checked = precheckRelease(id: id)
        return try write { session in
            let person = try caller(in: session)
            let state = try signOffState(session, releaseID: id, reusing: checked)
            if let expectedContentHash, expectedContentHash != state.revision.contentHash {
                throw IdentityError.refused("Release #\(id) changed since it was shown (now revision \(state.revision.number)); look at it again before approving.")
            }
            guard let spokesperson = state.spokesperson else {
                throw IdentityError.refused("Incident #\(state.release.incidentID) has no spokesperson; an admin must assign one before anything is approved.")
            }
            guard spokesperson.id == person.id, person.has(.spokesperson) else {
                throw IdentityError.refused("Only \(spokesperson.handle), the incident's spokesperson, can approve release #\(id); \(person.handle) cannot.")
            }
            guard state.release.status == .inReview else {
                throw IdentityError.refused("Release #\(id) is \(state.release.status.predicate); only a release in review can be approved (submit it first).")
            }
            if let first = state.blocking.first {
                throw IdentityError.refused("Release #\(id) has \(state.blocking.count) blocking finding\(state.blocking.count == 1 ? "" : "s"); the first, at line \(first.line): \(first.message)")
            }
            let unacknowledged = Array(Set(state.warnings.map(\.rule)).subtracting(acknowledged)).sorted()
            guard unacknowledged.isEmpty else {
                throw IdentityError.refused("Acknowledge every warning to approve release #\(id): add --acknowledge \(unacknowledged.joined(separator: " --acknowledge ")).")
            }
            if state.legalReviewRequired && state.legalClearance == nil {
                throw IdentityError.refused("Release #\(id) needs legal clearance of this revision before approval (`onevoice release clear \(id)` by legal).")
            }
            let acknowledgement = acknowledged.isEmpty ? "" : "acknowledged: " + acknowledged.sorted().joined(separator: ", ")
            let attestation = try attest(session, by: person, role: .spokesperson, subjectType: "release", subjectID: id,
                                         incidentID: state.release.incidentID, contentHash: state.document.hash,
                                         verdict: "approved", note: [acknowledgement, note].filter { !$0.isEmpty }.joined(separator: "; "))
            var release = state.release
            // A release whose posts already have their times goes straight back to scheduled.
            let waiting: Set<PostState> = [.scheduled, .held, .missed, .awaitingConfirmation]
            release.status = try session.posts(releaseID: id).contains { waiting.contains($0.state) } ? .scheduled : .approved
            try session.updateRelease(release)
            try session.appendLog(actor: person, action: "release.approve", subjectType: "release", subjectID: id,
                                  incidentID: release.incidentID,
                                  change: StatusChange(status: ReleaseStatus.approved.rawValue, note: "revision \(state.revision.number)"),
                                  at: clock.now())
            return attestation
        }
    }
}
