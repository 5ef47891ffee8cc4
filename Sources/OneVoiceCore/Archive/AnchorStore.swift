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
    }

    /// The file for one log, named by its first entry's hash (copies of a database share their anchors).
    public func file(logKey: String) -> URL {
        directory.appendingPathComponent("\(logKey.prefix(32)).jsonl")
    }

    /// Appends one record; the folder is private to the user. Fails quietly only in the sense that it throws
    /// to the caller, who decides whether a missing note outside the database may stop the work.
    public func record(_ anchor: ChainAnchor, source: String, logKey: String, at time: Date) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let line = CanonicalJSON.string(Record(seq: anchor.seq, hash: anchor.hash, source: source, at: time)) + "\n"
        let path = file(logKey: logKey).path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { throw FileError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw FileError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Every record kept for one log (lines that cannot be read are skipped: the file is the user's own notes).
    public func records(logKey: String) -> [Record] {
        guard let data = try? Data(contentsOf: file(logKey: logKey)) else { return [] }
        let decoder = ExportJSON.decoder
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(Record.self, from: Data($0)) }
    }
}
