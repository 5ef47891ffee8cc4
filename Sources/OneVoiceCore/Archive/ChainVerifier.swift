import Foundation

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

    public func verify() throws -> Report {
        try database.read { session in
            var report = Report(entries: 0, attestations: 0, revisions: 0, headSeq: 0, headHash: Hashing.zeroHash,
                                bytesHashed: 0, problems: [])
            try verifyChain(session, into: &report)
            try verifyAttestations(session, into: &report)
            try verifyRevisions(session, into: &report)
            return report
        }
    }

    private func verifyChain(_ session: StoreSession, into report: inout Report) throws {
        var expectedSeq: Int64 = 1
        var prevHash = Hashing.zeroHash
        var chainBroken = false
        try session.forEachLogEntry { entry in
            report.entries += 1
            let input = entry.hashInput
            report.bytesHashed += input.utf8.count
            if !chainBroken {
                if entry.seq != expectedSeq {
                    report.problems.append(Problem(kind: "missing", seq: entry.seq, id: nil, message:
                        "Log entry \(expectedSeq) is missing: the chain jumps from entry \(expectedSeq - 1) to \(entry.seq) (an entry was removed)."))
                    chainBroken = true
                } else if entry.prevHash != prevHash {
                    report.problems.append(Problem(kind: "link", seq: entry.seq, id: nil, message:
                        "Log entry \(entry.seq) does not follow entry \(entry.seq - 1): its previous-hash does not match (entries were removed or reordered)."))
                    chainBroken = true
                } else if Hashing.sha256Hex(input) != entry.hash {
                    report.problems.append(Problem(kind: "altered", seq: entry.seq, id: nil, message:
                        "Log entry \(entry.seq) (\(entry.action), \(entry.subject)) was altered: its content no longer matches its hash."))
                    chainBroken = true
                }
            }
            expectedSeq = entry.seq + 1
            prevHash = entry.hash
            report.headSeq = entry.seq
            report.headHash = entry.hash
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

    private func verifyAttestations(_ session: StoreSession, into report: inout Report) throws {
        let keys = Dictionary(try session.allPeople().map { ($0.id, $0.publicKey) }, uniquingKeysWith: { a, _ in a })
        try session.forEachAttestation { attestation in
            report.attestations += 1
            if !attestation.hasValidSignature {
                report.problems.append(Problem(kind: "signature", seq: nil, id: attestation.id, message:
                    "Attestation \(attestation.id) (\(attestation.verdict) of \(attestation.subjectType) #\(attestation.subjectID) by \(attestation.actorHandle)) has a signature that does not match its content."))
            } else if keys[attestation.actorID] != attestation.publicKey {
                report.problems.append(Problem(kind: "signer", seq: nil, id: attestation.id, message:
                    "Attestation \(attestation.id) was signed with a key that is not \(attestation.actorHandle)'s key in the roster."))
            }
        }
    }

    private func verifyRevisions(_ session: StoreSession, into report: inout Report) throws {
        try session.forEachRevision { revision in
            report.revisions += 1
            if ReleaseRevision.hash(text: revision.text, renditions: revision.renditions) != revision.contentHash {
                report.problems.append(Problem(kind: "revision", seq: nil, id: revision.id, message:
                    "Revision \(revision.number) of release #\(revision.releaseID) was altered: its text no longer matches its hash."))
            }
        }
    }
}
