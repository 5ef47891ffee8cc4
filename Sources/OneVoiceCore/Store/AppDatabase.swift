import Foundation
import GRDB

/// The one owner of the SQLite database: opens it safely, runs migrations, and hands out sessions.
///
/// Several processes share one file (two dashboards, the CLI, the scheduler): WAL lets readers
/// run beside the writer, every write is an IMMEDIATE transaction, and a busy timeout makes a
/// writer wait its turn instead of failing with "database is locked".
public struct AppDatabase: Sendable {
    public let path: String
    /// A pool (WAL readers beside the writer); a read-only queue when the file cannot be written.
    let writer: any DatabaseWriter
    /// Whether this handle only reads (the file or its folder is read-only): writes are refused.
    public let isReadOnly: Bool
    /// The shared server whose log this file is a working copy of; nil for a database file of its own.
    let shared: SharedLog?
    /// The SQLite file on this machine: the database itself, or a server's working copy (`path` names the server).
    let localPath: String

    init(path: String, writer: any DatabaseWriter, isReadOnly: Bool = false, shared: SharedLog? = nil, localPath: String? = nil) {
        self.path = path
        self.writer = writer
        self.isReadOnly = isReadOnly
        self.shared = shared
        self.localPath = localPath ?? path
    }

    /// The folder beside the local file, where outboxes and feeds are written and looked for (never a folder
    /// named after a server's address).
    public var folder: URL { URL(fileURLWithPath: localPath).deletingLastPathComponent() }

