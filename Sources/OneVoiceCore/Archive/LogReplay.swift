import Foundation

/// `archive verify`'s replay: the signed log, from its first entry, folded into a fresh projection of every
/// table of record, each action checked against the rules as they stood at that point (`ReplayRules`),
/// and the projection then compared with every stored row, column by column.
///
/// Format-1 entries (history before the signed log) carry no rows; the seal that follows them carries the
/// image of every row as it stood, and the projection starts there.
final class LogReplay {
    /// The projection: table → rowid → the row's canonical JSON (as the log imaged it).
    private(set) var rows: [String: [Int64: String]] = [:]
    /// Which entry last wrote each row, to name it in a finding.
    private(set) var writtenBy: [String: [Int64: (seq: Int64, action: String)]] = [:]
    /// The founding admin's public key, as the first entry (or the seal) names it.
    private(set) var foundingKey: String?
    private(set) var problems: [ChainVerifier.Problem] = []
    private(set) var entries = 0
    private(set) var sealed = false
    /// Whether any signed entry was met: history before the signed log is checked as it was before.
    private(set) var sawSigned = false
    private var decoded: [String: [Int64: (json: String, value: Any)]] = [:]
    /// The current entry's images as the preparation decoded them.
    private var incoming: [RowKey: (json: String, value: any Sendable)] = [:]
    private struct RowKey: Hashable {
        let table: String
        let id: Int64
    }
    /// The current entry's attestations, with whether their signatures hold (checked by the preparation).
    private var signatures: [Attestation: Bool] = [:]

    /// Whether an attestation's signature holds, from the preparation when it checked this very attestation.
    func hasValidSignature(_ attestation: Attestation) -> Bool {
        signatures[attestation] ?? attestation.hasValidSignature
    }

    /// Problems reported at most, so one systematic fault (a whole table rewritten) stays readable.
    static let problemLimit = 200

    func report(_ problem: ChainVerifier.Problem) {
        if problems.count < Self.problemLimit { problems.append(problem) }
    }

    // MARK: - State, decoded on demand

    func image(_ table: String, _ id: Int64) -> String? { rows[table]?[id] }

    /// The row as a value of `T`, decoded from its current image (cached until the row is written again).
    func value<T: Sendable>(_ table: String, _ id: Int64?, as decode: (String) -> T?) -> T? {
        guard let id, let json = rows[table]?[id] else { return nil }
        return self.decode(table, id, json: json, decode)
    }

    /// An image of a row decoded as `T`, kept with the text it came from: an entry's new image, decoded to
    /// check the entry, is the row's current image for the entries after it, and is not decoded again.
    func decode<T: Sendable>(_ table: String, _ id: Int64, json: String, _ decode: (String) -> T?) -> T? {
        if let cached = decoded[table]?[id], cached.json == json, let value = cached.value as? T { return value }
        if let ready = incoming[RowKey(table: table, id: id)], ready.json == json, let value = ready.value as? T { return value }
        guard let value = decode(json) else { return nil }
        decoded[table, default: [:]][id] = (json, value)
        return value
    }

    /// An image's columns as canonical JSON values, cached like `decode`.
    func columns(_ table: String, _ id: Int64, json: String) -> [String: String]? {
        decode(table + "#columns", id, json: json) { RowImageDecoder.columns($0) }
    }

    func person(_ id: Int64?) -> Person? { value("person", id) { RowImageDecoder.decode(Person.self, $0) } }
    /// Whether the person's row says they were removed (cached apart from the decoded person).
    func personRemoved(_ id: Int64) -> Bool {
        guard let json = rows["person"]?[id] else { return true }
        if let cached = removedCache[id], cached.json == json { return cached.removed }
        let removed = RowImageDecoder.columns(json).map { ($0["removedAt"] ?? "null") != "null" } ?? true
        removedCache[id] = (json, removed)
        return removed
    }
    private var removedCache: [Int64: (json: String, removed: Bool)] = [:]
    /// A fact's folded statement words, kept until its text changes: approvals search every fact that could
    /// block, and splitting each statement again at every approval of a large incident dominated the replay.
    func factWords(_ fact: Fact) -> [String] {
        if let cached = factWordsCache[fact.id], cached.text == fact.text { return cached.words }
        let words = ReleaseChecker.statementWords(fact)
        factWordsCache[fact.id] = (fact.text, words)
        return words
    }
    private var factWordsCache: [Int64: (text: String, words: [String])] = [:]
    /// `Attestation.signs`, with each published document hashed once: every claim of every post checks the
    /// approval in force, and encoding and hashing the same document again for each was a large part of the replay.
    func signs(_ attestation: Attestation, _ release: Release, _ revision: ReleaseRevision, _ incident: Incident) -> Bool {
        let document = PublishedDocument(release: release, revision: revision, incident: incident)
        let hash = documentHashes[document] ?? document.hash
        documentHashes[document] = hash
        return attestation.signs(documentHash: hash, revision: revision)
    }
    private var documentHashes: [PublishedDocument: String] = [:]

