import Foundation
import Synchronization

/// Walks the records log and every attestation and reports the first thing that does not hold.
public struct ChainVerifier: Sendable {
    public let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

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

        public var isIntact: Bool { problems.isEmpty }
    }

    public struct Problem: Sendable, Codable, Equatable, CustomStringConvertible {
        public var kind: String
        public var seq: Int64?
        public var id: Int64?
        public var message: String

        public var description: String { message }
    }

    /// Checks everything. The Ed25519 signatures are the slow part: they (and the revisions' hashes) are
    /// checked on the other cores while this thread walks the chain, each in its own read of the database.
    public func verify() throws -> Report {
        let others = Mutex<Result<Report, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let database = self.database
        DispatchQueue.global(qos: .userInitiated).async {
            let result = Result { () throws -> Report in
                var report = ChainVerifier.emptyReport
                try database.read { session in
                    try ChainVerifier.verifyAttestations(session, into: &report)
                    try ChainVerifier.verifyRevisions(session, into: &report)
                    try ChainVerifier.verifySignedContent(session, into: &report)
                }
                return report
            }
            others.withLock { $0 = result }
            done.signal()
        }
        let chain = Result { try verifyChainOnly() }
        done.wait()
        var report = try chain.get()
        let rest = try others.withLock { $0! }.get()
        report.attestations = rest.attestations
        report.revisions = rest.revisions
        report.problems += rest.problems
        return report
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

    /// The chain cut into `stretches` (or as many as suit the cores and the log's length).
    func verifyChain(stretches count: Int?) throws -> Report {
        var report = ChainVerifier.emptyReport
        let (bounds, head) = try database.read { session in (try session.logSeqBounds(), try session.logHead()) }
        let ranges = bounds.map { ChainStretch.cut($0, into: count ?? Self.stretchCount(entries: ChainStretch.span($0))) } ?? []
        let stretches = try parallelRead(ranges) { session, seqs in try ChainStretch.check(session, seqs: seqs) }
        let joined = ChainStretch.join(stretches)
        report.entries = joined.entries
        report.bytesHashed = joined.bytesHashed
        report.headSeq = joined.last?.seq ?? 0
        report.headHash = joined.last.map { String(decoding: $0.hash, as: UTF8.self) } ?? Hashing.zeroHash
        switch joined.finding {
        case .missing(let expected, let found):
            report.problems.append(Problem(kind: "missing", seq: found, id: nil, message:
                "Log entry \(expected) is missing: the chain jumps from entry \(expected - 1) to \(found) (an entry was removed)."))
        case .link(let seq):
            report.problems.append(Problem(kind: "link", seq: seq, id: nil, message:
                "Log entry \(seq) does not follow entry \(seq - 1): its previous-hash does not match (entries were removed or reordered)."))
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

    private static func verifyAttestations(_ session: StoreSession, into report: inout Report) throws {
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

    private static func verifyRevisions(_ session: StoreSession, into report: inout Report) throws {
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
    private static func verifySignedContent(_ session: StoreSession, into report: inout Report) throws {
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
    private static func parallelMap<T: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> Bool) -> [Bool] {
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
