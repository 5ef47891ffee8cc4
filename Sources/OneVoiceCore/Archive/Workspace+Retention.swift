import Foundation

extension Workspace {
    /// Every record whose retention period has passed and that has not been disposed of, oldest first.
    public func retentionDue(policy: RetentionPolicy = RetentionPolicy()) throws -> [RetentionItem] {
        let now = clock.now()
        return try database.read { session in
            guard let agency = try session.agency() else { throw StoreError.notInitialised(path: database.path) }
            var due: [RetentionItem] = []
            for kind in RecordKind.allCases where kind.isDisposable {
                let period = policy.period(for: kind)
                guard let cutoff = period.cutoff(before: now, in: agency.timeZone) else { continue }
                for var item in try session.retentionCandidates(kind: kind, startedBefore: cutoff) {
                    item.disposableFrom = period.end(after: item.retainedSince, in: agency.timeZone) ?? item.retainedSince
                    item.period = period.description
                    due.append(item)
                }
            }
            return due.sorted { ($0.disposableFrom, $0.kind.rawValue, $0.id) < ($1.disposableFrom, $1.kind.rawValue, $1.id) }
        }
    }

    /// Disposes of one record at the end of its retention period: an admin's signed, logged act that leaves a
    /// tombstone. Nothing is deleted: the row and every log entry about it stay; it leaves search and later exports.
    @discardableResult
    public func dispose(kind: RecordKind, id: Int64, reason: String, policy: RetentionPolicy = RetentionPolicy()) throws -> Disposal {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw StoreError.invalid("Say why the record is disposed of (--reason), for the record.") }
        try TextInput.check(reason, as: .note)
        guard kind.isDisposable else {
            throw IdentityError.refused("\(kind.rawValue.capitalized) records are kept permanently and cannot be disposed of.")
        }
        return try write { session in
            let admin = try actor(in: session, allowed: [.admin], to: "dispose of a record")
            guard let agency = try session.agency() else { throw StoreError.notInitialised(path: database.path) }
            if try session.disposal(subjectType: kind.rawValue, subjectID: id) != nil {
                throw StoreError.invalid("\(kind.rawValue.capitalized) #\(id) was already disposed of; nothing was changed.")
            }
            let (incidentID, contentHash) = try subjectContent(session, kind: kind, id: id)
            let period = policy.period(for: kind)
            let now = clock.now()
            let cutoff = period.cutoff(before: now, in: agency.timeZone)
            let due = try cutoff.map { try session.retentionCandidates(kind: kind, startedBefore: $0) } ?? []
            guard due.contains(where: { $0.id == id }) else {
                throw IdentityError.refused("\(kind.rawValue.capitalized) #\(id) has not passed its retention period (\(period)) or its incident is still open; it cannot be disposed of yet.")
            }
            let attestation = try attest(session, by: admin, role: .admin, subjectType: kind.rawValue, subjectID: id,
                                         incidentID: incidentID, contentHash: contentHash, verdict: "disposed", note: reason)
            var disposal = Disposal(subjectType: kind.rawValue, subjectID: id, incidentID: incidentID, reason: reason,
                                    disposedAt: now, disposedBy: admin.id, attestationID: attestation.id)
            try session.insertDisposal(&disposal)
            try session.removeDisposedFromSearch(kind: kind, id: id)
            try session.appendLog(actor: admin, action: "archive.dispose", subjectType: kind.rawValue, subjectID: id,
                                  incidentID: incidentID, change: disposal, at: now)
            return disposal
        }
    }

    /// The record's incident and the SHA-256 of its canonical JSON (what the disposal attestation signs).
    private func subjectContent(_ session: StoreSession, kind: RecordKind, id: Int64) throws -> (Int64?, String) {
        func hash(_ value: some Encodable) -> String { Hashing.sha256Hex(CanonicalJSON.data(value)) }
        switch kind {
        case .release:
            guard let release = try session.release(id: id) else { throw StoreError.notFound(what: "release #\(id)") }
            struct Content: Encodable { let release: Release; let revisions: [ReleaseRevision] }
            return (release.incidentID, hash(Content(release: release, revisions: try session.revisions(releaseID: id))))
        case .post:
            guard let post = try session.post(id: id) else { throw StoreError.notFound(what: "post #\(id)") }
            return (post.incidentID, hash(post))
        case .fact:
            guard let fact = try session.fact(id: id) else { throw StoreError.notFound(what: "fact #\(id)") }
            return (fact.incidentID, hash(fact))
        case .rumor:
            guard let rumor = try session.rumor(id: id) else { throw StoreError.notFound(what: "rumor #\(id)") }
            return (rumor.incidentID, hash(rumor))
        case .namedPerson:
            guard let named = try session.namedPerson(id: id) else { throw StoreError.notFound(what: "named person #\(id)") }
            return (named.incidentID, hash(named))
        case .incident, .attestation, .log:
            throw IdentityError.refused("\(kind.rawValue.capitalized) records are kept permanently and cannot be disposed of.")
        }
    }
}
