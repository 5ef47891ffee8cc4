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
    public func verifyChainOnly() throws -> Report {
        try database.read { session in
            var report = ChainVerifier.emptyReport
            try verifyChain(session, into: &report)
            return report
        }
    }

    static var emptyReport: Report {
        Report(entries: 0, attestations: 0, revisions: 0, headSeq: 0, headHash: Hashing.zeroHash, bytesHashed: 0, problems: [])
    }

    private func verifyChain(_ session: StoreSession, into report: inout Report) throws {
        var expectedSeq: Int64 = 1
        var lastHash = Array(Hashing.zeroHash.utf8)
        var chainBroken = false
        var altered: Int64?
        try session.forEachRawLogEntry { entry in
            report.entries += 1
            report.bytesHashed += entry.hashInput.count
            if !chainBroken {
                if entry.seq != expectedSeq {
                    report.problems.append(Problem(kind: "missing", seq: entry.seq, id: nil, message:
                        "Log entry \(expectedSeq) is missing: the chain jumps from entry \(expectedSeq - 1) to \(entry.seq) (an entry was removed)."))
                    chainBroken = true
                } else if !entry.prevHash.elementsEqual(lastHash) {
                    report.problems.append(Problem(kind: "link", seq: entry.seq, id: nil, message:
                        "Log entry \(entry.seq) does not follow entry \(entry.seq - 1): its previous-hash does not match (entries were removed or reordered)."))
                    chainBroken = true
                } else if !Hashing.sha256(entry.hashInput, matchesHex: entry.hash) {
                    altered = entry.seq
                    chainBroken = true
                }
            }
            expectedSeq = entry.seq + 1
            lastHash.removeAll(keepingCapacity: true)
            lastHash.append(contentsOf: entry.hash)
            report.headSeq = entry.seq
        }
        report.headHash = String(decoding: lastHash, as: UTF8.self)
        if let altered {
            // Named from the stored row, read again only now that it is known to be wrong.
            let what = try session.logEntry(seq: altered).map { " (\($0.action), \($0.subject))" } ?? ""
            report.problems.append(Problem(kind: "altered", seq: altered, id: nil, message:
                "Log entry \(altered)\(what) was altered: its content no longer matches its hash."))
        }
        guard !chainBroken else { return }
        let head = try session.logHead()
        if let head, head.seq != report.headSeq || head.hash != report.headHash {
            report.problems.append(Problem(kind: "head", seq: head.seq, id: nil, message: head.seq > report.headSeq
                ? "Log entries after \(report.headSeq) are missing: the recorded head is entry \(head.seq) (entries were removed)."
                : "The log's recorded head (entry \(head.seq)) does not match its last entry (\(report.headSeq)); the log was altered."))
        } else if head == nil && report.entries > 0 {
            report.problems.append(Problem(kind: "head", seq: nil, id: nil, message: "The log's recorded head is missing; the log was altered."))
        }
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