    func incident(_ id: Int64?) -> Incident? { value("incident", id) { RowImageDecoder.decode(Incident.self, $0) } }
    func fact(_ id: Int64?) -> Fact? { value("fact", id) { RowImageDecoder.decode(Fact.self, $0) } }
    func release(_ id: Int64?) -> Release? { value("pressRelease", id) { RowImageDecoder.decode(Release.self, $0) } }
    func revision(_ id: Int64?) -> ReleaseRevision? { value("releaseRevision", id) { RowImageDecoder.decode(ReleaseRevision.self, $0) } }
    func attestation(_ id: Int64?) -> Attestation? { value("attestation", id) { RowImageDecoder.decode(Attestation.self, $0) } }
    func post(_ id: Int64?) -> Post? { value("post", id) { RowImageDecoder.decode(Post.self, $0) } }
    func partnerAgency(_ id: Int64?) -> PartnerAgency? { value("partnerAgency", id) { RowImageDecoder.decode(PartnerAgency.self, $0) } }
    func agency() -> Agency? { value("agency", 1) { RowImageDecoder.decode(Agency.self, $0) } }

    /// Revisions and attestations by release, kept as rows arrive (both tables only grow).
    private(set) var revisionsByRelease: [Int64: [Int64]] = [:]
    private(set) var attestationsBySubject: [String: [Int64]] = [:]
    private(set) var postsByRelease: [Int64: [Int64]] = [:]
    private(set) var factsByIncident: [Int64: [Int64]] = [:]
    private(set) var namedByIncident: [Int64: [Int64]] = [:]

    func revisions(ofRelease id: Int64) -> [ReleaseRevision] { (revisionsByRelease[id] ?? []).compactMap { revision($0) } }
    func attestations(subjectType: String, subjectID: Int64) -> [Attestation] {
        (attestationsBySubject["\(subjectType)#\(subjectID)"] ?? []).compactMap { attestation($0) }
    }
    func posts(ofRelease id: Int64) -> [Post] { (postsByRelease[id] ?? []).compactMap { post($0) } }
    func facts(ofIncident id: Int64) -> [Fact] { (factsByIncident[id] ?? []).compactMap { fact($0) } }
    func namedPeople(ofIncident id: Int64) -> [NamedPerson] {
        (namedByIncident[id] ?? []).compactMap { value("namedPerson", $0) { RowImageDecoder.decode(NamedPerson.self, $0) } }
    }
    var roster: [Person] { (rows["person"] ?? [:]).keys.compactMap { id in personRemoved(id) ? nil : person(id) } }

    // MARK: - Replay

    /// Folds one prepared entry (in chain order) into the projection, after checking that it was allowed.
    func apply(_ prepared: PreparedEntry) {
        let entry = prepared.entry
        entries += 1
        guard entry.format >= 2 else {
            if sawSigned {
                report(.init(kind: "format", seq: entry.seq, id: nil, message:
                    "Log entry \(entry.seq) (\(entry.action)) is unsigned but comes after signed entries: it was inserted by hand."))
            }
            return
        }
        guard let images = prepared.images else {
            report(.init(kind: "images", seq: entry.seq, id: nil, message:
                "Log entry \(entry.seq) (\(entry.action)) holds rows that cannot be read."))
            return
        }
        let first = !sawSigned
        sawSigned = true
        incoming = [:]
        for (image, value) in zip(images, prepared.values) {
            if let json = image.json, let value { incoming[RowKey(table: image.table, id: image.id)] = (json, value) }
        }
        signatures = prepared.signatures
        if entry.action == "log.seal" {
            guard first, entries > 1 else {
                report(.init(kind: "authorization", seq: entry.seq, id: nil, message:
                    "Log entry \(entry.seq) seals history, but only the first signed entry after unsigned history may."))
                return
            }
            sealed = true
            store(images, entry: entry)
            foundingKey = (try? JSONSerialization.jsonObject(with: Data(entry.change.utf8)) as? [String: Any])?["foundingKey"] as? String
            checkSigner(entry)
            return
        }
        if first {
            if entry.action == "agency.init" && entries == 1 {
                foundingKey = entry.actorKey
            } else {
                report(.init(kind: "authorization", seq: entry.seq, id: nil, message:
                    "Log entry \(entry.seq) (\(entry.action)) is the first signed entry, but the log must begin with the agency's founding (agency.init) or a seal."))
            }
        }
        let bootstrap = (entry.action == "agency.init" && entries == 1)
            || (entry.action == "roster.add" && roster.isEmpty && entry.actorKey == foundingKey)
        if !bootstrap { checkSigner(entry) }
        for problem in ReplayRules.check(entry, images: images, state: self) {
            report(.init(kind: "authorization", seq: entry.seq, id: entry.subjectID, message: "Log entry \(entry.seq) (\(entry.action) by \(entry.actorHandle)): \(problem)"))
        }
        store(images, entry: entry)
    }

