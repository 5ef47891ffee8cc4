import Crypto
import Foundation

/// Builds an export in a hidden folder beside its destination and moves it into place only when complete,
/// so a failure never leaves half an export. Records each file's SHA-256 and size for the manifest.
final class ExportWriter {
    let destination: URL
    let zip: Bool
    /// The hidden working folder (same file system as the destination, so the final move is a rename).
    let work: URL
    /// Where the files go: `work/NAME`.
    let root: URL
    private(set) var files: [ExportManifest.File] = []

    /// Refuses a destination that already holds something, before any work is done.
    init(destination: URL, zip: Bool) throws {
        let fm = FileManager.default
        var destination = destination.standardizedFileURL
        if zip && destination.pathExtension.lowercased() != "zip" { destination = destination.appendingPathExtension("zip") }
        self.destination = destination
        self.zip = zip
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            let empty = isDirectory.boolValue && ((try? fm.contentsOfDirectory(atPath: destination.path))?.isEmpty ?? false)
            guard empty && !zip else { throw ExportError.destinationExists(path: destination.path) }
        }
        let parent = destination.deletingLastPathComponent()
        guard fm.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExportError.noParent(path: parent.path)
        }
        if zip && !fm.isExecutableFile(atPath: ExportWriter.zipTool) { throw ExportError.noZipTool }
        let name = zip ? destination.deletingPathExtension().lastPathComponent : destination.lastPathComponent
        work = parent.appendingPathComponent(".\(name).partial-\(UUID().uuidString.prefix(8))")
        root = work.appendingPathComponent(name)
        // mkdir(2) rather than FileManager: its errno names the cause ("permission denied", "read-only file
        // system"), and the error names the folder the person chose, not the hidden working one.
        for folder in [work, root] where mkdir(folder.path, 0o755) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: work)
            throw FileError.cannotWrite(path: parent.path, reason: reason)
        }
    }

    static let zipTool = "/usr/bin/zip"

    /// Writes one whole file at `path` (relative, with `/`).
    /// Thousands of small files: each is written without its own fsync, and `finish` makes them all
    /// durable at once before the export is moved into place.
    func write(_ data: Data, to path: String) throws {
        let fd = try create(path)
        defer { close(fd) }
        try data.withUnsafeBytes { try writeAll(fd, $0) }
        files.append(.init(path: path, sha256: Hashing.sha256Hex(data), bytes: data.count))
    }

    private var folders: Set<String> = []

    /// Creates (or empties) one file of the export, making its folders first; returns its descriptor.
    private func create(_ path: String) throws -> Int32 {
        let components = path.split(separator: "/").dropLast()
        var folder = root.path
        for component in components {
            folder += "/" + component
            if !folders.contains(folder) {
                guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { throw failure() }
                folders.insert(folder)
            }
        }
        let fd = open(root.appendingPathComponent(path).path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure() }
        return fd
    }

    private func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            offset += n
        }
    }

    /// A write that failed, named by the export the person asked for (which hidden file it was would not
    /// help them) and errno's own words: "no space left on device", "permission denied".
    private func failure(_ code: Int32 = errno) -> FileError {
        .cannotWrite(path: destination.path, reason: String(cString: strerror(code)))
    }

    /// Flushes every file written to disk: one syncfs of the export's file system where the C library has
    /// it (Linux), otherwise one fsync per file.
    private func synchronizeAll() throws {
        typealias SyncFS = @convention(c) (Int32) -> Int32
        if let library = dlopen(nil, RTLD_NOW), let symbol = dlsym(library, "syncfs") {
            let syncfs = unsafeBitCast(symbol, to: SyncFS.self)
            let fd = open(root.path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw failure() }
            defer { close(fd) }
            guard syncfs(fd) == 0 else { throw failure() }
            return
        }
        for file in files {
            let fd = open(root.appendingPathComponent(file.path).path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            guard fsync(fd) == 0 else { throw failure() }
        }
    }

    func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }

    /// Writes a file in pieces (the log can be large), hashing as it goes.
    func stream(to path: String, _ body: (_ emit: (String) throws -> Void) throws -> Void) throws {
        let fd = try create(path)
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = Data()
        var bytes = 0
        func flush() throws {
            try buffer.withUnsafeBytes { try writeAll(fd, $0) }
            buffer.removeAll(keepingCapacity: true)
        }
        try body { text in
            let data = Data(text.utf8)
            hasher.update(data: data)
            bytes += data.count
            buffer.append(data)
            if buffer.count >= 1 << 20 { try flush() }
        }
        try flush()
        guard fsync(fd) == 0 else { throw failure() }
        files.append(.init(path: path, sha256: Hashing.hex(hasher.finalize()), bytes: bytes))
    }

    /// Moves the finished export into place (zipping it first when asked). Returns where it is.
    func finish() throws -> URL {
        let fm = FileManager.default
        try synchronizeAll()
        if zip {
            let archive = work.appendingPathComponent(destination.lastPathComponent)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.zipTool)
            process.arguments = ["-r", "-X", "-q", archive.path, root.lastPathComponent]
            process.currentDirectoryURL = work
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ExportError.zipFailed(detail: message.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            try move(archive, to: destination)
        } else {
            // An empty folder at the destination is replaced; anything else was refused at the start.
            if fm.fileExists(atPath: destination.path) { try? fm.removeItem(at: destination) }
            try move(root, to: destination)
        }
        try? fm.removeItem(at: work)
        return destination
    }

    private func move(_ from: URL, to: URL) throws {
        if rename(from.path, to.path) != 0 {
            let reason = String(cString: strerror(errno))
            throw FileError.cannotWrite(path: to.path, reason: reason)
        }
    }

    /// Removes the working folder after a failure.
    func abandon() {
        try? FileManager.default.removeItem(at: work)
    }
}

public enum ExportError: Error, CustomStringConvertible, LocalizedError, Equatable {
    case destinationExists(path: String)
    case noParent(path: String)
    case noZipTool
    case zipFailed(detail: String)
    case notAnExport(path: String)

    public var description: String {
        switch self {
        case .destinationExists(let path): "\(path) already exists; choose a new name for the export (nothing was written)."
        case .noParent(let path): "The folder \(path) does not exist; create it or choose another place for the export."
        case .noZipTool: "--zip needs the zip program at \(ExportWriter.zipTool); install it (apt-get install zip) or export to a folder without --zip."
        case .zipFailed(let detail): "zip could not pack the export (\(detail)); nothing was written."
        case .notAnExport(let path): "\(path) is not a OneVoice export: it has no readable manifest.json."
        }
    }

    public var errorDescription: String? { description }
}
