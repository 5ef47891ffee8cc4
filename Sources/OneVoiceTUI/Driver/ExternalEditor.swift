import Foundation
import OneVoiceCore

/// Runs the person's editor on a temporary file, the way git does: $VISUAL, then $EDITOR, then vi, through the shell.
/// (The CLI's `Editor` does the same for `onevoice release edit`.)
enum ExternalEditor {
    static func edit(_ initial: String, environment: [String: String], suffix: String = ".txt") throws -> String {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let draft = try PrivateDraftFile(text: initial, suffix: suffix)
        defer { draft.remove() }
        let url = draft.url
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", editor, url.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw EditorFailed(editor: editor, status: process.terminationStatus) }
        return try draft.read()
    }

    struct EditorFailed: Error, CustomStringConvertible {
        let editor: String
        let status: Int32
        var description: String { "The editor (\(editor)) exited with status \(status); nothing was saved." }
    }
}
