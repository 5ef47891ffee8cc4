import Foundation

/// What `exportRecords` wrote.
public struct ExportSummary: Codable, Sendable, Hashable {
    public var path: String
    public var files: Int
    public var logEntries: Int
    public var counts: [String: Int]
    public var chainHead: ExportManifest.ChainHead
    /// SHA-256 of manifest.json: note it down, and the whole export can be checked against it.
    public var manifestSHA256: String
}

extension Workspace {
    /// Writes the answer to a public-records request into `destination` (a new folder, or a .zip with `zip`):
    /// the native data as JSON, readable text and HTML copies of every release revision and post, `index.csv`,
    /// the records-log entries in scope with their chain hashes (`log.jsonl`), every attestation with its
    /// signature and public key, the signers' keys (`data/people.json`) and `manifest.json`.
    ///
    /// Everything is read from one snapshot and written into a hidden folder that is renamed into place at the
    /// end, so a failure leaves nothing behind. Records disposed of under the retention schedule appear only as
    /// their tombstones. For one incident, nothing of another incident and no agency-wide log entry is included.
    @discardableResult
    public func exportRecords(scope: ExportScope, to destination: URL, zip: Bool = false) throws -> ExportSummary {
        if let from = scope.from, let to = scope.to, from > to { throw SearchError.badRange }
        let writer = try ExportWriter(destination: destination, zip: zip)
        do {
            let summary = try database.read { session in try writeExport(session, scope: scope, writer: writer) }
            let url = try writer.finish()
            var result = summary
            result.path = url.path
            return result
        } catch {
            writer.abandon()
            throw error
        }
    }

