import Foundation

extension ChainVerifier {
    /// The check since a checkpoint this user noted outside the database (a verification that held): the whole
    /// chain re-hashed, the checkpoint still in it, and for every entry after it the signature and the rows it
    /// wrote against what is stored. Rows no later entry wrote were compared by the full verification that
    /// made the checkpoint; who-may-do-what is replayed only by a full verification.
    public func verifyIncremental(since checkpoint: ChainAnchor) throws -> Report {
        var report = try verifyChain(stretches: nil)
        try database.read { session in
            guard try session.logEntry(seq: checkpoint.seq)?.hash == checkpoint.hash else {
                report.problems.append(Problem(kind: "anchor", seq: checkpoint.seq, id: nil, message:
                    "The checkpoint at entry \(checkpoint.seq) is no longer in the log: it was cut back or rewritten since it was verified."))
                return
            }
            var latest: [String: [Int64: (json: String?, seq: Int64, action: String)]] = [:]
            try session.forEachLogEntry(after: checkpoint.seq) { entry in
                report.signaturesChecked += 1
                if !entry.hasValidSignature {
                    report.problems.append(Problem(kind: "signature", seq: entry.seq, id: nil, message:
                        "Log entry \(entry.seq) (\(entry.action), signed as \(entry.actorHandle)) has a signature that does not match its content or its key: it was forged or altered."))
                }
                for image in RowImages.parse(entry.images) ?? [] where RecordTables.all.contains(image.table) {
                    latest[image.table, default: [:]][image.id] = (image.json, entry.seq, entry.action)
                }
            }
            for (table, rows) in latest.sorted(by: { $0.key < $1.key }) {
                for (id, recorded) in rows.sorted(by: { $0.key < $1.key }) where try session.storedRowJSON(table: table, id: id) != recorded.json {
                    report.problems.append(Problem(kind: "projection", seq: recorded.seq, id: id, message:
                        "\(table) #\(id) is not what entry \(recorded.seq) (\(recorded.action)) recorded.", table: table))
                }
            }
        }
        return report
    }

    /// The newest verification noted for this log whose head the log still holds.
    public func latestCheckpoint() throws -> ChainAnchor? {
        guard let anchors, let key = try database.read({ try $0.anchorKey() }) else { return nil }
        return anchors.records(logKey: key).last { $0.source == "verified" }.map { ChainAnchor(seq: $0.seq, hash: $0.hash) }
    }
}
