import Foundation
import Synchronization

/// Walks the records log and every attestation and reports the first thing that does not hold.
public struct ChainVerifier: Sendable {
    public let database: AppDatabase
    /// Chain heads noted outside the database, checked against the log (nil: none are looked at).
    public let anchors: AnchorStore?
    /// The folder whose outboxes and feeds are searched for the heads deliveries carried (nil: the database's).
    public let outputFolder: URL?

    public init(database: AppDatabase, anchors: AnchorStore? = nil, outputFolder: URL? = nil) {
        self.database = database
        self.anchors = anchors
        self.outputFolder = outputFolder
    }

    public struct Report: Sendable, Codable {
        public var entries: Int
        public var attestations: Int
        public var revisions: Int
        public var headSeq: Int64
        public var headHash: String
        /// Bytes of log content hashed, for throughput figures.
        public var bytesHashed: Int
        /// Empty when everything holds; otherwise the first problem comes first.
        public var problems: [Problem]
        /// Signed (format-2) entries whose signature was checked, and entries written before the signed log.
        public var signaturesChecked: Int = 0
        public var unsignedEntries: Int = 0
        /// The founding admin's public key, as the first entry (or the upgrade's seal) names it.
        public var foundingKey: String?
        /// Whether history from before the signed log was sealed by an upgrade.
        public var sealed = false
        /// Where each anchor found outside the database came from, and whether the log still holds it.
        public var anchors: [AnchorCheck] = []

        public var isIntact: Bool { problems.isEmpty }
    }

    public struct Problem: Sendable, Codable, Equatable, CustomStringConvertible {
        public var kind: String
        public var seq: Int64?
        public var id: Int64?
        public var message: String
        /// For a row that differs from the replayed log: its table and column.
        public var table: String?
        public var column: String?

        public init(kind: String, seq: Int64?, id: Int64?, message: String, table: String? = nil, column: String? = nil) {
            self.kind = kind
            self.seq = seq
            self.id = id
            self.message = message
            self.table = table
            self.column = column
        }

        public var description: String { message }
    }

    /// Checks everything: the chain and every entry's signature (in stretches, on every core), the search
    /// index against the stored tables (in a read of its own), and meanwhile on this thread the replay of the
    /// whole log into a fresh projection, who was allowed to do what at each point, and the comparison of that
    /// projection with every stored row of record.
    public func verify() throws -> Report {
        let chain = BackgroundWork { try self.verifyChain(stretches: nil, signatures: true) }
        let search = BackgroundWork { [database] in try database.read { try LogReplay.searchProblems($0) } }
        var sawSigned = false
        let replayed = Result { () throws -> Report in
            var report = ChainVerifier.emptyReport
            try database.read { session in
                let replay = LogReplay()
                try LogReplay.forEachPrepared(session) { replay.apply($0) }
                try replay.compare(session)
                report.problems = replay.problems
                sawSigned = replay.sawSigned
                report.foundingKey = replay.foundingKey
                report.sealed = replay.sealed
                if replay.entries > 0 && replay.foundingKey == nil && !replay.sealed {
                    // History that no signed entry has sealed yet is checked as it was before the upgrade.
                    try ChainVerifier.verifyAttestations(session, into: &report)
                    try ChainVerifier.verifyRevisions(session, into: &report)
                    try ChainVerifier.verifySignedContent(session, into: &report)
                } else {
                    // Every attestation's signature and every revision's hash were checked as the replay met them
                    // (ReplayRules), and every stored row against the replay; nothing is decoded from the tables.
                    report.attestations = replay.rows["attestation"]?.count ?? 0
                    report.revisions = replay.rows["releaseRevision"]?.count ?? 0
                }
            }
            return report
        }
        var report = try chain.wait()
        var rest = try replayed.get()
        // Waited for outside the replay's read: on a database with one connection, the search's read waits for it.
        // Like the comparison, only where the log is signed: history before it has no images.
        if sawSigned { rest.problems += try search.wait() }
        report.attestations = rest.attestations
        report.revisions = rest.revisions
        report.foundingKey = rest.foundingKey
        report.sealed = rest.sealed
        report.problems += rest.problems
        try checkAnchors(into: &report)
        try checkServerSearch(into: &report)
        return report
    }

