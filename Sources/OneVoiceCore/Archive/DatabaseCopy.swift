import Foundation

/// `onevoice db copy`: a record moved between a database file and a shared server, checked on both sides. The
/// source must pass `archive verify` before anything is written, and the copy must pass it after, with the same
/// chain head: nothing lost, nothing changed.
public enum DatabaseCopy {
    public struct Summary: Sendable, Encodable {
        public let from: String
        public let to: String
        public let entries: Int64
        public let headSeq: Int64
        public let headHash: String
    }

    public static func copy(from source: AppDatabase, to target: DatabaseLocation, copies: URL,
                            anchors: AnchorStore = .standard) throws -> Summary {
        let before = try ChainVerifier(database: source, anchors: anchors).verify()
        if let problem = before.problems.first {
            throw StoreError.invalid("The record at \(source.path) does not hold (\(problem.message)); run `onevoice archive verify` there. Nothing was copied.")
        }
        let copied = try source.copyLog(to: target, copies: copies)
        let sourceHead = try source.read { try $0.logHead() }
        let after = try ChainVerifier(database: copied, anchors: anchors).verify()
        let copiedHead = try copied.read { try $0.logHead() }
        if let problem = after.problems.first {
            throw StoreError.invalid("The copy at \(copied.path) does not hold (\(problem.message)); do not use it.")
        }
        guard let sourceHead, let copiedHead, sourceHead == copiedHead else {
            throw StoreError.invalid("The copy at \(copied.path) does not end where \(source.path) does; do not use it.")
        }
        return Summary(from: source.path, to: copied.path, entries: copiedHead.seq, headSeq: copiedHead.seq, headHash: copiedHead.hash)
    }
}
