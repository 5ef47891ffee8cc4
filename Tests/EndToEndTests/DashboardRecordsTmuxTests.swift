import Foundation
import OneVoiceCore
import Testing

/// Answering a records request from the dashboard: search the demo's records log, step to the next match,
/// narrow the log to one incident, export it from the dialog, and check the export without the database.
@Suite(.serialized, .enabled(if: DashboardTmux.available, "needs tmux"))
struct DashboardRecordsTmuxTests {
    @Test func searchNextMatchExportAndCheck() throws {
        let tmux = try DashboardTmux(arguments: ["--demo"], width: 120, height: 40)
        defer { tmux.stop() }
        try #require(tmux.wait(for: "Incident board", timeout: 20) != nil, "the dashboard did not start:\n\(tmux.screen())")
        try tmux.press("2")
        try #require(tmux.wait(for: "Records log (newest first)") != nil, "\(tmux.screen())")

        // Search the records: the hits replace the log, newest first; n steps to the second match.
        try tmux.press("/")
        try tmux.type("mall")
        try tmux.press("Enter")
        let hits = try #require(tmux.wait(for: "/mall: match 1 of"), "no search results:\n\(tmux.screen())")
        #expect(hits.contains("Search \"mall\" (newest first)"))
        try tmux.press("n")
        let second = try #require(tmux.wait(for: "/mall: match 2 of"), "n did not move:\n\(tmux.screen())")
        #expect(second.split(separator: "\n").filter { $0.hasPrefix("> ") }.count == 1)
        // The match is highlighted: underlined (and bold) right where the word is drawn.
        let styled = tmux.screen(escapes: true)
        #expect(Self.isUnderlined("mall", in: styled) || Self.isUnderlined("Mall", in: styled), "no underlined match:\n\(styled)")
        try tmux.press("Escape")
        try #require(tmux.wait(for: "Records log (newest first)") != nil, "Esc did not clear the search:\n\(tmux.screen())")

        // Narrow the log to the active shooter: words of its title, the only match is taken.
        try tmux.press("f")
        try #require(tmux.wait(for: "Filter the records log") != nil, "\(tmux.screen())")
        try tmux.type("Riverton Mall")
        try tmux.press("Enter", "Enter", "Enter")
        let filtered = try #require(tmux.wait(for: "Records log · filter: incident"), "no filter:\n\(tmux.screen())")
        let incident = try #require(filtered.split(separator: "\n")[1].split(separator: " ").drop { $0 != "incident" }.dropFirst().first
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ",·")) })

        // Export it: the dialog says what will be written, Enter writes it.
        try tmux.press("e")
        let dialog = try #require(tmux.wait(for: "Export for a records request"), "no export dialog:\n\(tmux.screen())")
        #expect(dialog.contains("Scope: incident \(incident)"))
        #expect(dialog.contains("manifest.json") && dialog.contains("log.jsonl") && dialog.contains("readable/releases/"))
        #expect(dialog.contains("~/onevoice-exports/incident-\(incident)-exported-"))
        try tmux.press("Enter")
        let written = try #require(tmux.wait(for: "Export written"), "the export was not written:\n\(tmux.screen())")

        let exports = tmux.runner.home.appendingPathComponent("onevoice-exports")
        let folders = try FileManager.default.contentsOfDirectory(atPath: exports.path).filter { !$0.hasPrefix(".") }
        try #require(folders.count == 1, "\(folders)")
        let folder = exports.appendingPathComponent(folders[0])
        // The dialog shows the manifest's SHA-256: the one of the file written.
        let manifestData = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        #expect(written.contains("SHA-256 of manifest.json: \(Hashing.sha256Hex(manifestData))"), "\(written)")
        let check = try tmux.runner.run(["archive", "check-export", folder.path])
        #expect(check.status == 0, "check-export failed: \(check.stdout) \(check.stderr)")
        #expect(check.stdout.contains("\nThe export holds"), "\(check.stdout)")
        let manifest = String(decoding: manifestData, as: UTF8.self)
        #expect(manifest.contains("\"incidentID\" : \(incident)\n"), "the manifest names the incident")

        try tmux.press("Enter", "q")
        #expect(tmux.wait(for: "EXIT=0") != nil, "no clean exit:\n\(tmux.screen())")
    }

    /// Whether some occurrence of `word` comes right after SGR sequences that turn underline (4) on.
    static func isUnderlined(_ word: String, in styled: String) -> Bool {
        var rest = Substring(styled)
        while let found = rest.range(of: word) {
            var before = rest[..<found.lowerBound]
            // Walk back over the escape sequences directly in front of the word.
            while before.hasSuffix("m"), let start = before.range(of: "\u{1B}[", options: .backwards) {
                let parameters = before[start.upperBound..<before.index(before.endIndex, offsetBy: -1)]
                guard parameters.allSatisfy({ $0.isNumber || $0 == ";" }) else { break }
                if parameters.split(separator: ";").contains("4") { return true }
                before = before[..<start.lowerBound]
            }
            rest = rest[found.upperBound...]
        }
        return false
    }
}
