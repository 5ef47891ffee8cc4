import Foundation
import PostgresNIO
import Synchronization

/// The records log kept on a shared PostgreSQL server: the one record that every machine of a joint information
/// center appends to and reads from.
///
/// The server holds the log exactly as a database file does, entry for entry and byte for byte: each entry is
/// signed by its actor and carries the rows it wrote. Each machine keeps a working copy (a SQLite file under
/// the XDG cache folder) that is the projection of that log, and reads from it; a change is made on the copy
/// and appended to the server in one step, while this machine holds the lock on the server's chain head, so
/// appends from all machines are serialized and each one starts from the newest entry.
final class SharedLog: @unchecked Sendable {
    let address: ServerAddress
    private let linkLock = NSLock()
    private var currentLink: PostgresLink?
    /// Why the last look at the server failed, until one succeeds (the dashboard shows it as "disconnected").
    private let lastProblem = Mutex<String?>(nil)
    /// The listener's state (SharedLog+Listening.swift).
    let listenState = Mutex(ListenState())
    /// The search index's tokenizer, for the server's search table (SharedLog+Search.swift).
    let tokenizer: SearchTokenizer

    /// Entries fetched per round trip when a copy catches up.
    static let page = 2_000
    /// The channel a committed append notifies (LISTEN/NOTIFY), with the new head's sequence number.
    static let channel = "onevoice_log"

    private init(address: ServerAddress, link: PostgresLink) throws {
        self.address = address
        self.currentLink = link
        self.tokenizer = try SearchTokenizer()
    }

    /// Connects, and makes the server's tables when they are not there yet.
    static func open(_ address: ServerAddress) throws -> SharedLog {
        let log = try SharedLog(address: address, link: try PostgresLink.connect(address))
        try log.prepareSchema()
        return log
    }

    /// The connection, made again when the server closed the last one (a restart): the next call works
    /// once the server is back, without restarting OneVoice.
    func link() throws -> PostgresLink {
        linkLock.lock()
        defer { linkLock.unlock() }
        if let currentLink, !currentLink.isClosed { return currentLink }
        currentLink?.close()
        currentLink = nil
        let fresh = try PostgresLink.connect(address)
        currentLink = fresh
        return fresh
    }

    /// The server's last failure, nil while it answers.
    var problem: String? { lastProblem.withLock { $0 } }

    func noteAnswered() { lastProblem.withLock { $0 = nil } }

    func noteFailure(_ error: any Error) {
        let sentence = (error as? StoreError)?.description ?? PostgresLink.describe(error, address: address).description
        lastProblem.withLock { $0 = sentence }
    }

    func close() {
        linkLock.lock()
        defer { linkLock.unlock() }
        currentLink?.close()
        currentLink = nil
    }

    // MARK: - Schema

    /// The tables, made once per server under an advisory lock (two machines starting at once make them once).
    private func prepareSchema() throws {
        let link = try link()
        if schemaIsReady(link) { return }
        try link.exclusive {
            try transaction(link) {
                try link.query("SELECT pg_advisory_xact_lock(\(Migrations.applicationID))")
                try link.query("""
                    CREATE TABLE IF NOT EXISTS onevoice_meta (
                        id integer PRIMARY KEY CHECK (id = 1),
                        application_id bigint NOT NULL,
                        schema_version integer NOT NULL)
                    """)
                try link.query("""
                    CREATE TABLE IF NOT EXISTS onevoice_log (
                        seq bigint PRIMARY KEY CHECK (seq > 0),
                        time bigint NOT NULL,
                        actor_id bigint,
                        actor_handle text NOT NULL,
                        action text NOT NULL,
                        subject_type text NOT NULL,
                        subject_id bigint NOT NULL,
                        incident_id bigint,
                        change text NOT NULL,
                        prev_hash text NOT NULL,
                        hash text NOT NULL UNIQUE,
                        format integer NOT NULL,
                        actor_key text NOT NULL,
                        images text NOT NULL,
                        signature text NOT NULL)
                    """)
                try link.query("""
                    CREATE TABLE IF NOT EXISTS onevoice_head (
                        id integer PRIMARY KEY CHECK (id = 1),
                        seq bigint NOT NULL,
                        hash text NOT NULL)
                    """)
                try link.query("""
                    CREATE TABLE IF NOT EXISTS onevoice_lease (
                        id integer PRIMARY KEY CHECK (id = 1),
                        holder text NOT NULL,
                        expires_at bigint NOT NULL)
                    """)
                try link.query("INSERT INTO onevoice_head (id, seq, hash) VALUES (1, 0, $1) ON CONFLICT (id) DO NOTHING",
                               [.text(Hashing.zeroHash)])
                try Self.prepareSearchSchema(link)
                let version = Int64(Migrations.knownMigrations.count)
                let rows = try link.query("SELECT application_id, schema_version FROM onevoice_meta WHERE id = 1")
                if let row = rows.first {
                    let (application, stored) = try row.decode((Int64, Int32).self)
                    guard application == Int64(Migrations.applicationID) else {
                        throw StoreError.server(location: address.description, detail: "holds another program's tables, not OneVoice's")
                    }
                    guard Int64(stored) <= version else { throw StoreError.newerSchema(path: address.description) }
                    if Int64(stored) < version {
                        try link.query("UPDATE onevoice_meta SET schema_version = $1 WHERE id = 1", [.int(version)])
                    }
                } else {
                    try link.query("INSERT INTO onevoice_meta (id, application_id, schema_version) VALUES (1, $1, $2)",
                                   [.int(Int64(Migrations.applicationID)), .int(version)])
                }
            }
        }
    }

