import Foundation
import GRDB

// A machine's working copy of a shared server's log (Store/Server/SharedLog.swift): the entries are appended
// as the server holds them, and the rows each one carries are written as its images say. The copy is then
// the same projection of the log that `archive verify` replays, so every read, check and export works on it
// unchanged.

extension StoreSession {
    /// Appends entries fetched from the server after this copy's head and writes their rows. Entries the copy
    /// already holds are passed over; one that does not chain onto the copy's head is refused.
    func applyServerEntries(_ entries: [LogEntry], server: String) throws {
        guard !entries.isEmpty else { return }
        // Within one entry the rows come sorted by table name, not in the order their references need.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        var head = try logHead() ?? (0, Hashing.zeroHash)
        var signed = try lastEntryFormat().map { $0 >= 2 } ?? false
        var columnsByTable: [String: Set<String>] = [:]
        // The signatures, one after another: the slowest part of taking entries in, done on a server while holding
        // the head. Checking them on every core (ChainVerifier.parallelMap) from eight writer threads at once
        // corrupted the heap in the release bench (commit 7cbb575), cause not found, so it is not done here.
        let signatures = entries.map(\.hasValidSignature)
        for (index, entry) in entries.enumerated() where entry.seq > head.seq {
            guard entry.seq == head.seq + 1, entry.prevHash == head.hash else {
                throw StoreError.server(location: server, detail: "sent log entry #\(entry.seq), which does not follow this machine's copy at #\(head.seq)")
            }
            // Nothing is taken in that its signer did not sign: the server could hand out anything.
            try checkServerEntry(entry, signatureHolds: signatures[index], afterSigned: signed, server: server)
            signed = entry.format >= 2
            guard let images = RowImages.parse(entry.images) else {
                throw StoreError.server(location: server, detail: "holds log entry #\(entry.seq) with rows that cannot be read")
            }
            for image in images {
                guard RecordTables.all.contains(image.table) else {
                    throw StoreError.server(location: server, detail: "holds log entry #\(entry.seq) naming a table OneVoice does not keep (\(image.table))")
                }
                if columnsByTable[image.table] == nil {
                    columnsByTable[image.table] = Set(try db.columns(in: image.table).map(\.name))
                }
                try applyImage(image, seq: entry.seq, known: columnsByTable[image.table] ?? [], server: server)
                // A disposal's rows are its tombstone; what it took out of the search index is this copy's to take out.
                if image.table == "disposal", let disposal = image.json.flatMap({ RowImageDecoder.decode(Disposal.self, $0) }),
                   let kind = RecordKind(rawValue: disposal.subjectType) {
                    try removeDisposedFromSearch(kind: kind, id: disposal.subjectID)
                }
            }
            // The key that signed is the key of the person the entry names, enrolled by this entry or before it
            // (the founding alone comes before its founder's enrolment, which `archive verify` holds to its key).
            let actorKey = try entry.actorID.flatMap { try String.fetchOne(db.cachedStatement(sql: "SELECT publicKey FROM person WHERE id = ?"), arguments: [$0]) }
            if entry.format >= 2, actorKey != entry.actorKey, !(actorKey == nil && entry.action == "agency.init" && entry.seq == 1) {
                throw StoreError.server(location: server, detail: "holds log entry #\(entry.seq) signed with a key that is not its actor's (\(entry.actorHandle)); this machine's copy did not take it in")
            }
            // After its rows, as the machine that made the change wrote it: the search index then numbers the items
            // of one millisecond in the same order, so every copy's positions are the file's and the server's.
            try insertLogEntry(entry)
            head = (entry.seq, entry.hash)
        }
    }

    /// An entry from the server must hash to its own hash and, once the log is signed, be signed by the key it
    /// names: a server edited or fed by someone without the signers' keys is refused here, before any row of
    /// it reaches this machine's copy (and so the scheduler, the checks or the screen).
    private func checkServerEntry(_ entry: LogEntry, signatureHolds: Bool, afterSigned signed: Bool, server: String) throws {
        guard entry.hash == entry.expectedHash else {
            throw StoreError.server(location: server, detail: "holds log entry #\(entry.seq) whose content does not match its hash; this machine's copy did not take it in")
        }
        if signed && entry.format < 2 {
            throw StoreError.server(location: server, detail: "holds an unsigned log entry (#\(entry.seq)) after signed ones; this machine's copy did not take it in")
        }
        if entry.format >= 2 && !signatureHolds {
            throw StoreError.server(location: server, detail: "holds log entry #\(entry.seq) whose signature does not match its content; this machine's copy did not take it in")
        }
    }

    /// Writes one row as its image says, or deletes it. An update sets the columns the image names; a new row
    /// takes its table's defaults for any it does not (an image made before a column existed).
    private func applyImage(_ image: RowImages.Image, seq: Int64, known: Set<String>, server: String) throws {
        let table = image.table
        guard let json = image.json else {
            try db.cachedStatement(sql: "DELETE FROM main.\"\(table)\" WHERE rowid = ?").execute(arguments: [image.id])
            return
        }
        guard let values = RowImageDecoder.values(json), values["id"] == image.id.databaseValue else {
            throw StoreError.server(location: server, detail: "holds log entry #\(seq) with a \(table) row that cannot be read")
        }
        let names = values.keys.sorted()
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw StoreError.server(location: server, detail: "holds log entry #\(seq) with a column this OneVoice does not know (\(table).\(unknown)); upgrade OneVoice")
        }
        let quoted = names.map { "\"\($0)\"" }
        let arguments = names.map { values[$0] ?? .null }
        // An UPDATE, then an INSERT when there was no row: not an upsert, whose conflict clause would also
        // govern the statements of the row-capture triggers (their INSERT OR IGNORE). The statements are cached
        // (one per table and set of columns): compiling one compiles every trigger on its table.
        let others = names.indices.filter { names[$0] != "id" }
        if !others.isEmpty {
            try db.cachedStatement(sql: "UPDATE main.\"\(table)\" SET \(others.map { "\(quoted[$0]) = ?" }.joined(separator: ", ")) WHERE id = ?")
                .execute(arguments: StatementArguments(others.map { arguments[$0] } + [image.id.databaseValue]))
            if db.changesCount > 0 { return }
        } else if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM main.\"\(table)\" WHERE id = ?)"), arguments: [image.id]) == true {
            return
        }
        try db.cachedStatement(sql: "INSERT INTO main.\"\(table)\" (\(quoted.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))")
            .execute(arguments: StatementArguments(arguments))
    }

    /// This copy's entries after `seq`, oldest first: what a change made here appends to the server.
    func logEntries(after seq: Int64) throws -> [LogEntry] {
        var entries: [LogEntry] = []
        try forEachLogEntry(after: seq) { entries.append($0) }
        return entries
    }

    /// Up to `limit` entries after `seq`, oldest first (a log copied elsewhere, page by page).
    func logEntries(after seq: Int64, limit: Int) throws -> [LogEntry] {
        var entries: [LogEntry] = []
        let cursor = try LogEntry.fetchCursor(db, sql: "SELECT * FROM logEntry WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit])
        while let entry = try cursor.next() { entries.append(entry) }
        return entries
    }

    /// The format of the last entry: 1 while the history before the signed log is not sealed yet.
    func lastEntryFormat() throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT format FROM logEntry ORDER BY seq DESC LIMIT 1")
    }

    /// The hash of this copy's entry at `seq`, nil when it has none.
    func logHash(at seq: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT hash FROM logEntry WHERE seq = ?", arguments: [seq])
    }
}
