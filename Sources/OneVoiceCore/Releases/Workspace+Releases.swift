import Foundation

extension Workspace {
    /// Starts a release with its first revision. Templates fill `text` and `renditions` before this.
    @discardableResult
    public func createRelease(incidentID: Int64, title: String, text: String, renditions: [String: String],
                              templateID: String? = nil, isHolding: Bool = false, kind: ReleaseKind = .original,
                              parentID: Int64? = nil, makeRenditions: ((Release) -> [String: String])? = nil) throws -> Release {
        try TextInput.check(title, as: .title)
        try TextInput.check(text, as: .releaseText)
        for rendition in renditions.values { try TextInput.check(rendition, as: .rendition) }
        return try write { session in
            let person = try actor(in: session, allowed: [.drafter, .spokesperson], to: "draft a release")
            guard let incident = try session.incident(id: incidentID) else { throw StoreError.notFound(what: "incident #\(incidentID)") }
            let now = clock.now()
            var release = Release(incidentID: incident.id, kind: kind, parentID: parentID, templateID: templateID,
                                  isHolding: isHolding, title: title, createdBy: person.id, createdAt: now)
            try session.insertRelease(&release)
            try session.appendLog(actor: person, action: "release.draft", subjectType: "release", subjectID: release.id,
                                  incidentID: incident.id, change: release, at: now)
            // Renditions that link to the full release need its number, known only now.
            // CAP fields start from the template's kind (or the incident's) and the release kind.
            let template = templateID.flatMap { settings.templates.template(id: $0) }
            var revision = ReleaseRevision(releaseID: release.id, number: 1, text: text,
                                           renditions: makeRenditions?(release) ?? renditions,
                                           authorID: person.id, createdAt: now,
                                           cap: CAPFields.defaults(kind: incident.kind, releaseKind: kind, text: text, template: template))
            try session.insertRevision(&revision)
            try session.appendLog(actor: person, action: "release.revise", subjectType: "release", subjectID: release.id,
                                  incidentID: incident.id, change: revision, at: now)
            return release
        }
    }

    /// Saves a new revision. An approval or clearance of an earlier revision stays in the record, superseded;
    /// the release goes back to draft and must be submitted and approved again. Its scheduled posts keep
    /// their times, and are "missed: awaiting sign-off" if the new revision is not approved by then.
    ///
    /// `cap` sets the revision's CAP fields; nil keeps the current revision's.
    @discardableResult
    public func reviseRelease(id: Int64, text: String, renditions: [String: String], cap: CAPFields? = nil) throws -> ReleaseRevision {
        if let problem = cap?.problem { throw StoreError.invalid(problem) }
        try TextInput.check(text, as: .releaseText)
        for rendition in renditions.values { try TextInput.check(rendition, as: .rendition) }
        return try write { session in
            let person = try actor(in: session, allowed: [.drafter, .spokesperson], to: "edit a release")
            guard var release = try session.release(id: id) else { throw StoreError.notFound(what: "release #\(id)") }
            switch release.status {
            case .released:
                throw IdentityError.refused("Release #\(id) was released and cannot change; start a correction or an update (`onevoice release correct \(id)`).")
            default: break
            }
            // Posts already out make the release part of the record: change it by a correction.
            if try session.posts(releaseID: id).contains(where: { $0.state == .delivered || $0.state == .delivering }) {
                throw IdentityError.refused("Release #\(id) has already gone out on some channels; start a correction or an update (`onevoice release correct \(id)`).")
            }
            guard let current = try session.revision(releaseID: id, number: release.currentRevision) else {
                throw StoreError.notFound(what: "revision \(release.currentRevision) of release #\(id)")
            }
            let capFields = cap ?? current.cap
            guard current.text != text || current.renditions != renditions || current.cap != capFields else {
                throw StoreError.invalid("Nothing changed in release #\(id); no revision was saved.")
            }
            let now = clock.now()
            var revision = ReleaseRevision(releaseID: id, number: release.currentRevision + 1, text: text,
                                           renditions: renditions, authorID: person.id, createdAt: now, cap: capFields)
            try session.insertRevision(&revision)
            try session.markAttestationsSuperseded(subjectType: "release", subjectID: id, at: now)
            let previous = release.status
            release.currentRevision = revision.number
            release.status = .draft
            try session.updateRelease(release)
            try session.appendLog(actor: person, action: "release.revise", subjectType: "release", subjectID: id,
                                  incidentID: release.incidentID, change: revision, at: now)
            if previous != .draft {
                try session.appendLog(actor: person, action: "release.status", subjectType: "release", subjectID: id,
                                      incidentID: release.incidentID,
                                      change: StatusChange(status: ReleaseStatus.draft.rawValue, note: "edited after \(previous.label)"), at: now)
            }
            return revision
        }
    }

    public func release(id: Int64) throws -> Release {
        try database.read { session in
            guard let release = try session.release(id: id) else { throw StoreError.notFound(what: "release #\(id)") }
            return release
        }
    }

    public func releases(incidentID: Int64) throws -> [Release] {
        try database.read { try $0.releases(incidentID: incidentID) }
    }

    /// One revision (the current one when `number` is nil).
    public func revision(releaseID: Int64, number: Int? = nil) throws -> ReleaseRevision {
        try database.read { session in
            guard let release = try session.release(id: releaseID) else { throw StoreError.notFound(what: "release #\(releaseID)") }
            let wanted = number ?? release.currentRevision
            guard let revision = try session.revision(releaseID: releaseID, number: wanted) else {
                throw StoreError.notFound(what: "revision \(wanted) of release #\(releaseID) (it has \(release.currentRevision))")
            }
            return revision
        }
    }

    public func revisions(releaseID: Int64) throws -> [ReleaseRevision] {
        try database.read { try $0.revisions(releaseID: releaseID) }
    }

    public func releaseAttestations(releaseID: Int64) throws -> [Attestation] {
        try database.read { try $0.attestations(subjectType: "release", subjectID: releaseID) }
    }
}