    /// Whether the server already holds OneVoice's tables of this version, the search table's included, and a
    /// log begun: then nothing is made, and opening costs one round trip instead of a dozen. Anything else (no
    /// tables yet, another program's, an older or newer version, an empty log) takes `prepareSchema`'s whole way.
    private func schemaIsReady(_ link: PostgresLink) -> Bool {
        guard let row = try? link.query("""
            SELECT m.application_id, m.schema_version,
                   to_regclass('onevoice_lease') IS NOT NULL AND to_regclass('onevoice_search') IS NOT NULL,
                   EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('onevoice_head') AND attname = 'search_hash'
                           AND NOT attisdropped),
                   COALESCE((SELECT seq > 0 FROM onevoice_head WHERE id = 1), false)
            FROM onevoice_meta AS m WHERE m.id = 1
            """).first,
            let (application, stored, tables, column, begun) = try? row.decode((Int64, Int32, Bool, Bool, Bool).self)
        else { return false }
        return application == Int64(Migrations.applicationID) && Int64(stored) == Int64(Migrations.knownMigrations.count)
            && tables && column && begun
    }

    // MARK: - Reading

    /// The server's chain head: (0, zero hash) before the first entry.
    func head() throws -> (seq: Int64, hash: String) {
        try Self.head(try link(), locking: false)
    }

    /// The hash of the entry at `seq`, nil when the server has no such entry.
    func hash(at seq: Int64) throws -> String? {
        try link().query("SELECT hash FROM onevoice_log WHERE seq = $1", [.int(seq)]).first.map { try $0.decode(String.self) }
    }

    /// Up to `limit` entries after `seq`, oldest first.
    func entries(after seq: Int64, limit: Int = SharedLog.page) throws -> [LogEntry] {
        try Self.entries(try link(), after: seq, limit: limit)
    }

    private static func head(_ link: PostgresLink, locking: Bool) throws -> (seq: Int64, hash: String) {
        let rows = try link.query("SELECT seq, hash FROM onevoice_head WHERE id = 1" + (locking ? " FOR UPDATE" : ""))
        guard let row = rows.first else { return (0, Hashing.zeroHash) }
        return try row.decode((Int64, String).self)
    }

    static func entries(_ link: PostgresLink, after seq: Int64, limit: Int) throws -> [LogEntry] {
        try link.query("""
            SELECT seq, time, actor_id, actor_handle, action, subject_type, subject_id, incident_id, change, prev_hash, hash,
                   format, actor_key, images, signature
            FROM onevoice_log WHERE seq > $1 ORDER BY seq LIMIT $2
            """, [.int(seq), .int(Int64(limit))]).map(entry)
    }

    private static func entry(_ row: PostgresRow) throws -> LogEntry {
        entry(try row.decode(EntryColumns.self))
    }

    /// An `onevoice_log` row's columns, in the table's order.
    private typealias EntryColumns = (Int64, Int64, Int64?, String, String, String, Int64, Int64?, String, String, String, Int32,
                                      String, String, String)

