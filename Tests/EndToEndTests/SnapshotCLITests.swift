import Foundation
import Testing

/// `onevoice snapshot --height H` prints exactly H lines (no extra empty line at the end), for every view.
@Suite("Snapshot CLI")
struct SnapshotCLITests {
    @Test func printsExactlyHeightLines() throws {
        let runner = try CLIRunner()
        defer { try? FileManager.default.removeItem(at: runner.home) }
        for (view, height) in [("board", 30), ("log", 24), ("schedule", 41), ("help", 30)] {
            let result = try runner.run(["snapshot", "--demo", "--view", view, "--width", "100", "--height", "\(height)"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasSuffix("\n"), "\(view): a newline ends the last line")
            #expect(result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().count == height,
                    "\(view): \(result.stdout.split(separator: "\n", omittingEmptySubsequences: false).count - 1) lines for --height \(height)")
        }
    }
}