    private func writeExport(_ session: StoreSession, scope: ExportScope, writer: ExportWriter) throws -> ExportSummary {
        guard let agency = try session.agency() else { throw StoreError.notInitialised(path: database.path) }
        if let incidentID = scope.incidentID, try session.incident(id: incidentID) == nil {
            throw StoreError.notFound(what: "incident #\(incidentID)")
        }
        let exporter = try identity.flatMap { try session.person(publicKey: $0.publicKeyBase64) }
        let head = try session.logHead()
        let chainHead = ExportManifest.ChainHead(seq: head?.seq ?? 0, hash: head?.hash ?? Hashing.zeroHash)

        let facts = try session.exportFacts(scope)
        let rumors = try session.exportRumors(scope)
        let named = try session.exportNamedPeople(scope)
        let posts = try session.exportPosts(scope)
        let releases = try session.exportReleases(scope)
        let attestations = try session.exportAttestations(scope)
        let disposals = try session.exportDisposals(scope)

        // The log goes straight to disk; what it touches is noted for the incidents and people it names.
        var incidentIDs = Set<Int64>()
        var personIDs = Set<Int64>()
        var logCount = 0
        var firstSeq: Int64?
        var lastSeq: Int64?
        var lastLogTime: Int64?
        try writer.stream(to: "log.jsonl") { emit in
            try session.forEachExportLogEntry(scope) { entry in
                try emit(CanonicalJSON.string(entry) + "\n")
                logCount += 1
                if firstSeq == nil { firstSeq = entry.seq }
                lastSeq = entry.seq
                lastLogTime = entry.time
                if let id = entry.incidentID { incidentIDs.insert(id) }
                if let id = entry.actorID { personIDs.insert(id) }
            }
        }

        incidentIDs.formUnion(facts.map(\.incidentID))
        incidentIDs.formUnion(rumors.map(\.incidentID))
        incidentIDs.formUnion(named.map(\.incidentID))
        incidentIDs.formUnion(posts.map(\.incidentID))
        incidentIDs.formUnion(releases.map(\.release.incidentID))
        incidentIDs.formUnion(disposals.compactMap(\.incidentID))
        let incidents = try session.exportIncidents(scope, owning: incidentIDs)

        for incident in incidents { personIDs.insert(incident.openedBy); if let s = incident.spokespersonID { personIDs.insert(s) } }
        for fact in facts { personIDs.insert(fact.recordedBy); if let s = fact.statusBy { personIDs.insert(s) } }
        personIDs.formUnion(rumors.map(\.recordedBy))
        personIDs.formUnion(named.map(\.recordedBy))
        for (release, revisions) in releases { personIDs.insert(release.createdBy); personIDs.formUnion(revisions.map(\.authorID)) }
        personIDs.formUnion(attestations.map(\.actorID))
        personIDs.formUnion(disposals.map(\.disposedBy))
        let people = try session.people(ids: personIDs)

        let context = ExportRendering.Context(agency: agency, time: LocalTime(timeZone: agency.timeZone),
                                              handles: Dictionary(people.map { ($0.id, $0.handle) }, uniquingKeysWith: { a, _ in a }),
                                              incidents: Dictionary(incidents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        var index = ExportRendering.csvRow(["type", "id", "incident", "time", "actor", "summary", "file"])
        func row(_ type: String, _ id: String, _ incident: Int64?, _ time: Date, _ actor: String, _ summary: String, _ file: String) {
            index += ExportRendering.csvRow([type, id, incident.map(String.init) ?? "", Timestamps.iso8601(time), actor,
                                             ExportRendering.summary(summary), file])
        }

        for incident in incidents {
            let file = "data/incidents/incident-\(incident.id).json"
            try writer.write(ExportJSON.encode(incident), to: file)
            row("incident", "\(incident.id)", incident.id, incident.openedAt, context.handle(incident.openedBy),
                "\(incident.isExercise ? "EXERCISE: " : "")\(incident.title) (\(incident.kind.rawValue), \(incident.status.rawValue))", file)
        }
        for fact in facts {
            let file = "data/facts/fact-\(fact.id).json"
            try writer.write(ExportJSON.encode(fact), to: file)
            row("fact", "\(fact.id)", fact.incidentID, fact.recordedAt, context.handle(fact.recordedBy), "[\(fact.status.rawValue)] \(fact.text)", file)
        }
        struct ReleaseFile: Encodable { let release: Release; let revisions: [ReleaseRevision] }
        for (release, revisions) in releases {
            let file = "data/releases/release-\(release.id).json"
            try writer.write(ExportJSON.encode(ReleaseFile(release: release, revisions: revisions)), to: file)
            row("release", "\(release.id)", release.incidentID, release.createdAt, context.handle(release.createdBy),
                "[\(release.status.label)] \(release.title)", file)
            for revision in revisions {
                let base = "readable/releases/release-\(release.id)-revision-\(revision.number)"
                let document = ExportRendering.releaseDocument(release, revision, revisionCount: release.currentRevision, context)
                try writer.write(ExportRendering.text(document), to: base + ".txt")
                try writer.write(ExportRendering.html(document), to: base + ".html")
                row("revision", "\(revision.id)", release.incidentID, revision.createdAt, context.handle(revision.authorID),
                    "release #\(release.id) revision \(revision.number): \(release.title)", base + ".txt")
            }
        }
        for post in posts {
            let file = "data/posts/post-\(post.id).json"
            try writer.write(ExportJSON.encode(post), to: file)
            let base = "readable/posts/post-\(post.id)"
            let document = ExportRendering.postDocument(post, context)
            try writer.write(ExportRendering.text(document), to: base + ".txt")
            try writer.write(ExportRendering.html(document), to: base + ".html")
            row("post", "\(post.id)", post.incidentID, post.createdAt, "", "[\(post.channel.rawValue), \(post.state.rawValue)] \(post.text)", file)
        }
        for rumor in rumors {
            let file = "data/rumors/rumor-\(rumor.id).json"
            try writer.write(ExportJSON.encode(rumor), to: file)
            row("rumor", "\(rumor.id)", rumor.incidentID, rumor.recordedAt, context.handle(rumor.recordedBy), rumor.text, file)
        }
        for person in named {
            let file = "data/named-people/named-person-\(person.id).json"
            try writer.write(ExportJSON.encode(person), to: file)
            row("named-person", "\(person.id)", person.incidentID, person.recordedAt, context.handle(person.recordedBy),
                "\(person.category.rawValue): \(person.name)", file)
        }
        for attestation in attestations {
            let file = "data/attestations/attestation-\(attestation.id).json"
            try writer.write(ExportJSON.encode(attestation), to: file)
            row("attestation", "\(attestation.id)", nil, attestation.createdAt, attestation.actorHandle,
                "\(attestation.verdict) of \(attestation.subjectType) #\(attestation.subjectID) as \(attestation.role.rawValue)", file)
        }
        for disposal in disposals {
            let file = "data/disposals/disposal-\(disposal.id).json"
            try writer.write(ExportJSON.encode(disposal), to: file)
            row("disposal", "\(disposal.id)", disposal.incidentID, disposal.disposedAt, context.handle(disposal.disposedBy),
                "\(disposal.subjectType) #\(disposal.subjectID) disposed of: \(disposal.reason)", file)
        }
        struct Signer: Encodable { let id: Int64; let handle: String; let displayName: String; let publicKey: String; let roles: [Role] }
        try writer.write(ExportJSON.encode(people.map { Signer(id: $0.id, handle: $0.handle, displayName: $0.displayName, publicKey: $0.publicKey, roles: $0.roles) }),
                         to: "data/people.json")
        if let firstSeq, let lastSeq, let lastLogTime {
            row("log", "\(firstSeq)-\(lastSeq)", scope.incidentID, Timestamps.date(milliseconds: lastLogTime), "",
                "\(logCount) records-log entries with their chain hashes", "log.jsonl")
        }
        try writer.write(index, to: "index.csv")
        try writer.write(Self.exportReadme(agency: agency, scope: scope), to: "README.txt")

        let counts = ["incidents": incidents.count, "facts": facts.count, "releases": releases.count,
                      "revisions": releases.reduce(0) { $0 + $1.revisions.count }, "posts": posts.count, "rumors": rumors.count,
                      "namedPeople": named.count, "attestations": attestations.count, "disposals": disposals.count,
                      "people": people.count, "logEntries": logCount]
        let manifest = ExportManifest(
            format: ExportManifest.formatName, generator: "OneVoice \(OneVoiceVersion.string)", agency: agency.name,
            timeZone: agency.timeZoneIdentifier, mode: agency.mode.badge, exportedAt: clock.now(), exportedBy: exporter?.handle,
            scope: .init(incidentID: scope.incidentID, from: scope.from, to: scope.to, description: scope.summary,
                         agencyWideLogEntries: scope.incidentID == nil ? "included" : "excluded: they belong to no incident"),
            chainHead: chainHead, counts: counts, files: writer.files.sorted { $0.path < $1.path })
        let manifestData = ExportJSON.encode(manifest)
        try writer.write(manifestData, to: ExportChecker.manifestName)
        return ExportSummary(path: "", files: writer.files.count, logEntries: logCount, counts: counts, chainHead: chainHead,
                             manifestSHA256: Hashing.sha256Hex(manifestData))
    }

    static func exportReadme(agency: Agency, scope: ExportScope) -> String {
        """
        Public records of \(agency.name), exported by OneVoice \(OneVoiceVersion.string)
        Scope: \(scope.summary)

        manifest.json       the SHA-256 of every other file, and the head of the records log at export time
        index.csv           one row per item: type, id, incident, time (UTC), actor, summary, file
        log.jsonl           the records-log entries in scope, one JSON object a line, with seq, prevHash and hash
        data/               every item as JSON, as stored (times in UTC, ISO 8601)
        data/people.json    the people who appear, with the public keys that verify their signatures
        readable/           every release revision and post as plain text and as HTML

        Each log entry's hash is SHA-256 over its fields joined by U+001F:
        seq, time, actorHandle, action, subjectType, subjectID, incidentID (empty if none), change, prevHash.
        An entry with number n+1 carries the hash of entry n as its prevHash.
        Attestations are Ed25519 signatures over canonical JSON (sorted keys, no spaces) of
        actor, contentHash, createdAt, note, publicKey, role, subjectID, subjectType and verdict.
        Records-log entries that belong to no incident (roster, agency settings) are left out of an
        export for one incident. Records disposed of under the retention schedule appear as tombstones.

        Check this export without the database: onevoice archive check-export THIS-FOLDER

        """
    }
}