    private static func entry(_ columns: EntryColumns) -> LogEntry {
        let (seq, time, actorID, actorHandle, action, subjectType, subjectID, incidentID, change, prevHash, hash, format,
             actorKey, images, signature) = columns
        var entry = LogEntry(seq: seq, time: time, actorID: actorID, actorHandle: actorHandle, action: action,
                             subjectType: subjectType, subjectID: subjectID, incidentID: incidentID, change: change,
                             prevHash: prevHash, storedHash: hash)
        entry.format = Int(format)
        entry.actorKey = actorKey
        entry.images = images
        entry.signature = signature
        return entry
    }

    // MARK: - Appending

    /// What a machine may do while it holds the head: read what it has not seen, then append after it.
    struct HeadLock {
        let link: PostgresLink
        let log: SharedLog
        let outcome = LockOutcome()
        /// The head when the lock was taken.
        var head: (seq: Int64, hash: String)
        /// The entry the server's search table reflected then (SharedLog+Search.swift).
        var searchHash: String?
        let tokenizer: SearchTokenizer

        /// The entries after the sequence number the lock was asked with, read with the head (see `locked`).
        var fetched: (after: Int64, entries: [LogEntry])?

        /// Whether the search table reflects the head: an append then keeps it in step.
        var searchIsCurrent: Bool { searchHash == head.hash }

        /// The entries after `seq` up to the head: those read with the head when they reach it, else asked for.
        func entries(after seq: Int64) throws -> [LogEntry] {
            if let fetched, fetched.after <= seq, (fetched.entries.last?.seq ?? fetched.after) >= head.seq {
                return fetched.entries.filter { $0.seq > seq }
            }
            return try SharedLog.entries(link, after: seq, limit: .max)
        }

        /// Appends `entries` (already chained after `head`), moves the head and commits; machines listening hear
        /// of it then. `search` is what the change did to the search index: written too when the search table is
        /// in step. Every statement, the COMMIT included, goes in one wait (`PostgresLink.run`): the head is held,
        /// and every wait is time the machines queued behind wait too.
        func appendAndCommit(_ entries: [LogEntry], search: SearchChanges?) throws {
            guard let last = entries.last else { return }
            let keepsSearch = search != nil && searchIsCurrent
            var statements = SharedLog.insertStatements(entries)
            if let search, keepsSearch {
                statements += SharedLog.searchDeleteStatements(search.items)
                statements += try SharedLog.searchInsertStatements(search.rows, tokenizer: tokenizer)
            }
            statements.append(PostgresStatement("""
                WITH moved AS (UPDATE onevoice_head SET seq = $1, hash = $2\(keepsSearch ? ", search_hash = $2" : "") WHERE id = 1 RETURNING seq)
                SELECT pg_notify($3, $4) FROM moved
                """, [.int(last.seq), .text(last.hash), .text(SharedLog.channel), .text(String(last.seq))]))
            statements.append(PostgresStatement("COMMIT"))
            outcome.committed = true
            do {
                // A statement the server refused ends the transaction: the COMMIT then rolls back, and says so only
                // by its tag, so the first refusal is what `run` throws.
                try link.run(statements)
            } catch {
                // The answer lost with the connection: the change counts as made only if its last entry is there.
                guard link.isClosed, log.holds(last) else { throw error }
            }
        }
    }

    /// Whether the server holds `entry` (asked on a new connection): a commit whose answer was lost.
    func holds(_ entry: LogEntry) -> Bool {
        guard let found = try? link().query("SELECT 1 FROM onevoice_log WHERE seq = $1 AND hash = $2", [.int(entry.seq), .text(entry.hash)])
        else { return false }
        return !found.isEmpty
    }

    /// Whether a body committed its transaction itself (`HeadLock.appendAndCommit`).
    final class LockOutcome: @unchecked Sendable {
        var committed = false
    }

    /// Runs `body` in one server transaction holding the row lock on the chain head: every other machine's
    /// append waits until this one commits or rolls back. An append commits in `HeadLock.appendAndCommit`,
    /// which looks up a commit whose answer was lost; a body that appends nothing is committed here.
    /// `after`, when given, is the caller's head: the entries after it come with the lock (`HeadLock.entries`).
    func withHeadLock<T>(after: Int64? = nil, _ body: (HeadLock) throws -> T) throws -> T {
        do {
            let result = try locked(after: after, body)
            noteAnswered()
            return result
        } catch let error as StoreError {
            if case .server = error { noteFailure(error) }
            throw error
        }
    }