    /// How long a writer waits for another process before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// Opens (and, when asked, creates with mode 0600) the database at `url`.
    ///
    /// `durable` false is for a shared server's working copy: the server holds the record, and a copy that loses
    /// its last commits in a power cut takes them in again from the server, so its commits skip the fsync
    /// (WAL's `synchronous = NORMAL` still keeps the file consistent).
    public static func open(at url: URL, create: Bool = false, durable: Bool = true) throws -> AppDatabase {
        let path = url.path
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) {
            guard create else { throw StoreError.noDatabase(path: path) }
            try createEmptyFile(at: url)
        }
        try refuseNonFile(path)
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "onevoice"
        config.prepareDatabase { db in
            // Records are public records: survive a power cut, not only a killed process.
            try db.execute(sql: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        }
        do {
            // Look first through a read-only handle: opening the pool writes (GRDB makes sure the -wal file
            // exists), and a file that is not ours, or from a newer OneVoice, must be left exactly as it is.
            let probe = try DatabaseQueue(path: path, configuration: readOnlyConfiguration(label: "onevoice-probe"))
            let migrator = Migrations.migrator
            try checkIdentity(of: probe, path: path)
            if try probe.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerSchema(path: path)
            }
            try probe.close()
            let pool = try DatabasePool(path: path, configuration: config)
            try migrator.migrate(pool)
            // Written only when it changes: opening must not need to write (a full disk, a read-only copy).
            let version = migrator.migrations.count
            if try pool.read({ try Int.fetchOne($0, sql: "PRAGMA user_version") }) != version {
                try pool.write { db in try db.execute(sql: "PRAGMA user_version = \(version)") }
            }
            return AppDatabase(path: path, writer: pool)
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Opens the database for a command that only reads. A file that can be written opens as `open` does;
    /// one that cannot (mode 0444, a read-only mount, a folder where the -wal file cannot be made) opens
    /// read-only, without migrating or writing anything, instead of failing.
    public static func openForReading(at url: URL) throws -> AppDatabase {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.noDatabase(path: path) }
        try refuseNonFile(path)
        let folder = url.deletingLastPathComponent().path
        if access(path, W_OK) == 0 && access(folder, W_OK) == 0 {
            return try open(at: url)
        }
        do {
            let queue = try readOnlyQueue(path: path)
            let migrator = Migrations.migrator
            let (superseded, complete) = try queue.read { db in
                (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
            }
            if superseded { throw StoreError.newerSchema(path: path) }
            guard complete else { throw StoreError.readOnlyNeedsUpgrade(path: path) }
            return AppDatabase(path: path, writer: queue, isReadOnly: true)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Opens the database for a command that never writes (a printed screen, a list, a search): when the
    /// schema is current, the one read-only connection that checked it is the handle, so the command opens no
    /// writer and reads no schema twice. Otherwise it opens as `openForReading` does, which brings an older
    /// schema up to date where the file can be written. Writes through this handle are refused.
    public static func openForQuerying(at url: URL) throws -> AppDatabase {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.noDatabase(path: path) }
        try refuseNonFile(path)
        do {
            let queue = try readOnlyQueue(path: path)
            let migrator = Migrations.migrator
            let (superseded, complete, version) = try queue.read { db in
                (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db),
                 try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0)
            }
            if superseded { throw StoreError.newerSchema(path: path) }
            if complete && version == migrator.migrations.count {
                return AppDatabase(path: path, writer: queue, isReadOnly: true)
            }
            try queue.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.wrap(error, path: path)
        }
        return try openForReading(at: url)
    }

    /// A read-only connection that has passed the identity check. In a read-only folder without the
    /// -shm file beside the database, SQLite reads a WAL database only as immutable (and nobody can
    /// write it there anyway): that is the second try.
    private static func readOnlyQueue(path: String) throws -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(path: path, configuration: readOnlyConfiguration(label: "onevoice-readonly"))
            try checkIdentity(of: queue, path: path)
            return queue
        } catch let error as DatabaseError where [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) {
            let uri = "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1"
            let queue = try DatabaseQueue(path: uri, configuration: readOnlyConfiguration(label: "onevoice-immutable"))
            try checkIdentity(of: queue, path: path)
            return queue
        }
    }

    /// A connection that never writes, waiting its turn like any other.
    private static func readOnlyConfiguration(label: String) -> Configuration {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.label = label
        return config
    }

    /// Refuses a path that is not a regular file (a folder, /dev/null, a FIFO) with the real cause.
    static func refuseNonFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw StoreError.notAFile(path: path, kind: "a folder")
        case S_IFCHR, S_IFBLK: throw StoreError.notAFile(path: path, kind: "a device")
        case S_IFIFO: throw StoreError.notAFile(path: path, kind: "a pipe")
        case S_IFSOCK: throw StoreError.notAFile(path: path, kind: "a socket")
        default: throw StoreError.notAFile(path: path, kind: "not a regular file")
        }
    }

    /// Refuses files that are not ours before any migration can touch them.
    private static func checkIdentity(of reader: some DatabaseReader, path: String) throws {
        try reader.read { db in
            let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let tableCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
            if appID != Migrations.applicationID && !(appID == 0 && tableCount == 0) {
                throw StoreError.notOneVoice(path: path)
            }
            let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if userVersion > Migrations.knownMigrations.count {
                throw StoreError.newerSchema(path: path)
            }
        }
    }

    private static func createEmptyFile(at url: URL) throws {
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotOpen(path: url.path, detail: "cannot create the folder \(dir.path)")
        }
        let fd = Foundation.open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return }
            throw StoreError.cannotOpen(path: url.path, detail: String(cString: strerror(errno)).lowercased())
        }
        close(fd)
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it is saved, or none of it. Every row of a table of
    /// record that `body` writes must be recorded by a log entry it appends, signed by `signer`: a change
    /// that leaves a row unrecorded is a programming error and is rolled back whole.
    ///
    /// On a shared server the change is made while this machine holds the server's chain head: the copy first
    /// takes in every entry it has not seen, then the change's entries go to the server, and the copy commits
    /// only once the server has. A change the server did not take is not kept here either.
    func write<T>(signer: IdentityKey? = nil, _ body: (StoreSession) throws -> T) throws -> T {
        if isReadOnly { throw StoreError.readOnly(path: path) }
        do {
            return try writer.write { db in
                let session = StoreSession(db: db, signer: signer)
                guard let shared else { return try Self.change(session, body) }
                return try shared.withHeadLock(after: try session.logHead()?.seq ?? 0) { lock in
                    try takeIn(lock, session)
                    let result = try Self.change(session, body)
                    let fresh = try session.logEntries(after: lock.head.seq)
                    try lock.appendAndCommit(fresh, search: lock.searchIsCurrent ? try session.searchChanges(for: fresh) : nil)
                    return result
                }
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// While this machine holds the server's head: takes in the entries the copy has not seen.
    func takeIn(_ lock: SharedLog.HeadLock, _ session: StoreSession) throws {
        let local = try session.logHead() ?? (0, Hashing.zeroHash)
        if lock.head.seq > local.seq {
            try session.applyServerEntries(try lock.entries(after: local.seq), server: path)
        } else if lock.head.seq < local.seq || lock.head.hash != local.hash {
            throw StoreError.server(location: path, detail: "holds a log that does not follow this machine's copy (the server is at #\(lock.head.seq), the copy at #\(local.seq)); it may have been restored from a backup")
        }
    }

    /// One change on the open transaction: every row of record it writes must be logged.
    private static func change<T>(_ session: StoreSession, _ body: (StoreSession) throws -> T) throws -> T {
        try session.installRowCapture()
        try session.clearPendingImages()
        try session.sealHistoryIfNeeded()
        let result = try body(session)
        if let (table, id) = try session.unloggedRows().first {
            throw StoreError.invalid("OneVoice changed \(table) #\(id) without a records-log entry; nothing was saved. This is a bug: please report it.")
        }
        return result
    }

    /// Runs `body` on a consistent snapshot (internal to Core, like `write`).
    /// On a shared server it first takes in what other machines appended, when the server answers; when it does
    /// not, it reads this machine's copy as it stands (and `serverProblem` says why).
    func read<T>(_ body: (StoreSession) throws -> T) throws -> T {
        if shared != nil { refreshFromServer() }
        do {
            return try writer.read { db in try body(StoreSession(db: db)) }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// A counter that changes whenever another connection (another process) commits.
    /// Cheap enough to poll several times a second. On a shared server it first takes in what other machines
    /// appended since the last look.
    public func dataVersion() throws -> Int {
        if shared != nil { refreshFromServer() }
        do {
            return try writer.writeWithoutTransaction { db in
                try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// The schema migrations this build knows, oldest first.
    public static var schemaMigrations: [String] { Migrations.knownMigrations }

    /// Creates a database at an older schema step (for migration tests and tools).
    public static func createAtSchema(_ migration: String, at url: URL) throws {
        try createEmptyFile(at: url)
        let pool = try DatabasePool(path: url.path)
        try Migrations.migrator.migrate(pool, upTo: migration)
    }
}

extension StoreError {
    /// Turns SQLite's result codes into sentences that say what to do.
    static func wrap(_ error: any Error, path: String) -> any Error {
        // A stored value of the wrong kind (NULL where text belongs): only damage to the file does that.
        if error is RowDecodingError || error is DecodingError {
            return StoreError.corrupt(path: path, detail: "a stored value has the wrong type")
        }
        guard let dbError = error as? DatabaseError else { return error }
        switch dbError.resultCode {
        case .SQLITE_NOTADB: return StoreError.notOneVoice(path: path)
        case .SQLITE_CORRUPT: return StoreError.corrupt(path: path, detail: dbError.message ?? "corrupt")
        case .SQLITE_FULL: return StoreError.diskFull(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(path: path)
        case .SQLITE_READONLY: return StoreError.readOnly(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM: return StoreError.cannotOpen(path: path, detail: dbError.message ?? "cannot open")
        case .SQLITE_IOERR:
            // No room to grow the log, or the shared-memory index beside it (-shm): both say the disk is full.
            if [.SQLITE_IOERR_WRITE, .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_SHMSIZE].contains(dbError.extendedResultCode) {
                return StoreError.diskFull(path: path)
            }
            return StoreError.cannotOpen(path: path, detail: dbError.message ?? "input/output error")
        case .SQLITE_CONSTRAINT: return StoreError.invalid("That change conflicts with what is already recorded (\(dbError.message ?? "constraint")); nothing was changed.")
        default: return StoreError.cannotOpen(path: path, detail: dbError.message ?? "\(dbError.resultCode)")
        }
    }
}
