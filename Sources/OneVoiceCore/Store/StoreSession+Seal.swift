import Foundation
import GRDB

// Upgrading in place: a database made before the signed log has format-1 entries only, and rows that no
// entry's images describe. The first signed write after the upgrade first checks that old history as the
// old verifier did, then seals it with one signed `log.seal` entry holding the image of every row of
// record as it stands: the start of the projection that `archive verify` replays from.

/// What the seal entry records, besides the rows.
struct LogSealChange: Codable {
    /// The last format-1 entry: the history the seal vouches for.
    var sealedSeq: Int64
    var sealedHash: String
    /// The public key of the person who made the first entry (the founding admin).
    var foundingKey: String
    var note: String
}

extension StoreSession {
    /// Seals format-1 history before the first signed entry, when there is such history and a signer.
    func sealHistoryIfNeeded() throws {
        guard let signer else { return }
        // Signed entries are only ever appended after unsigned ones, so the last entry tells: one primary-key
        // lookup per write, not a scan of the log.
        let needsSeal = try Int.fetchOne(db, sql: "SELECT format FROM logEntry ORDER BY seq DESC LIMIT 1") == 1
        guard needsSeal, let sealer = try person(publicKey: signer.publicKeyBase64) else { return }
        // The old history must hold before anyone vouches for it: the chain, its head, every attestation's
        // signature, every revision's hash and the facts against what was recorded.
        var report = ChainVerifier.emptyReport
        if let bounds = try logSeqBounds() {
            let stretch = try ChainStretch.check(self, seqs: bounds)
            let joined = ChainStretch.join([stretch])
            let recordedHead = try logHead()?.hash
            if joined.finding != nil || joined.last.map({ String(decoding: $0.hash, as: UTF8.self) }) != recordedHead {
                throw StoreError.invalid("The records log written before this version of OneVoice does not hold (run `onevoice archive verify`); it cannot be sealed, so nothing was changed.")
            }
        }
        try ChainVerifier.verifyAttestations(self, into: &report)
        try ChainVerifier.verifyRevisions(self, into: &report)
        try ChainVerifier.verifySignedContent(self, into: &report)
        if let first = report.problems.first {
            throw StoreError.invalid("The record written before this version of OneVoice does not hold (\(first.message)); it cannot be sealed, so nothing was changed. Run `onevoice archive verify`.")
        }
        guard let head = try logHead() else { return }
        let founder = try Row.fetchOne(db, sql: """
            SELECT person.publicKey FROM logEntry JOIN person ON person.id = logEntry.actorID ORDER BY logEntry.seq LIMIT 1
            """).map { $0[0] as String } ?? sealer.publicKey
        // Every row of record as it stands: the seal's images are the projection's starting point.
        try clearPendingImages()
        for table in RecordTables.all {
            try db.execute(sql: "INSERT OR IGNORE INTO temp.pendingRow SELECT '\(table)', rowid FROM main.\(table)")
        }
        let change = LogSealChange(sealedSeq: head.seq, sealedHash: head.hash, foundingKey: founder,
                                   note: "History before the signed log, checked and sealed on upgrade.")
        try appendLog(actor: sealer, action: "log.seal", subjectType: "log", subjectID: head.seq, incidentID: nil,
                      changeJSON: CanonicalJSON.string(change), time: Timestamps.milliseconds(Date()))
    }
}

extension StoreSession {
    /// The founding admin's public key: named by the first signed entry (the founding, or the upgrade's seal).
    public func foundingKey() throws -> String? {
        guard let row = try Row.fetchOne(db, sql: "SELECT action, actorKey, change FROM logEntry WHERE format >= 2 ORDER BY seq LIMIT 1") else {
            return nil
        }
        let action: String = row["action"]
        if action == "log.seal" {
            let change: String = row["change"]
            return (try? JSONDecoder().decode(LogSealChange.self, from: Data(change.utf8)))?.foundingKey
        }
        return row["actorKey"]
    }
}

extension StoreSession {
    /// The name under which this log's chain heads are kept outside the database: its first entry's hash
    /// (copies of a database share it, and so share their anchors).
    func anchorKey() throws -> String? {
        try String.fetchOne(db, sql: "SELECT hash FROM logEntry WHERE seq = 1")
    }
}