    /// The head, locked, beside each entry after `$1` (a page of them at most; `HeadLock.entries` asks for more).
    private static func headAndEntriesStatement(after seq: Int64) -> PostgresStatement {
        PostgresStatement("""
            SELECT h.seq, h.hash, h.search_hash, l.seq, l.time, l.actor_id, l.actor_handle, l.action, l.subject_type, l.subject_id,
                   l.incident_id, l.change, l.prev_hash, l.hash, l.format, l.actor_key, l.images, l.signature
            FROM (SELECT seq, hash, search_hash FROM onevoice_head WHERE id = 1 FOR UPDATE) AS h
            LEFT JOIN onevoice_log AS l ON l.seq > $1 AND l.seq <= $1 + $2
            ORDER BY l.seq
            """, [.int(seq), .int(Int64(page))])
    }

    private static func headAndEntry(_ row: PostgresRow) throws -> (head: (seq: Int64, hash: String, searchHash: String?), entry: LogEntry?) {
        let (headSeq, headHash, searchHash, seq, time, actorID, actorHandle, action, subjectType, subjectID, incidentID, change,
             prevHash, hash, format, actorKey, images, signature) = try row.decode(
                (Int64, String, String?, Int64?, Int64?, Int64?, String?, String?, String?, Int64?, Int64?, String?, String?, String?,
                 Int32?, String?, String?, String?).self)
        guard let seq, let time, let actorHandle, let action, let subjectType, let subjectID, let change, let prevHash, let hash,
              let format, let actorKey, let images, let signature
        else { return ((headSeq, headHash, searchHash), nil) }
        return ((headSeq, headHash, searchHash), entry((seq, time, actorID, actorHandle, action, subjectType, subjectID, incidentID,
                                                        change, prevHash, hash, format, actorKey, images, signature)))
    }

    private func locked<T>(after: Int64?, _ body: (HeadLock) throws -> T) throws -> T {
        let link = try link()
        return try link.exclusive {
            let result: T
            do {
                // Machines queue for an advisory lock first: PostgreSQL hands it to the longest waiter as it is
                // let go. The head's row lock alone is not handed over: whoever asks just after a commit can take
                // it before the woken waiter runs, and on a busy machine one waited 280 ms behind seven others.
                // All three are sent at once: each statement goes the moment the one before is answered.
                // Given `after`, the head's statement also reads the entries after it: it starts once the advisory
                // lock is granted, so it sees every append before this one, and taking them in needs no trip more.
                let rows = try link.run([PostgresStatement("BEGIN"),
                                         PostgresStatement("SELECT pg_advisory_xact_lock(\(Migrations.applicationID), 1)"),
                                         after.map(Self.headAndEntriesStatement)
                                            ?? PostgresStatement("SELECT seq, hash, search_hash FROM onevoice_head WHERE id = 1 FOR UPDATE")])[2]
                var lock = HeadLock(link: link, log: self, head: (0, Hashing.zeroHash), searchHash: nil, tokenizer: tokenizer)
                if let after {
                    var entries: [LogEntry] = []
                    for row in rows {
                        let (head, entry) = try Self.headAndEntry(row)
                        (lock.head, lock.searchHash) = ((head.seq, head.hash), head.searchHash)
                        if let entry { entries.append(entry) }
                    }
                    lock.fetched = (after, entries)
                } else if let row = rows.first {
                    let (seq, hash, searchHash) = try row.decode((Int64, String, String?).self)
                    (lock.head, lock.searchHash) = ((seq, hash), searchHash)
                }
                result = try body(lock)
                if lock.outcome.committed { return result }
            } catch {
                // A connection that is gone has rolled back by itself (the server ends its transaction).
                if !link.isClosed { _ = try? link.query("ROLLBACK") }
                throw error
            }
            try link.query("COMMIT")
            return result
        }
    }

    /// Gives the planner the tables' statistics after a bulk load, rather than when autovacuum comes by: without
    /// them a search for a common word read every match and sorted them (28 ms at 100,000 entries, not 3).
    /// Best effort: a server that refuses it plans worse until autovacuum has been.
    func refreshStatistics() {
        _ = try? link().query("ANALYZE onevoice_log, onevoice_search")
    }