    /// Every chain head found outside the database must still be in the log, with the same hash: a log cut
    /// back past one, or rewritten, fails here whatever its own head says. When everything holds, the head
    /// is noted as a checkpoint for next time.
    func checkAnchors(into report: inout Report) throws {
        guard let key = try database.read({ try $0.anchorKey() }) else { return }
        var found: [(ChainAnchor, String)] = []
        if let anchors {
            for record in anchors.records(logKey: key) {
                found.append((ChainAnchor(seq: record.seq, hash: record.hash), "\(record.source), noted in \(anchors.file(logKey: key).path)"))
            }
            // The file's own notes: a log whose first entry changed was recomputed from the start (new keys).
            let notes = anchors.file(databasePath: database.path).path
            var refounded = false
            for record in anchors.records(databasePath: database.path) {
                if let noted = record.logKey, noted != key {
                    if !refounded {
                        refounded = true
                        report.anchors.append(AnchorCheck(seq: record.seq, hash: record.hash, source: "\(record.source), noted in \(notes)", holds: false))
                        report.problems.append(Problem(kind: "anchor", seq: 1, id: nil, message:
                            "The log was rewritten from its first entry: \(record.source) (noted in \(notes)) saw this database's log begin with \(noted.prefix(16)), but it now begins with \(key.prefix(16)) (the chain was recomputed, with new keys or a new founding)."))
                    }
                } else {
                    found.append((ChainAnchor(seq: record.seq, hash: record.hash), "\(record.source), noted in \(notes)"))
                }
            }
        }
        let folder = outputFolder ?? database.folder
        for file in Self.deliveredFiles(in: folder) {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for anchor in ChainAnchor.scan(text) { found.append((anchor, file.path)) }
        }
        var seen = Set<ChainAnchor>()
        try database.read { session in
            for (anchor, source) in found where seen.insert(anchor).inserted {
                let stored = try session.logEntry(seq: anchor.seq)
                let holds = stored?.hash == anchor.hash
                report.anchors.append(AnchorCheck(seq: anchor.seq, hash: anchor.hash, source: source, holds: holds))
                guard !holds else { continue }
                report.problems.append(Problem(kind: "anchor", seq: anchor.seq, id: nil, message: stored == nil
                    ? "The log was cut back: \(source) holds entry \(anchor.seq) (\(anchor.hash.prefix(16))), but the log ends at entry \(report.headSeq)."
                    : "The log was rewritten: \(source) holds entry \(anchor.seq) as \(anchor.hash.prefix(16)), but the log's entry \(anchor.seq) is now \(stored!.hash.prefix(16))."))
            }
        }
        if report.isIntact, let anchors, report.entries > 0 {
            try? anchors.record(ChainAnchor(seq: report.headSeq, hash: report.headHash), source: "verified",
                                logKey: key, databasePath: database.path, at: Date())
        }
    }