    /// The signer must be an enrolled person, at that point, holding the key that signed.
    private func checkSigner(_ entry: LogEntry) {
        guard let actorID = entry.actorID, let person = person(actorID) else {
            report(.init(kind: "signer", seq: entry.seq, id: nil, message:
                "Log entry \(entry.seq) (\(entry.action)) was signed by \(entry.actorHandle), who is not in the roster at that point."))
            return
        }
        if person.publicKey != entry.actorKey || person.handle != entry.actorHandle {
            report(.init(kind: "signer", seq: entry.seq, id: nil, message:
                "Log entry \(entry.seq) (\(entry.action)) was signed with a key that is not \(person.handle)'s key in the roster at that point."))
        } else if personRemoved(actorID) {
            report(.init(kind: "signer", seq: entry.seq, id: nil, message:
                "Log entry \(entry.seq) (\(entry.action)) was signed by \(person.handle), who had been removed from the roster."))
        }
    }

    private func store(_ images: [RowImages.Image], entry: LogEntry) {
        for image in images {
            if let json = image.json {
                let isNew = rows[image.table]?[image.id] == nil
                rows[image.table, default: [:]][image.id] = json
                // The new image, decoded by the preparation, is now the row's current value.
                if let ready = incoming[RowKey(table: image.table, id: image.id)], ready.json == json {
                    decoded[image.table, default: [:]][image.id] = (json, ready.value)
                }
                if isNew { index(image.table, image.id) }
            } else {
                rows[image.table]?[image.id] = nil
            }
            writtenBy[image.table, default: [:]][image.id] = (entry.seq, entry.action)
        }
    }

    private func index(_ table: String, _ id: Int64) {
        switch table {
        case "releaseRevision": if let r = revision(id) { revisionsByRelease[r.releaseID, default: []].append(id) }
        case "attestation": if let a = attestation(id) { attestationsBySubject["\(a.subjectType)#\(a.subjectID)", default: []].append(id) }
        case "post": if let p = post(id) { postsByRelease[p.releaseID, default: []].append(id) }
        case "fact": if let f = fact(id) { factsByIncident[f.incidentID, default: []].append(id) }
        case "namedPerson":
            if let n = value("namedPerson", id, as: { RowImageDecoder.decode(NamedPerson.self, $0) }) {
                namedByIncident[n.incidentID, default: []].append(id)
            }
        default: break
        }
    }

    // MARK: - Comparing with what is stored

    /// Compares the projection with the stored rows of every table of record.
    func compare(_ session: StoreSession) throws {
        guard sawSigned else { return }
        for table in RecordTables.all {
            let defaults = try session.columnDefaults(table: table)
            var expected = rows[table] ?? [:]
            var reported = 0
            try session.forEachStoredRow(table: table) { id, stored in
                let replayed = expected.removeValue(forKey: id)
                guard replayed != stored, reported < 20 else { return }
                reported += 1
                guard let replayed else {
                    report(.init(kind: "projection", seq: nil, id: id, message:
                        "\(table) #\(id) is in no log entry: it was added outside OneVoice.", table: table))
                    return
                }
                let by = writtenBy[table]?[id]
                let entryName = by.map { "entry \($0.seq) (\($0.action))" } ?? "the log"
                let want = RowImageDecoder.columns(replayed) ?? [:]
                let have = RowImageDecoder.columns(stored) ?? [:]
                let names = Set(want.keys).union(have.keys).sorted()
                var differing = false
                for column in names {
                    let expectedValue = want[column] ?? defaults[column] ?? "null"
                    let storedValue = have[column] ?? "absent"
                    if expectedValue != storedValue {
                        differing = true
                        report(.init(kind: "projection", seq: by?.seq, id: id, message:
                            "\(table) #\(id), column \(column), holds \(Self.short(storedValue)) but \(entryName) recorded \(Self.short(expectedValue)).",
                            table: table, column: column))
                    }
                }
                if !differing { reported -= 1 }
            }
            for (id, _) in expected.sorted(by: { $0.key < $1.key }).prefix(20) {
                let by = writtenBy[table]?[id]
                report(.init(kind: "projection", seq: by?.seq, id: id, message:
                    "\(table) #\(id) was removed: \(by.map { "entry \($0.seq) (\($0.action))" } ?? "the log") recorded it.", table: table))
            }
        }
    }

    /// The search index against what the tables of record call for. It reads only the stored tables (whose
    /// every row `compare` holds to the replay), so it runs beside the replay, in a read of its own.
    static func searchProblems(_ session: StoreSession) throws -> [ChainVerifier.Problem] {
        try session.searchIndexDifferences().map { difference in
            ChainVerifier.Problem(kind: "search", seq: nil, id: Int64(difference.itemID), message:
                "The search index entry for \(difference.type) #\(difference.itemID) \(difference.problem) (rebuild it from the records).",
                table: "searchIndex")
        }
    }

    private static func short(_ json: String) -> String {
        json.count > 60 ? String(json.prefix(57)) + "…" : json
    }
}
