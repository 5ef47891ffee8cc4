import Foundation

/// A text file only its owner can read, in a folder only its owner can enter: where a release is
/// edited in $VISUAL/$EDITOR. (A draft may hold names under a release hold; /tmp is shared.)
public struct PrivateDraftFile: Sendable {
    public let url: URL
    private let folder: URL

    /// Makes a new private folder (mode 0700) under the temporary directory and writes `text` into a
    /// file in it (mode 0600), created fresh (never following a planted file or link).
    public init(text: String, suffix: String = ".txt") throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-XXXXXX").path
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw FileError.cannotWrite(path: template, reason: String(cString: strerror(errno)))
        }
        folder = URL(fileURLWithPath: String(cString: made))
        url = folder.appendingPathComponent("release\(suffix)")
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: folder)
            throw FileError.cannotWrite(path: url.path, reason: reason)
        }
        let data = Data(text.utf8)
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == data.count else {
            try? FileManager.default.removeItem(at: folder)
            throw FileError.cannotWrite(path: url.path, reason: "short write")
        }
    }

    /// What the editor left, checked as any text input is (`TextInput.read`).
    public func read() throws -> String {
        try TextInput.read(contentsOf: url)
    }

    /// Removes the file and its folder.
    public func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}
