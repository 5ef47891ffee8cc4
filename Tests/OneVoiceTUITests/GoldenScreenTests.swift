import Foundation
import Testing
@testable import OneVoiceTUI

/// Compares rendered screens with the text files in Golden/. Set ONEVOICE_RECORD_GOLDEN=1 to rewrite them
/// (a missing file is written and the test fails, so a new golden is always looked at).
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ text: String, name: String, width: Int, height: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        // The contract of a snapshot: exactly H lines, none wider than W, no escape codes.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == height, "\(name): \(lines.count) lines", sourceLocation: sourceLocation)
        for line in lines {
            #expect(DisplayWidth.of(line) <= width, "\(name): too wide: \(line)", sourceLocation: sourceLocation)
            #expect(!line.contains("\u{1B}"), sourceLocation: sourceLocation)
        }
        let url = directory.appendingPathComponent("\(name).txt")
        let record = ProcessInfo.processInfo.environment["ONEVOICE_RECORD_GOLDEN"] == "1"
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("Recorded golden \(name).txt; check it and run again.", sourceLocation: sourceLocation)
            return
        }
        #expect(text == expected, "\(name) differs from Golden/\(name).txt", sourceLocation: sourceLocation)
    }
}

@Suite struct GoldenScreenTests {
    static let sizes = [(80, 24), (120, 40)]

    static let views: [(String, SnapshotView)] = [
        ("board", .board),
        ("log", .log),
        ("help", .help),
        ("incident-overview", .incident("INC-0042", tab: .overview)),
        ("incident-facts", .incident("INC-0042", tab: .facts)),
        ("incident-releases", .incident("INC-0042", tab: .releases)),
        ("incident-posts", .incident("INC-0042", tab: .posts)),
        ("incident-log", .incident("INC-0042", tab: .log)),
        ("incident-cjk-overview", .incident("INC-0043", tab: .overview)),
    ]

    @Test(arguments: views)
    func viewMatchesGolden(name: String, view: SnapshotView) {
        for (w, h) in Self.sizes {
            let text = SnapshotRenderer.render(view: view, source: Fixtures.source(), width: w, height: h, now: Fixtures.now)
            Golden.check(text, name: "\(name)-\(w)x\(h)", width: w, height: h)
        }
    }

    @Test func liveBoardReadOnly() {
        let text = SnapshotRenderer.render(view: .board, source: Fixtures.source(mode: .live, signedIn: false),
                                           width: 80, height: 24, now: Fixtures.now)
        Golden.check(text, name: "board-live-readonly-80x24", width: 80, height: 24)
    }

    @Test func tooSmall() {
        let text = SnapshotRenderer.render(view: .board, source: Fixtures.source(), width: 60, height: 20, now: Fixtures.now)
        Golden.check(text, name: "too-small-60x20", width: 60, height: 20)
        #expect(text.contains("needs 80x24, has 60x20"))
        #expect(text.contains("*** EXERCISE ***"))
    }
}
