import Foundation

/// The chain heads this user has seen, kept outside the database (under the XDG state folder), one JSON line
/// each: every delivery the user's scheduler made, every export, every verification that held. A log later
/// cut back or rewritten past one of them fails `archive verify`, whatever the database file says.
public struct AnchorStore: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// `~/.local/state/onevoice/anchors` (or under `$XDG_STATE_HOME`).
    public static var standard: AnchorStore {
        AnchorStore(directory: XDGPaths().stateDirectory.appendingPathComponent("anchors"))
    }

    public struct Record: Codable, Sendable, Hashable {
        public var seq: Int64
        public var hash: String
        /// What left the database with this head: "delivery of post #12 (x)", "export to …", "verified".
        public var source: String
        public var at: Date
        /// The log's key (its first entry's hash) when the head was seen: kept in the database file's own notes,
        /// where a log recomputed from its first entry (new keys, a new founding) shows as a changed key.
        public var logKey: String?
    }

    /// The file for one log, named by its first entry's hash (copies of a database share their anchors).
    public func file(logKey: String) -> URL {
        directory.appendingPathComponent("\(logKey.prefix(32)).jsonl")
    }

    /// The file for one database file, by its resolved path. The notes by log key cannot see a log rewritten
    /// from its first entry, whose key is new; these can.
    public func file(databasePath: String) -> URL {
        let resolved = URL(fileURLWithPath: databasePath).resolvingSymlinksInPath().standardizedFileURL.path
        return directory.appendingPathComponent("files")
            .appendingPathComponent("\(Hashing.sha256Hex(Data(resolved.utf8)).prefix(32)).jsonl")
    }

    /// Appends one record, under the log's key and, given the database's path, under the file's own notes too.
    public func record(_ anchor: ChainAnchor, source: String, logKey: String, databasePath: String?, at time: Date) throws {
        try append(CanonicalJSON.string(Record(seq: anchor.seq, hash: anchor.hash, source: source, at: time)) + "\n",
                   to: file(logKey: logKey))
        guard let databasePath else { return }
        let record = Record(seq: anchor.seq, hash: anchor.hash, source: source, at: time, logKey: logKey)
        try append(CanonicalJSON.string(record) + "\n", to: file(databasePath: databasePath))
    }

    /// The records kept for one database file.
    public func records(databasePath: String) -> [Record] { read(file(databasePath: databasePath)) }

    /// Sets a database file's notes aside when a new database is made there on purpose (`init`, the demo's
    /// reseeding): the new log starts a history of its own. The old notes are kept, renamed.
    public func retire(databasePath: String, at time: Date) {
        let file = file(databasePath: databasePath)
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        let retired = file.deletingPathExtension().appendingPathExtension("retired-\(Int(time.timeIntervalSince1970)).jsonl")
        try? FileManager.default.moveItem(at: file, to: retired)
    }

    /// Appends one line to a file of notes; the folder is private to the user. A failure throws to the caller,
    /// who decides whether a missing note outside the database may stop the work.
    private func append(_ line: String, to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let path = file.path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { throw FileError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw FileError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Every record kept for one log (lines that cannot be read are skipped: the file is the user's own notes).
    public func records(logKey: String) -> [Record] { read(file(logKey: logKey)) }

    private func read(_ file: URL) -> [Record] {
        guard let data = try? Data(contentsOf: file) else { return [] }
        let decoder = ExportJSON.decoder
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(Record.self, from: Data($0)) }
    }
}
