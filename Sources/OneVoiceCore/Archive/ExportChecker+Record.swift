import Foundation

// What makes an export proof rather than a folder of files: the manifest is signed by the exporter, and every
// item is checked against the rows the signed log recorded for it, so editing a file and rewriting the
// manifest to match is not enough: the signed entries, which only their actors could write, still disagree.
// The approvals the export holds are replayed too: a release that went out needs its incident's spokesperson's
// valid approval of one of its revisions.

extension ExportChecker {
    func checkManifestSignature(_ manifest: ExportManifest, into report: inout Report) {
        report.foundingKeyFingerprint = manifest.foundingKeyFingerprint
        guard manifest.format == ExportManifest.formatName else {
            report.problems.append("manifest.json is not signed (an export made before signed exports): its files cannot be proven unaltered.")
            return
        }
        report.signer = manifest.signerHandle
        report.signerKeyFingerprint = manifest.signerKey.map { KeyFingerprint.of(publicKeyBase64: $0) }
        if !manifest.hasValidSignature {
            report.problems.append("manifest.json's signature does not match its content: the manifest was rewritten after the export.")
        }
        if manifest.disclosureEntry == nil {
            report.problems.append("manifest.json names no disclosure entry: the export was not logged.")
        }
        if let founder = manifest.foundingKey, KeyFingerprint.of(publicKeyBase64: founder) != manifest.foundingKeyFingerprint {
            report.problems.append("manifest.json names a founding key whose fingerprint is not the one it gives.")
        }
    }

    /// The log segment's rows, replayed: the last image of each row, with the entry that wrote it.
    private func replayedRows() -> [String: [Int64: (json: String, seq: Int64)]] {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("log.jsonl")) else { return [:] }
        var rows: [String: [Int64: (json: String, seq: Int64)]] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let entry = try? JSONDecoder().decode(LogEntry.self, from: Data(line)), entry.format >= 2, entry.hasValidSignature,
                  let images = RowImages.parse(entry.images) else { continue }
            for image in images {
                if let json = image.json { rows[image.table, default: [:]][image.id] = (json, entry.seq) } else { rows[image.table]?[image.id] = nil }
            }
        }
        return rows
    }

    /// Every image of incident #`id` the signed entries of the log segment wrote, oldest first.
    private func incidentHistory(_ id: Int64) -> [Incident] {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent("log.jsonl")) else { return [] }
        var versions: [Incident] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let entry = try? JSONDecoder().decode(LogEntry.self, from: Data(line)), entry.format >= 2, entry.incidentID == id,
                  entry.hasValidSignature, let images = RowImages.parse(entry.images) else { continue }
            for image in images where image.table == "incident" && image.id == id {
                if let incident = image.json.flatMap({ RowImageDecoder.decode(Incident.self, $0) }) { versions.append(incident) }
            }
        }
        return versions
    }

    func checkAgainstSignedLog(people: [Int64: String], into report: inout Report) {
        let rows = replayedRows()
        func compare<T: Decodable & Encodable>(_ type: T.Type, table: String, folder: String, prefix: String,
                                               decode: (String) -> T?, id: (T) -> Int64) {
            for path in filesOnDisk().sorted() where path.hasPrefix("data/\(folder)/\(prefix)") && path.hasSuffix(".json") {
                guard let item = read(T.self, path) else { continue }
                guard let (json, seq) = rows[table]?[id(item)], let recorded = decode(json) else { continue }
                report.itemsMatchedToLog += 1
                if CanonicalJSON.string(recorded) != CanonicalJSON.string(item) {
                    report.problems.append("\(path) differs from what log entry \(seq) recorded and signed for it: the file was altered.")
                }
            }
        }
        compare(Incident.self, table: "incident", folder: "incidents", prefix: "incident-", decode: { RowImageDecoder.decode(Incident.self, $0) }, id: \.id)
        compare(Fact.self, table: "fact", folder: "facts", prefix: "fact-", decode: { RowImageDecoder.decode(Fact.self, $0) }, id: \.id)
        compare(Post.self, table: "post", folder: "posts", prefix: "post-", decode: { RowImageDecoder.decode(Post.self, $0) }, id: \.id)
        compare(Rumor.self, table: "rumor", folder: "rumors", prefix: "rumor-", decode: { RowImageDecoder.decode(Rumor.self, $0) }, id: \.id)
        compare(NamedPerson.self, table: "namedPerson", folder: "named-people", prefix: "named-person-",
                decode: { RowImageDecoder.decode(NamedPerson.self, $0) }, id: \.id)
        compare(Attestation.self, table: "attestation", folder: "attestations", prefix: "attestation-",
                decode: { RowImageDecoder.decode(Attestation.self, $0) }, id: \.id)
        struct ReleaseFile: Codable { let release: Release; let revisions: [ReleaseRevision] }
        for path in filesOnDisk().sorted() where path.hasPrefix("data/releases/") && path.hasSuffix(".json") {
            guard let file = read(ReleaseFile.self, path) else { continue }
            if let (json, seq) = rows["pressRelease"]?[file.release.id], let recorded = RowImageDecoder.decode(Release.self, json) {
                report.itemsMatchedToLog += 1
                if CanonicalJSON.string(recorded) != CanonicalJSON.string(file.release) {
                    report.problems.append("\(path) differs from what log entry \(seq) recorded and signed for release #\(file.release.id): the file was altered.")
                }
            }
            for revision in file.revisions {
                guard let (json, seq) = rows["releaseRevision"]?[revision.id], let recorded = RowImageDecoder.decode(ReleaseRevision.self, json) else { continue }
                report.itemsMatchedToLog += 1
                if CanonicalJSON.string(recorded) != CanonicalJSON.string(revision) {
                    report.problems.append("\(path) holds revision \(revision.number) unlike what log entry \(seq) recorded and signed: the file was altered.")
                }
            }
            checkApprovals(of: file.release, revisions: file.revisions, path: path, people: people, into: &report)
        }
    }

    /// A release that was approved, scheduled or released must carry a valid approval of one of its revisions by
    /// its incident's spokesperson.
    private func checkApprovals(of release: Release, revisions: [ReleaseRevision], path: String, people: [Int64: String],
                                into report: inout Report) {
        guard [.approved, .scheduled, .released].contains(release.status) else { return }
        let incident = read(Incident.self, "data/incidents/incident-\(release.incidentID).json")
        // An approval signs the incident as it stood then (an agency may have joined a joint incident since):
        // every version of the incident the signed log segment holds counts, besides the one exported.
        let versions = (incident.map { [$0] } ?? []) + incidentHistory(release.incidentID)
        var hashes = Set(revisions.map(\.contentHash))
        for version in versions {
            hashes.formUnion(revisions.map { PublishedDocument(release: release, revision: $0, incident: version).hash })
        }
        let approvals = filesOnDisk().filter { $0.hasPrefix("data/attestations/") }.compactMap { read(Attestation.self, $0) }
            .filter { $0.subjectType == "release" && $0.subjectID == release.id && $0.verdict == "approved" && hashes.contains($0.contentHash) }
        let valid = approvals.filter { approval in
            approval.hasValidSignature && approval.actorID == incident?.spokespersonID
                && (people[approval.actorID].map { $0 == approval.publicKey } ?? false)
        }
        if approvals.isEmpty {
            report.problems.append("Release #\(release.id) is \(release.status.label), but the export holds no approval of it: \(path) cannot be shown to have been signed off.")
        } else if valid.isEmpty {
            report.problems.append("Release #\(release.id) is \(release.status.label), but no approval of it is by its incident's spokesperson with their key: it was not validly signed off.")
        }
    }
}
