import Foundation

/// Re-verifies a records export on its own, without the database: every file against the manifest, files added
/// or removed, every attestation signature, every release revision's content hash, and the log segment
/// (each entry's hash recomputed from its fields; entries n and n+1 linked by prevHash; the head where present).
public struct ExportChecker: Sendable {
    public static let manifestName = "manifest.json"

    public struct Report: Codable, Sendable {
        public var filesChecked: Int
        public var logEntriesChecked: Int
        public var linksChecked: Int
        public var signaturesChecked: Int
        public var revisionsChecked: Int
        public var chainHead: ExportManifest.ChainHead?
        /// Empty when everything holds; otherwise one sentence per thing that does not match.
        public var problems: [String]
        /// SHA-256 of manifest.json: the one value to compare with what the exporter noted.
        public var manifestSHA256: String = ""
        /// Who signed the manifest, and the fingerprints of their key and of the founding admin's key.
        public var signer: String?
        public var signerKeyFingerprint: String?
        public var foundingKeyFingerprint: String?
        /// Items whose JSON was compared with the rows the signed log recorded for them.
        public var itemsMatchedToLog: Int = 0

        public var isIntact: Bool { problems.isEmpty }
    }

    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public func check() throws -> Report {
        let manifestURL = directory.appendingPathComponent(Self.manifestName)
        guard let manifestData = try? Data(contentsOf: manifestURL),
              let manifest = try? ExportJSON.decoder.decode(ExportManifest.self, from: manifestData),
              manifest.format == ExportManifest.formatName || manifest.format == ExportManifest.unsignedFormatName else {
            throw ExportError.notAnExport(path: directory.path)
        }
        var report = Report(filesChecked: 0, logEntriesChecked: 0, linksChecked: 0, signaturesChecked: 0, revisionsChecked: 0,
                            chainHead: manifest.chainHead, problems: [])
        report.manifestSHA256 = Hashing.sha256Hex(manifestData)
        checkManifestSignature(manifest, into: &report)
        let intact = checkFiles(manifest, into: &report)
        let people = readPeople(intact)
        checkAttestations(intact, people: people, into: &report)
        checkRevisions(intact, into: &report)
        checkLog(manifest, intact: intact, people: people, into: &report)
        checkAgainstSignedLog(people: people.mapValues(\.publicKey), into: &report)
        return report
    }

    // MARK: files

    /// Compares the folder with the manifest; returns the files whose content matches (readable as they were).
    private func checkFiles(_ manifest: ExportManifest, into report: inout Report) -> Set<String> {
        let listed = Dictionary(manifest.files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let present = Set(filesOnDisk())
        var intact = Set<String>()
        for file in manifest.files {
            guard present.contains(file.path) else {
                report.problems.append("\(file.path) is listed in the manifest but missing (a file was removed).")
                continue
            }
            report.filesChecked += 1
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(file.path)) else {
                report.problems.append("\(file.path) cannot be read.")
                continue
            }
            if Hashing.sha256Hex(data) != file.sha256 || data.count != file.bytes {
                report.problems.append("\(file.path) was changed: its SHA-256 no longer matches the manifest.")
            } else {
                intact.insert(file.path)
            }
        }
        for path in present.subtracting(listed.keys).sorted() where path != Self.manifestName {
            report.problems.append("\(path) is not in the manifest (a file was added).")
        }
        return intact
    }

    /// Every regular file under the export, as relative paths with `/`.
    func filesOnDisk() -> [String] {
        let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var paths: [String] = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths
    }

