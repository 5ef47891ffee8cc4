import Foundation

extension Workspace {
    /// Verifies, disputes or retracts a fact: a signed statement by a verifier who did not record it.
    @discardableResult
    public func setFactStatus(factID: Int64, to status: FactStatus, note: String = "") throws -> Fact {
        try TextInput.check(note, as: .note)
        guard status != .unverified else {
            throw StoreError.invalid("A fact cannot be put back to unverified; dispute or retract it instead.")
        }
        return try write { session in
            let person = try actor(in: session, allowed: [.verifier], to: "\(status.verb) a fact")
            guard var fact = try session.fact(id: factID) else { throw StoreError.notFound(what: "fact #\(factID)") }
            guard fact.recordedBy != person.id else {
                throw IdentityError.refused("You recorded fact #\(factID), so someone else must \(status.verb) it (two-person rule).")
            }
            guard fact.status != status else {
                throw StoreError.invalid("Fact #\(factID) is already \(status.rawValue); nothing was changed.")
            }
            guard fact.status != .retracted else {
                throw StoreError.invalid("Fact #\(factID) was retracted; record a new fact instead.")
            }
            _ = try attest(session, by: person, role: .verifier, subjectType: "fact", subjectID: fact.id,
                           incidentID: fact.incidentID, contentHash: fact.contentHash, verdict: status.rawValue, note: note)
            let now = clock.now()
            fact.status = status
            fact.statusBy = person.id
            fact.statusAt = now
            if status != .verified { fact.clearedForRelease = false }
            try session.updateFact(fact)
            try session.appendLog(actor: person, action: "fact.\(status.rawValue)", subjectType: "fact", subjectID: fact.id,
                                  incidentID: fact.incidentID, change: StatusChange(status: status.rawValue, note: note), at: now)
            if status == .retracted { try draftCorrections(session, for: fact, by: person, at: now) }
            return fact
        }
    }

    /// Once released, information cannot be taken back: a retracted fact that went out (or is about to)
    /// gets a CORRECTION drafted for each release that carried it, in the same transaction.
    private func draftCorrections(_ session: StoreSession, for fact: Fact, by person: Person, at now: Date) throws {
        let statement = fact.text.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
        guard statement.count >= 8, let incident = try session.incident(id: fact.incidentID) else { return }
        for release in try session.releases(incidentID: fact.incidentID) where release.status == .released || release.status == .scheduled {
            guard let revision = try session.revision(releaseID: release.id, number: release.currentRevision),
                  revision.text.range(of: statement, options: .caseInsensitive) != nil else { continue }
            let text = RetractionCorrection.text(statement: statement, original: revision.text)
            let channels = revision.renditions.keys.compactMap(Channel.init(rawValue:)).sorted()
            var correction = Release(incidentID: incident.id, kind: .correction, parentID: release.id, templateID: release.templateID,
                                     isHolding: false, title: "CORRECTION: \(release.title)", createdBy: person.id, createdAt: now)
            try session.insertRelease(&correction)
            try session.appendLog(actor: person, action: "release.draft", subjectType: "release", subjectID: correction.id,
                                  incidentID: incident.id, change: correction, at: now)
            var first = ReleaseRevision(releaseID: correction.id, number: 1, text: text,
                                        renditions: Renditions.make(.init(text: text, channels: channels, link: settings.releaseLink(id: correction.id),
                                                                          isExercise: incident.isExercise, kind: .correction, limits: settings.limits)),
                                        authorID: person.id, createdAt: now)
            try session.insertRevision(&first)
            try session.appendLog(actor: person, action: "release.revise", subjectType: "release", subjectID: correction.id,
                                  incidentID: incident.id, change: first, at: now)
        }
    }

    /// Legal's clearance of a verified fact for release.
    @discardableResult
    public func clearFact(factID: Int64, note: String = "") throws -> Fact {
        try TextInput.check(note, as: .note)
        return try write { session in
            let person = try actor(in: session, allowed: [.legal], to: "clear a fact for release")
            guard var fact = try session.fact(id: factID) else { throw StoreError.notFound(what: "fact #\(factID)") }
            guard fact.status == .verified else {
                throw StoreError.invalid("Fact #\(factID) is \(fact.status.rawValue); only a verified fact can be cleared for release.")
            }
            guard !fact.clearedForRelease else {
                throw StoreError.invalid("Fact #\(factID) is already cleared for release; nothing was changed.")
            }
            _ = try attest(session, by: person, role: .legal, subjectType: "fact", subjectID: fact.id,
                           incidentID: fact.incidentID, contentHash: fact.contentHash, verdict: "cleared", note: note)
            fact.clearedForRelease = true
            try session.updateFact(fact)
            try session.appendLog(actor: person, action: "fact.clear", subjectType: "fact", subjectID: fact.id,
                                  incidentID: fact.incidentID, change: StatusChange(status: "cleared", note: note), at: clock.now())
            return fact
        }
    }

    /// Who last verified (or disputed, retracted, cleared) each fact: the attestations about it.
    public func factAttestations(factID: Int64) throws -> [Attestation] {
        try database.read { try $0.attestations(subjectType: "fact", subjectID: factID) }
    }
}

/// The first draft of a correction after a released fact is retracted: what was said, that it was wrong,
/// and the release as it should have read.
public enum RetractionCorrection {
    public static func text(statement: String, original: String) -> String {
        let corrected = original.replacingOccurrences(of: statement + ".", with: "", options: .caseInsensitive)
            .replacingOccurrences(of: statement, with: "", options: .caseInsensitive)
            .replacingOccurrences(of: "  ", with: " ")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return "An earlier release said: \"\(statement).\" That information was not accurate and has been withdrawn.\n\n\(corrected)"
    }
}

struct StatusChange: Encodable {
    let status: String
    let note: String
}

extension FactStatus {
    /// "verify", "dispute", "retract": for sentences.
    public var verb: String {
        switch self {
        case .unverified: "unverify"
        case .verified: "verify"
        case .disputed: "dispute"
        case .retracted: "retract"
        }
    }
}