    /// The files deliveries left beside the database: outboxes (JSON, CAP, e-mail) and feeds.
    static func deliveredFiles(in folder: URL) -> [URL] {
        let fm = FileManager.default
        guard let top = try? fm.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var files: [URL] = []
        for item in top {
            let name = item.lastPathComponent
            if name.hasPrefix("feed") && name.hasSuffix(".xml") { files.append(item) }
            guard name.hasPrefix("outbox"), let walker = fm.enumerator(at: item, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            while let file = walker.nextObject() as? URL {
                if (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(file) }
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// SQLite's own check of the file: damage the chain cannot see (in the search index, an index, a free
    /// page) is found here. Throws `StoreError.corrupt` naming the first problem.
    public func checkStorage() throws {
        if let first = try database.quickCheckProblems().first {
            throw StoreError.corrupt(path: database.path, detail: first.split(separator: "\n").first.map(String.init) ?? first)
        }
    }

    /// The records-log chain alone (every entry's hash, the links, the head): what `bytesHashed` measures.
    /// The log is cut into stretches checked on every core at once, each in its own read; entries
    /// appended meanwhile lie past the bounds read first and are left for the next verification.
    public func verifyChainOnly() throws -> Report {
        try verifyChain(stretches: nil)
    }

    /// The chain cut into `stretches` (or as many as suit the cores and the log's length); with `signatures`,
    /// every signed entry's Ed25519 signature too.
    func verifyChain(stretches count: Int?, signatures: Bool = false) throws -> Report {
        var report = ChainVerifier.emptyReport
        let (bounds, head) = try database.read { session in (try session.logSeqBounds(), try session.logHead()) }
        let ranges = bounds.map { ChainStretch.cut($0, into: count ?? Self.stretchCount(entries: ChainStretch.span($0))) } ?? []
        let stretches = try parallelRead(ranges) { session, seqs in try ChainStretch.check(session, seqs: seqs, signatures: signatures) }
        let joined = ChainStretch.join(stretches)
        report.entries = joined.entries
        report.bytesHashed = joined.bytesHashed
        report.signaturesChecked = joined.signatures
        report.unsignedEntries = joined.unsigned
        report.headSeq = joined.last?.seq ?? 0
        report.headHash = joined.last.map { String(decoding: $0.hash, as: UTF8.self) } ?? Hashing.zeroHash
        switch joined.finding {
        case .missing(let expected, let found):
            report.problems.append(Problem(kind: "missing", seq: found, id: nil, message:
                "Log entry \(expected) is missing: the chain jumps from entry \(expected - 1) to \(found) (an entry was removed)."))
        case .link(let seq):
            report.problems.append(Problem(kind: "link", seq: seq, id: nil, message:
                "Log entry \(seq) does not follow entry \(seq - 1): its previous-hash does not match (entries were removed or reordered)."))
        case .signature(let seq):
            let what = try database.read { try $0.logEntry(seq: seq) }.map { " (\($0.action), signed as \($0.actorHandle))" } ?? ""
            report.problems.append(Problem(kind: "signature", seq: seq, id: nil, message:
                "Log entry \(seq)\(what) has a signature that does not match its content or its key: it was forged or altered."))
        case .altered(let seq):
            // Named from the stored row, read again only now that it is known to be wrong.
            let what = try database.read { try $0.logEntry(seq: seq) }.map { " (\($0.action), \($0.subject))" } ?? ""
            report.problems.append(Problem(kind: "altered", seq: seq, id: nil, message:
                "Log entry \(seq)\(what) was altered: its content no longer matches its hash."))
        case nil:
            if let head, head.seq != report.headSeq || head.hash != report.headHash {
                report.problems.append(Problem(kind: "head", seq: head.seq, id: nil, message: head.seq > report.headSeq
                    ? "Log entries after \(report.headSeq) are missing: the recorded head is entry \(head.seq) (entries were removed)."
                    : "The log's recorded head (entry \(head.seq)) does not match its last entry (\(report.headSeq)); the log was altered."))
            } else if head == nil && report.entries > 0 {
                report.problems.append(Problem(kind: "head", seq: nil, id: nil, message: "The log's recorded head is missing; the log was altered."))
            }
        }
        return report
    }

    static var emptyReport: Report {
        Report(entries: 0, attestations: 0, revisions: 0, headSeq: 0, headHash: Hashing.zeroHash, bytesHashed: 0, problems: [])
    }

    /// Stretches enough to keep every core busy to the end, and none so small its read costs more than it.
    private static func stretchCount(entries: Int) -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return max(1, min(cores * 4, entries / 5_000))
    }

    /// `body` over each item in a read of its own, on every core, results in the items' order.
    private func parallelRead<T: Sendable, R: Sendable>(_ items: [T], _ body: @escaping @Sendable (StoreSession, T) throws -> R) throws -> [R] {
        let results = Mutex<[Int: Result<R, any Error>]>([:])
        let database = self.database
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let result = Result { try database.read { try body($0, items[index]) } }
            results.withLock { $0[index] = result }
        }
        return try results.withLock { all in try items.indices.map { try all[$0]!.get() } }
    }

    static func verifyAttestations(_ session: StoreSession, into report: inout Report) throws {
        let keys = Dictionary(try session.allPeople().map { ($0.id, $0.publicKey) }, uniquingKeysWith: { a, _ in a })
        var batch: [Attestation] = []
        func check() {
            for (attestation, valid) in zip(batch, parallelMap(batch) { $0.hasValidSignature }) {
                if !valid {
                    report.problems.append(Problem(kind: "signature", seq: nil, id: attestation.id, message:
                        "Attestation \(attestation.id) (\(attestation.verdict) of \(attestation.subjectType) #\(attestation.subjectID) by \(attestation.actorHandle)) has a signature that does not match its content."))
                } else if keys[attestation.actorID] != attestation.publicKey {
                    report.problems.append(Problem(kind: "signer", seq: nil, id: attestation.id, message:
                        "Attestation \(attestation.id) was signed with a key that is not \(attestation.actorHandle)'s key in the roster."))
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
        try session.forEachAttestation { attestation in
            report.attestations += 1
            batch.append(attestation)
            if batch.count == batchSize { check() }
        }
        check()
    }

    static func verifyRevisions(_ session: StoreSession, into report: inout Report) throws {
        var batch: [ReleaseRevision] = []
        func check() {
            for (revision, valid) in zip(batch, parallelMap(batch) { ReleaseRevision.hash(text: $0.text, renditions: $0.renditions) == $0.contentHash }) where !valid {
                report.problems.append(Problem(kind: "revision", seq: nil, id: revision.id, message:
                    "Revision \(revision.number) of release #\(revision.releaseID) was altered: its text no longer matches its hash."))
            }
            batch.removeAll(keepingCapacity: true)
        }
        try session.forEachRevision { revision in
            report.revisions += 1
            batch.append(revision)
            if batch.count == batchSize { check() }
        }
        check()
    }

    /// The rows people act on against what was recorded and signed: someone who edits a fact's
    /// statement, or a revision and its hash together, with sqlite3 leaves the log and the
    /// signatures intact; these comparisons are what show it.
    static func verifySignedContent(_ session: StoreSession, into report: inout Report) throws {
        for (id, missingEntry) in try session.factsDifferingFromTheirLog() {
            report.problems.append(missingEntry
                ? Problem(kind: "fact", seq: nil, id: id, message: "Fact #\(id) is in no log entry: it was added outside OneVoice.")
                : Problem(kind: "fact", seq: nil, id: id, message:
                    "Fact #\(id) was altered: its statement or source no longer matches the log entry that recorded it."))
        }
        var factHashes: [Int64: String] = [:]
        try session.forEachFact { factHashes[$0.id] = $0.contentHash }
        for attestation in try session.factContentAttestations() where factHashes[attestation.subjectID] != attestation.contentHash {
            report.problems.append(Problem(kind: "content", seq: nil, id: attestation.id, message: factHashes[attestation.subjectID] == nil
                ? "Attestation \(attestation.id) (\(attestation.verdict) by \(attestation.actorHandle)) is about fact #\(attestation.subjectID), which is gone."
                : "Fact #\(attestation.subjectID) no longer says what \(attestation.actorHandle) signed as \(attestation.verdict) (attestation \(attestation.id)): it was altered."))
        }
        for attestation in try session.releaseAttestationsWithoutTheirRevision() {
            report.problems.append(Problem(kind: "content", seq: nil, id: attestation.id, message:
                "Attestation \(attestation.id) (\(attestation.verdict) of release #\(attestation.subjectID) by \(attestation.actorHandle)) signs content that no revision of the release holds: a revision was altered."))
        }
    }

    /// Rows read per batch of checks shared out over the cores.
    private static let batchSize = 512

    /// `transform` of every item, computed on every core, in the items' order.
    static func parallelMap<T: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> Bool) -> [Bool] {
        guard !items.isEmpty else { return [] }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count))
        var results = [Bool](repeating: false, count: items.count)
        results.withUnsafeMutableBufferPointer { out in
            items.withUnsafeBufferPointer { input in
                // Each worker writes its own indexes of `out`, and the call returns only when all are done.
                let shared = SharedBuffers(input: input, output: out)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var i = worker
                    while i < shared.input.count {
                        shared.output[i] = transform(shared.input[i])
                        i += workers
                    }
                }
            }
        }
        return results
    }
}

/// The buffers `parallelMap`'s workers share: disjoint writes, read-only input.
private struct SharedBuffers<T>: @unchecked Sendable {
    let input: UnsafeBufferPointer<T>
    let output: UnsafeMutableBufferPointer<Bool>
}
