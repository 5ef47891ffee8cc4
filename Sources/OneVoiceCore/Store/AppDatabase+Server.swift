import Foundation
import GRDB

// Opening a record kept on a shared PostgreSQL server (Store/Server/SharedLog.swift): this machine reads and
// writes a working copy of the server's log, a SQLite file kept under `copies` and brought up to the server's
// head on opening, before every change, and whenever the dashboard looks for changes.

extension AppDatabase {
    /// Opens the database at `location`: a file as `open(at:)` does, or a server through this machine's copy.
    public static func open(_ location: DatabaseLocation, create: Bool = false, copies: URL) throws -> AppDatabase {
        switch location {
        case .file(let url): return try open(at: url, create: create)
        case .server(let address): return try openServer(address, copies: copies)
        }
    }

    /// As `openForReading(at:)` for a file. A server's copy must be writable (it takes in the server's entries).
    public static func openForReading(_ location: DatabaseLocation, copies: URL) throws -> AppDatabase {
        switch location {
        case .file(let url): return try openForReading(at: url)
        case .server(let address): return try openServer(address, copies: copies)
        }
    }

    /// As `openForQuerying(at:)` for a file.
    public static func openForQuerying(_ location: DatabaseLocation, copies: URL) throws -> AppDatabase {
        switch location {
        case .file(let url): return try openForQuerying(at: url)
        case .server(let address): return try openServer(address, copies: copies)
        }
    }

    /// The working copy's file for a server: one per address (without its password), readable by name.
    public static func workingCopyURL(for address: ServerAddress, in copies: URL) -> URL {
        let readable = "\(address.host)-\(address.port)-\(address.database)-\(address.user)".map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber || "-_.".contains(character)) ? character : "_"
        }
        let digest = Hashing.sha256Hex(Data(address.description.utf8)).prefix(12)
        return copies.appendingPathComponent("\(String(readable.prefix(80)))-\(digest).sqlite")
    }

    private static func openServer(_ address: ServerAddress, copies: URL) throws -> AppDatabase {
        let shared = try SharedLog.open(address)
        let copyURL = workingCopyURL(for: address, in: copies)
        do {
            var database = try attach(shared, copyURL: copyURL)
            // A copy of another log made at this address before (the server's database made anew): set aside.
            if try database.isCopyOfAnotherLog() {
                try database.writer.close()
                retireCopy(at: copyURL)
                database = try attach(shared, copyURL: copyURL)
            }
            try database.catchUp()
            database.fillServerSearchIfBehind()
            return database
        } catch {
            shared.close()
            throw error
        }
    }

    private static func attach(_ shared: SharedLog, copyURL: URL) throws -> AppDatabase {
        let local = try open(at: copyURL, create: true, durable: false)
        return AppDatabase(path: shared.address.description, writer: local.writer, shared: shared, localPath: copyURL.path)
    }

    private static func retireCopy(at url: URL) {
        let stamp = Int(Date().timeIntervalSince1970)
        for suffix in ["", "-wal", "-shm"] {
            let from = url.path + suffix
            guard FileManager.default.fileExists(atPath: from) else { continue }
            try? FileManager.default.moveItem(atPath: from, toPath: url.deletingPathExtension().path + ".retired-\(stamp).sqlite" + suffix)
        }
    }

    /// Whether this copy's first entry is not the server's: the copy belongs to a log that is no longer there.
    private func isCopyOfAnotherLog() throws -> Bool {
        guard let shared, let first = try copyRead({ try $0.logHash(at: 1) }) else { return false }
        return try shared.hash(at: 1) != first
    }

    /// Takes in every entry the server has after this copy's head. A server whose log does not hold the copy's
    /// own entries (cut back, or restored from an older backup) is refused: the copy keeps them.
    func catchUp() throws {
        guard let shared else { return }
        do {
            var local: (seq: Int64, hash: String) = try copyRead { try $0.logHead() } ?? (0, Hashing.zeroHash)
            if local.seq > 0, try shared.hash(at: local.seq) != local.hash {
                throw StoreError.server(location: path, detail: "no longer holds log entry #\(local.seq) as this machine's copy has it; it may have been cut back or restored from a backup (this machine's copy keeps it)")
            }
            while true {
                let entries = try shared.entries(after: local.seq)
                guard let last = entries.last else { break }
                try writer.write { db in try StoreSession(db: db).applyServerEntries(entries, server: path) }
                local = (last.seq, last.hash)
            }
            shared.noteAnswered()
        } catch {
            shared.noteFailure(error)
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Brings the copy up to the server's head when it is behind: one small query when it is not. A failure is
    /// noted, not thrown: the copy is read as it stands, and `serverProblem` says why.
    func refreshFromServer() {
        guard let shared, shared.needsLook() else { return }
        do {
            let server = try shared.head()
            let local: (seq: Int64, hash: String) = try copyRead { try $0.logHead() } ?? (0, Hashing.zeroHash)
            if server.seq != local.seq || server.hash != local.hash { try catchUp() }
            shared.noteAnswered()
        } catch {
            shared.noteFailure(error)
            // Look again next time, notification or not.
            shared.listenState.withLock { $0.notified = true }
        }
    }

    /// Reads this machine's copy as it stands (`read` would first look at the server, and call back here).
    private func copyRead<T>(_ body: (StoreSession) throws -> T) throws -> T {
        try writer.read { try body(StoreSession(db: $0)) }
    }

    /// For a long-running client (the dashboard): listen for other machines' appends (LISTEN/NOTIFY), so reads
    /// look at the server only when something was appended. A database file has nothing to listen to.
    public func listenForChanges() {
        shared?.startListening()
    }

    /// Why the shared server did not answer the last look, nil while it does (and always for a file).
    public var serverProblem: String? { shared?.problem }

    // MARK: - The scheduler's lease: one per server, or one per file

    /// Takes the scheduler lease when it is free, expired or already `holder`'s; false when another holds it.
    public func acquireSchedulerLease(holder: String, now: Date, until expiry: Date) throws -> Bool {
        if let shared {
            do { return try shared.acquireLease(holder: holder, now: now, until: expiry) } catch { throw StoreError.wrap(error, path: path) }
        }
        return try write { try $0.acquireSchedulerLease(holder: holder, now: now, until: expiry) }
    }

    public func releaseSchedulerLease(holder: String) throws {
        if let shared {
            do { try shared.releaseLease(holder: holder) } catch { throw StoreError.wrap(error, path: path) }
            return
        }
        try write { try $0.releaseSchedulerLease(holder: holder) }
    }

    public func schedulerLease() throws -> (holder: String, expiresAt: Date)? {
        if let shared {
            do { return try shared.lease() } catch { throw StoreError.wrap(error, path: path) }
        }
        return try read { try $0.schedulerLease() }
    }
}
