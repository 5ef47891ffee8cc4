import Foundation
import OneVoiceCore
import OneVoiceTUI

/// How commands print: JSON for scripts, aligned text for people.
///
/// `--json` answers use the one JSON form of every other output (the outbox, the webhook body, the
/// export): camelCase keys as the records carry them, keys sorted, times as UTC ISO 8601.
enum Output {
    static func json(_ value: some Encodable) {
        Swift.print(TerminalText.safeJSON(CanonicalJSON.pretty(value)))
    }

    /// Prints rows as columns separated by two spaces, padded by display width.
    /// Each cell is shown on one line, with control and invisible characters shown visibly.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = ([header] + rows).map { $0.map { TerminalText.safe($0, singleLine: true) } }
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        for row in all {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 || i >= widths.count ? cell : cell + String(repeating: " ", count: max(0, widths[i] - DisplayWidth.of(cell)))
            }
            print(cells.joined(separator: "  "))
        }
    }

    static func error(_ sentence: String) {
        FileHandle.standardError.write(Data((TerminalText.safe(sentence) + "\n").utf8))
    }

    /// An error under `--json`: one JSON value on standard output, `{"error": {"exitCode": n, "message": ...}}`,
    /// in the same key style as every other answer.
    static func jsonError(_ sentence: String, exitCode: Int32) {
        struct Body: Encodable { let message: String; let exitCode: Int32 }
        struct Wrapper: Encodable { let error: Body }
        json(Wrapper(error: Body(message: sentence, exitCode: exitCode)))
    }
}

/// The JSON answer of commands that create something.
struct CreatedID: Encodable {
    let id: Int64
}
