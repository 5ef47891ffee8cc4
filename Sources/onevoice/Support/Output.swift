import Foundation
import OneVoiceCore

/// How commands print: JSON with snake_case keys for scripts, aligned text for people.
enum Output {
    static func json(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamps.iso8601(date))
        }
        // Our own value types always encode.
        Swift.print(TerminalText.safeJSON(String(decoding: try! encoder.encode(value), as: UTF8.self)))
    }

    /// Prints rows as columns separated by two spaces, padded by display width.
    /// Each cell is shown on one line, with control and invisible characters shown visibly.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = ([header] + rows).map { $0.map { TerminalText.safe($0, singleLine: true) } }
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        for row in all {
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }
            print(cells.joined(separator: "  "))
        }
    }

    static func error(_ sentence: String) {
        FileHandle.standardError.write(Data((TerminalText.safe(sentence) + "\n").utf8))
    }
}

/// The JSON answer of commands that create something.
struct CreatedID: Encodable {
    let id: Int64
}
