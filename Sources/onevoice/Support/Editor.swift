import Foundation
import OneVoiceCore

/// Opens a file in the user's editor the way git does: $VISUAL, then $EDITOR, then vi, run through the shell.
enum Editor {
    static func edit(_ initial: String, suffix: String = ".txt") throws -> String {
        let env = ProcessInfo.processInfo.environment
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let draft = try PrivateDraftFile(text: initial, suffix: suffix)
        defer { draft.remove() }
        let url = draft.url
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", editor, url.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw EditorError.failed(editor: editor, status: process.terminationStatus)
        }
        return try draft.read()
    }

    enum EditorError: Error, CustomStringConvertible {
        case failed(editor: String, status: Int32)
        var description: String {
            switch self {
            case .failed(let editor, let status): "The editor (\(editor)) exited with status \(status); nothing was saved."
            }
        }
    }
}