    func read<T: Decodable>(_ type: T.Type, _ path: String) -> T? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(path)) else { return nil }
        return try? ExportJSON.decoder.decode(type, from: data)
    }

    // MARK: signatures

    struct Signer: Decodable { let id: Int64; let handle: String; let publicKey: String }

    private func readPeople(_ intact: Set<String>) -> [Int64: Signer] {
        guard let people = read([Signer].self, "data/people.json") else { return [:] }
        return Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private func checkAttestations(_ intact: Set<String>, people: [Int64: Signer], into report: inout Report) {
        for path in filesOnDisk().sorted() where path.hasPrefix("data/attestations/") && path.hasSuffix(".json") {
            guard let attestation = read(Attestation.self, path) else {
                report.problems.append("\(path) is not a readable attestation.")
                continue
            }
            report.signaturesChecked += 1
            if !attestation.hasValidSignature {
                report.problems.append("Attestation \(attestation.id) (\(attestation.verdict) of \(attestation.subjectType) #\(attestation.subjectID) by \(attestation.actorHandle)) has a signature that does not match its content.")
            } else if let signer = people[attestation.actorID], signer.publicKey != attestation.publicKey {
                report.problems.append("Attestation \(attestation.id) was signed with a key that is not \(signer.handle)'s key in data/people.json.")
            }
        }
    }

    private func checkRevisions(_ intact: Set<String>, into report: inout Report) {
        struct ReleaseFile: Decodable { let release: Release; let revisions: [ReleaseRevision] }
        for path in filesOnDisk().sorted() where path.hasPrefix("data/releases/") && path.hasSuffix(".json") {
            guard let file = read(ReleaseFile.self, path) else {
                report.problems.append("\(path) is not a readable release.")
                continue
            }
            for revision in file.revisions {
                report.revisionsChecked += 1
                if ReleaseRevision.hash(text: revision.text, renditions: revision.renditions) != revision.contentHash {
                    report.problems.append("Revision \(revision.number) of release #\(revision.releaseID) in \(path) does not match its content hash.")
                }
            }
        }
    }

    // MARK: log

    private func checkLog(_ manifest: ExportManifest, intact: Set<String>, people: [Int64: Signer], into report: inout Report) {
        let url = directory.appendingPathComponent("log.jsonl")
        guard let data = try? Data(contentsOf: url) else { return }
        let decoder = JSONDecoder()
        var previous: LogEntry?
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            guard let entry = try? decoder.decode(LogEntry.self, from: Data(line)) else {
                report.problems.append("log.jsonl line \(lineNumber) is not a readable log entry.")
                previous = nil
                continue
            }
            report.logEntriesChecked += 1
            if entry.format >= 2, let actorID = entry.actorID, let listed = people[actorID], listed.publicKey != entry.actorKey {
                report.problems.append("Log entry \(entry.seq) was signed with a key that is not \(listed.handle)'s key in data/people.json.")
            }
            if let disclosure = manifest.disclosureEntry, entry.seq == disclosure.seq {
                if entry.hash != disclosure.hash || entry.action != "archive.export" {
                    report.problems.append("Log entry \(entry.seq) is not the export's own disclosure entry that manifest.json names.")
                } else if entry.actorKey != manifest.signerKey {
                    report.problems.append("manifest.json was signed with a key that is not the one that logged this export (entry \(entry.seq)).")
                }
            }
            if !entry.hasValidSignature {
                report.problems.append("Log entry \(entry.seq) (\(entry.action)) has a signature that does not match its content or \(entry.actorHandle)'s key: it was forged or altered.")
            }
            if entry.expectedHash != entry.hash {
                report.problems.append("Log entry \(entry.seq) (\(entry.action), \(entry.subject)) was altered: its content no longer matches its hash.")
            }
            if let previous {
                if entry.seq <= previous.seq {
                    report.problems.append("Log entry \(entry.seq) comes after entry \(previous.seq) in log.jsonl (entries were reordered).")
                } else if entry.seq == previous.seq + 1 {
                    report.linksChecked += 1
                    if entry.prevHash != previous.hash {
                        report.problems.append("Log entry \(entry.seq) does not follow entry \(previous.seq): its previous-hash does not match.")
                    }
                }
            }
            if entry.seq == manifest.chainHead.seq && entry.hash != manifest.chainHead.hash {
                report.problems.append("Log entry \(entry.seq) is the chain head in the manifest, but its hash differs from the head's.")
            }
            if entry.seq > manifest.chainHead.seq {
                report.problems.append("Log entry \(entry.seq) is after the chain head in the manifest (entry \(manifest.chainHead.seq)).")
            }
            previous = entry
        }
    }
}
