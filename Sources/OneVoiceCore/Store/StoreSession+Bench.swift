import Foundation
import GRDB

/// Where a bulk load stands in the records log: the last entry's number and hash.
/// Carried from one transaction to the next so the chain runs on without reading the head back.
public struct LogChainPosition: Sendable, Equatable {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}

/// Bulk loading for the synthetic benchmark database (`onevoice bench`): callers insert many rows
/// per transaction, each table through one cached prepared statement. Nothing here takes a shortcut
/// around what the application stores: rows carry their final ids (so no id lookup per insert), the
/// search-index triggers run as for any insert, and every log entry is hashed and chained exactly as
/// `appendLog` does, so `archive verify` holds over the result.
extension StoreSession {
    /// The head of the chain to continue from (the zero hash before the first entry).
    public func bulkLogPosition() throws -> LogChainPosition {
        let head = try logHead()
        return LogChainPosition(seq: head?.seq ?? 0, hash: head?.hash ?? Hashing.zeroHash)
    }

    /// The next free id of a table (AUTOINCREMENT semantics: never one that was used before).
    public func bulkNextID(table: BulkTable) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT MAX(IFNULL((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), IFNULL((SELECT MAX(id) FROM \(table.rawValue)), 0)) + 1
            """, arguments: [table.rawValue]) ?? 1
    }

    /// Appends one log entry after `position` and moves `position` on. `change` is canonical JSON
    /// (`CanonicalJSON.string`), `time` milliseconds since 1970. The head row is written by `bulkSetLogHead`.
    @discardableResult
    public func bulkAppendLog(_ position: inout LogChainPosition, actor: Person?, key: IdentityKey, action: String,
                              subjectType: String, subjectID: Int64, incidentID: Int64?, change: String, time: Int64) throws -> LogEntry {
        let images = RowImages.text(try takePendingImages())
        let entry = try LogEntry.signed(seq: position.seq + 1, time: time, actorID: actor?.id, actorHandle: actor?.handle ?? "system",
                                        action: action, subjectType: subjectType, subjectID: subjectID, incidentID: incidentID,
                                        change: change, images: images, prevHash: position.hash, key: key)
        let statement = try db.cachedStatement(sql: """
            INSERT INTO logEntry (seq, time, actorID, actorHandle, action, subjectType, subjectID, incidentID, change, prevHash, hash,
                                  format, actorKey, images, signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [entry.seq, entry.time, entry.actorID, entry.actorHandle, entry.action, entry.subjectType,
                                          entry.subjectID, entry.incidentID, entry.change, entry.prevHash, entry.hash,
                                          entry.format, entry.actorKey, entry.images, entry.signature])
        position = LogChainPosition(seq: entry.seq, hash: entry.hash)
        return entry
    }

    /// Records the chain's head; call before the transaction that appended entries commits.
    public func bulkSetLogHead(_ position: LogChainPosition) throws {
        try db.execute(sql: """
            INSERT INTO logHead (id, seq, hash) VALUES (1, ?, ?)
            ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            """, arguments: [position.seq, position.hash])
    }

    /// Inserts rows whose ids were assigned by the caller (from `bulkNextID`).
    public func bulkInsert(_ incident: Incident) throws { precondition(incident.id > 0); var row = incident; try row.insert(db) }
    public func bulkInsert(_ fact: Fact) throws { precondition(fact.id > 0); var row = fact; try row.insert(db) }
    public func bulkInsert(_ release: Release) throws { precondition(release.id > 0); var row = release; try row.insert(db) }
    public func bulkInsert(_ revision: ReleaseRevision) throws { precondition(revision.id > 0); var row = revision; try row.insert(db) }
    public func bulkInsert(_ post: Post) throws { precondition(post.id > 0); var row = post; try row.insert(db) }
    public func bulkInsert(_ attestation: Attestation) throws { precondition(attestation.id > 0); var row = attestation; try row.insert(db) }
    public func bulkInsert(_ person: Person) throws { precondition(person.id > 0); var row = person; try row.insert(db) }

    /// Updates a row written earlier in the load (its log entry follows).
    public func bulkUpdate(_ incident: Incident) throws { try incident.update(db) }
    public func bulkUpdate(_ fact: Fact) throws { try fact.update(db) }
    public func bulkUpdate(_ release: Release) throws { try release.update(db) }
    public func bulkUpdate(_ post: Post) throws { try post.update(db) }

    /// Row counts of the main tables, for the benchmark's summary line.
    public func bulkCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in BulkTable.allCases {
            counts[table.rawValue] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.rawValue)") ?? 0
        }
        counts["logEntry"] = try logCount()
        return counts
    }
}

/// The tables a bulk load fills with caller-assigned ids.
public enum BulkTable: String, CaseIterable, Sendable {
    case person
    case incident
    case fact
    case pressRelease
    case releaseRevision
    case post
    case attestation
}

extension AppDatabase {
    /// Copies the write-ahead log into the database file and empties it (after a bulk load, so that
    /// readers do not start out behind a log of hundreds of megabytes).
    public func checkpoint() throws {
        do {
            try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }
}

extension AppDatabase {
    /// What SQLite's own integrity check finds wrong with the file (empty when it is sound);
    /// for the fault-injection tests and diagnostics.
    public func integrityProblems() throws -> [String] {
        try check("PRAGMA integrity_check")
    }

    /// SQLite's quick check: every page and b-tree of the file is readable and well formed (not whether
    /// indexes match their tables). What `archive verify` runs before walking the chain.
    public func quickCheckProblems() throws -> [String] {
        try check("PRAGMA quick_check")
    }

    private func check(_ pragma: String) throws -> [String] {
        do {
            let lines = try writer.read { db in try String.fetchAll(db, sql: pragma) }
            // Problems come as rows that may hold several lines, headed by "*** in database main ***".
            guard lines != ["ok"] else { return [] }
            return lines.flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("***") && !$0.isEmpty }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }
}
