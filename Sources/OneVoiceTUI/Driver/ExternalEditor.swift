import CNcursesw
import Foundation
import OneVoiceCore

/// Runs the person's editor on a temporary file, the way git does: $VISUAL, then $EDITOR, then vi, through the shell.
/// The editor runs in this process's own process group, which holds the terminal's foreground, so it reads the tty;
/// this process waits (reading no keys) until it exits. The file lives in a private folder (0700) with mode 0600
/// and is removed afterwards. Used by the dashboard's `e` and by `onevoice release edit`.
public enum ExternalEditor {
    public static func edit(_ initial: String, environment: [String: String], suffix: String = ".txt") throws -> String {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
        let folder = try privateFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("release\(suffix)")
        try create(file, with: initial)
        let status = ov_run_in_foreground("\(editor) \"$1\"", editor, file.path)
        if status == -1 { throw EditorFailed(editor: editor, reason: .couldNotStart(String(cString: strerror(errno)))) }
        if ov_wifsignaled(status) != 0 { throw EditorFailed(editor: editor, reason: .signal(ov_wtermsig(status))) }
        let code = ov_wifexited(status) != 0 ? ov_wexitstatus(status) : status
        guard code == 0 else { throw EditorFailed(editor: editor, reason: .status(code)) }
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw EditorFailed(editor: editor, reason: .unreadable)
        }
        return text
    }

    /// A new folder only this user can enter, under the temporary directory.
    static func privateFolder() throws -> URL {
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-edit-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else { throw EditorFailed(editor: "", reason: .couldNotStart("no private temporary folder: \(String(cString: strerror(errno)))")) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        chmod(path, 0o700)
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    /// Creates `url` with mode 0600 (whatever the umask) and writes `text`.
    static func create(_ url: URL, with text: String) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw EditorFailed(editor: "", reason: .couldNotStart("cannot write the temporary file: \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw EditorFailed(editor: "", reason: .couldNotStart("cannot write the temporary file: \(String(cString: strerror(errno)))"))
            }
            written += n
        }
    }

    public struct EditorFailed: Error, CustomStringConvertible, LocalizedError {
        public enum Reason: Sendable, Equatable {
            case status(Int32)
            case signal(Int32)
            case couldNotStart(String)
            case unreadable
        }
        public let editor: String
        public let reason: Reason

        public var description: String {
            switch reason {
            case .status(let code):
                "The editor (\(editor)) exited with status \(code); nothing was saved. Set VISUAL or EDITOR to an editor that works here, and try again."
            case .signal(let number):
                "The editor (\(editor)) was stopped by signal \(number); nothing was saved. Try again."
            case .couldNotStart(let detail):
                "The editor could not start (\(detail)); nothing was saved. Check VISUAL or EDITOR and the temporary folder, and try again."
            case .unreadable:
                "The edited file is not UTF-8 text (or was removed); nothing was saved. Save it as UTF-8 and try again."
            }
        }
        public var errorDescription: String? { description }
    }
}
