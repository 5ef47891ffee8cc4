import Foundation

/// Writing files so that a crash or a full disk never leaves half a file behind.
public enum FileSafety {
    /// Writes `data` to a temporary file in the same folder, syncs it, then renames it over `url`.
    public static func writeAtomically(_ data: Data, to url: URL, mode: Int = 0o644, directoryMode: Int = 0o755) throws {
        let fm = FileManager.default
        let dir = url.deletingLastPathComponent()
        try fm.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: directoryMode])
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC, mode_t(mode))
        guard fd >= 0 else { throw FileError.cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += n
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure != 0 {
            unlink(tmp.path)
            throw FileError.cannotWrite(path: url.path, reason: String(cString: strerror(failure)))
        }
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tmp.path)
            throw FileError.cannotWrite(path: url.path, reason: reason)
        }
    }
}

public enum FileError: Error, CustomStringConvertible, LocalizedError {
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "Could not write \(path): \(reason.lowercased()); nothing was changed."
        case .cannotRead(let path, let reason): "Could not read \(path): \(reason.lowercased())."
        }
    }

    public var errorDescription: String? { description }
}