    /// Inserts whole entries, many to a statement (a change's few, or a database moved onto the server).
    static func insert(_ entries: [LogEntry], link: PostgresLink) throws {
        try link.run(insertStatements(entries))
    }

    /// The statements that insert `entries`: 15 values an entry, and a statement may bind at most 65,535.
    static func insertStatements(_ entries: [LogEntry]) -> [PostgresStatement] {
        let perStatement = 1_000
        var statements: [PostgresStatement] = []
        var start = 0
        while start < entries.count {
            let batch = entries[start..<min(start + perStatement, entries.count)]
            var rows: [String] = []
            var binds: [PostgresBindable] = []
            rows.reserveCapacity(batch.count)
            binds.reserveCapacity(batch.count * 15)
            for entry in batch {
                let base = binds.count
                rows.append("(" + (1...15).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                binds += [.int(entry.seq), .int(entry.time), .int(entry.actorID), .text(entry.actorHandle), .text(entry.action),
                          .text(entry.subjectType), .int(entry.subjectID), .int(entry.incidentID), .text(entry.change),
                          .text(entry.prevHash), .text(entry.hash), .int(Int64(entry.format)), .text(entry.actorKey),
                          .text(entry.images), .text(entry.signature)]
            }
            statements.append(PostgresStatement("""
                INSERT INTO onevoice_log (seq, time, actor_id, actor_handle, action, subject_type, subject_id, incident_id,
                                          change, prev_hash, hash, format, actor_key, images, signature)
                VALUES \(rows.joined(separator: ", "))
                """, binds))
            start += perStatement
        }
        return statements
    }

    /// Moves a whole log onto a server whose log is empty, in pages that `next` hands over, with its search index
    /// in pages that `nextSearch` hands over, in one transaction: another machine sees all of it or none of it.
    func importLog(_ next: () throws -> [LogEntry]?, search nextSearch: () throws -> [SearchRow]?) throws -> Int64 {
        defer { refreshStatistics() }
        return try withHeadLock({ lock in
            guard lock.head.seq == 0 else {
                throw StoreError.server(location: address.description, detail: "already holds a records log (\(lock.head.seq) entries); copy only onto an empty database")
            }
            var count: Int64 = 0
            var last: LogEntry?
            while let page = try next(), !page.isEmpty {
                try Self.insert(page, link: lock.link)
                count += Int64(page.count)
                last = page.last
            }
            if let last {
                try lock.link.query("UPDATE onevoice_head SET seq = $1, hash = $2 WHERE id = 1", [.int(last.seq), .text(last.hash)])
                try Self.replaceSearch(nextSearch, upTo: last.hash, link: lock.link, tokenizer: tokenizer)
                try lock.link.query("SELECT pg_notify($1, $2)", [.text(Self.channel), .text(String(last.seq))])
            }
            return count
        })
    }

    // MARK: - The scheduler's lease

    /// Takes the one scheduler lease of the server when it is free, expired or already `holder`'s.
    func acquireLease(holder: String, now: Date, until expiry: Date) throws -> Bool {
        let rows = try link().query("""
            INSERT INTO onevoice_lease (id, holder, expires_at) VALUES (1, $1, $2)
            ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE onevoice_lease.holder = excluded.holder OR onevoice_lease.expires_at < $3
            RETURNING holder
            """, [.text(holder), .int(Timestamps.milliseconds(expiry)), .int(Timestamps.milliseconds(now))])
        return !rows.isEmpty
    }

    func releaseLease(holder: String) throws {
        try link().query("DELETE FROM onevoice_lease WHERE holder = $1", [.text(holder)])
    }

    func lease() throws -> (holder: String, expiresAt: Date)? {
        guard let row = try link().query("SELECT holder, expires_at FROM onevoice_lease WHERE id = 1").first else { return nil }
        let (holder, expires) = try row.decode((String, Int64).self)
        return (holder, Timestamps.date(milliseconds: expires))
    }

    private func transaction(_ link: PostgresLink, _ body: () throws -> Void) throws {
        try link.query("BEGIN")
        do {
            try body()
            try link.query("COMMIT")
        } catch {
            if !link.isClosed { _ = try? link.query("ROLLBACK") }
            throw error
        }
    }
}
