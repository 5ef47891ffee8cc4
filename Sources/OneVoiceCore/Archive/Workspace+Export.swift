import Foundation

/// What the log records of an export: the disclosure of a records request.
struct ExportDisclosure: Encodable {
    let scope: String
    let destination: String
}

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
            // An export is a disclosure: on the record, signed by whoever made it, before anything is written.
            let disclosure = try write { session -> LogEntry in
                let person = try caller(in: session)
                return try session.appendLog(actor: person, action: "archive.export", subjectType: "export", subjectID: 0,
                                             incidentID: scope.incidentID,
                                             change: ExportDisclosure(scope: scope.summary, destination: destination.path), at: clock.now())
            }
            let summary = try database.read { session in
                let plan = try ExportPlan(session, scope: scope, identity: identity, databasePath: database.path)
                return try write(plan, session: session, writer: writer, disclosure: disclosure)
            }
            let url = try writer.finish()
            var result = summary
            result.path = url.path
            recordAnchor(ChainAnchor(seq: disclosure.seq, hash: disclosure.hash), source: "export to \(url.path)")
            return result
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// Writes the plan's files, and only those, in its order; the log streams from the same snapshot.
    private func write(_ plan: ExportPlan, session: StoreSession, writer: ExportWriter, disclosure: LogEntry) throws -> ExportSummary {
        let scope = plan.scope
        let context = ExportRendering.Context(agency: plan.agency, time: LocalTime(timeZone: plan.agency.timeZone),
                                              handles: Dictionary(plan.people.map { ($0.id, $0.handle) }, uniquingKeysWith: { a, _ in a }),
                                              incidents: Dictionary(plan.incidents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        // A UTF-8 byte-order mark first: without it Excel reads the file as the local code page and breaks accents.
        var index = ExportRendering.csvByteOrderMark + ExportRendering.csvRow(["type", "id", "incident", "time", "actor", "summary", "file"])
        func row(_ type: String, _ id: String, _ incident: Int64?, _ time: Date, _ actor: String, _ summary: String, _ file: String) {
            index += ExportRendering.csvRow([type, id, incident.map(String.init) ?? "", Timestamps.iso8601(time), actor,
                                             ExportRendering.summary(summary), file])
        }
        struct ReleaseFile: Encodable { let release: Release; let revisions: [ReleaseRevision] }
        struct Signer: Encodable { let id: Int64; let handle: String; let displayName: String; let publicKey: String; let roles: [Role] }
        var manifestData = Data()
        for file in plan.contents {
            let path = file.path
            switch file.content {
            case .log:
                try writer.stream(to: path) { emit in
                    try session.forEachExportLogEntry(scope) { entry in try emit(CanonicalJSON.string(entry) + "\n") }
                }
            case .incident(let incident):
                try writer.write(ExportJSON.encode(incident), to: path)
                row("incident", "\(incident.id)", incident.id, incident.openedAt, context.handle(incident.openedBy),
                    "\(incident.isExercise ? "EXERCISE: " : "")\(incident.title) (\(incident.kind.rawValue), \(incident.status.rawValue))", path)
            case .fact(let fact):
                try writer.write(ExportJSON.encode(fact), to: path)
                row("fact", "\(fact.id)", fact.incidentID, fact.recordedAt, context.handle(fact.recordedBy), "[\(fact.status.rawValue)] \(fact.text)", path)
            case .release(let release, let revisions):
                try writer.write(ExportJSON.encode(ReleaseFile(release: release, revisions: revisions)), to: path)
                row("release", "\(release.id)", release.incidentID, release.createdAt, context.handle(release.createdBy),
                    "[\(release.status.label)] \(release.title)", path)
            case .revisionText(let release, let revision):
                let document = ExportRendering.releaseDocument(release, revision, revisionCount: release.currentRevision, context)
                try writer.write(ExportRendering.text(document), to: path)
                row("revision", "\(revision.id)", release.incidentID, revision.createdAt, context.handle(revision.authorID),
                    "release #\(release.id) revision \(revision.number): \(release.title)", path)
            case .revisionHTML(let release, let revision):
                let document = ExportRendering.releaseDocument(release, revision, revisionCount: release.currentRevision, context)
                try writer.write(ExportRendering.html(document), to: path)
            case .post(let post):
                try writer.write(ExportJSON.encode(post), to: path)
                row("post", "\(post.id)", post.incidentID, post.createdAt, "", "[\(post.channel.rawValue), \(post.state.rawValue)] \(post.text)", path)
            case .postText(let post):
                try writer.write(ExportRendering.text(ExportRendering.postDocument(post, context)), to: path)
            case .postHTML(let post):
                try writer.write(ExportRendering.html(ExportRendering.postDocument(post, context)), to: path)
            case .rumor(let rumor):
                try writer.write(ExportJSON.encode(rumor), to: path)
                row("rumor", "\(rumor.id)", rumor.incidentID, rumor.recordedAt, context.handle(rumor.recordedBy), rumor.text, path)
            case .namedPerson(let person):
                try writer.write(ExportJSON.encode(person), to: path)
                row("named-person", "\(person.id)", person.incidentID, person.recordedAt, context.handle(person.recordedBy),
                    "\(person.category.rawValue): \(person.name)", path)
            case .attestation(let attestation):
                try writer.write(ExportJSON.encode(attestation), to: path)
                row("attestation", "\(attestation.id)", nil, attestation.createdAt, attestation.actorHandle,
                    "\(attestation.verdict) of \(attestation.subjectType) #\(attestation.subjectID) as \(attestation.role.rawValue)", path)
            case .disposal(let disposal):
                try writer.write(ExportJSON.encode(disposal), to: path)
                row("disposal", "\(disposal.id)", disposal.incidentID, disposal.disposedAt, context.handle(disposal.disposedBy),
                    "\(disposal.subjectType) #\(disposal.subjectID) disposed of: \(disposal.reason)", path)
            case .people:
                try writer.write(ExportJSON.encode(plan.people.map { Signer(id: $0.id, handle: $0.handle, displayName: $0.displayName,
                                                                            publicKey: $0.publicKey, roles: $0.roles) }), to: path)
            case .index:
                if let first = plan.log.firstSeq, let last = plan.log.lastSeq, let time = plan.log.lastTime {
                    row("log", "\(first)-\(last)", scope.incidentID, Timestamps.date(milliseconds: time), "",
                        "\(plan.log.count) records-log entries with their chain hashes", "log.jsonl")
                }
                try writer.write(index, to: path)
            case .readme:
                try writer.write(Self.exportReadme(agency: plan.agency, scope: scope), to: path)
            case .manifest:
                // Last: it lists every file written before it.
                var manifest = ExportManifest(
                    format: ExportManifest.formatName, generator: "OneVoice \(OneVoiceVersion.string)", agency: plan.agency.name,
                    timeZone: plan.agency.timeZoneIdentifier, mode: plan.agency.mode.badge, exportedAt: clock.now(),
                    exportedBy: plan.exporter?.handle,
                    scope: .init(incidentID: scope.incidentID, from: scope.from, to: scope.to, description: scope.summary,
                                 agencyWideLogEntries: scope.incidentID == nil ? "included" : "excluded: they belong to no incident"),
                    chainHead: plan.chainHead, counts: plan.counts, files: writer.files.sorted { $0.path < $1.path })
                let founder = try session.foundingKey()
                manifest.foundingKey = founder
                manifest.foundingKeyFingerprint = founder.map { KeyFingerprint.of(publicKeyBase64: $0) }
                manifest.disclosureEntry = .init(seq: disclosure.seq, hash: disclosure.hash)
                if let identity {
                    manifest.signerHandle = disclosure.actorHandle
                    manifest.signerKey = identity.publicKeyBase64
                    manifest.signature = try identity.sign(manifest.signedPayload).base64EncodedString()
                }
                manifestData = ExportJSON.encode(manifest)
                try writer.write(manifestData, to: path)
            }
        }
        return ExportSummary(path: "", files: writer.files.count, logEntries: plan.log.count, counts: plan.counts,
                             chainHead: plan.chainHead, manifestSHA256: Hashing.sha256Hex(manifestData))
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
