import Foundation
import Testing
import OneVoiceCore

/// `e` lends the terminal to $VISUAL: the editor runs in the terminal's foreground process group and reads the
/// tty itself (keys typed meanwhile never reach the dashboard), its file is private, and the dashboard comes back.
@Suite(.serialized, .enabled(if: DashboardTmux.available, "needs tmux"))
struct DashboardTmuxEditorTests {
    /// An editor that reads one line from /dev/tty and puts it first in the release text (after the file's header); it notes the modes of the
    /// file and its folder, and whether it had the terminal's foreground.
    static func editorScript(notes: String) -> String {
        """
        #!/bin/sh
        stat -c '%a' "$1" > '\(notes)'
        stat -c '%a' "$(dirname "$1")" >> '\(notes)'
        ps -o tpgid= -o pgid= -p $$ >> '\(notes)'
        printf 'EDITOR READS THE TTY> ' > /dev/tty
        IFS= read -r line < /dev/tty || exit 3
        awk -v l="$line" '{ print } $0 == "\(EditableRelease.headerEnd)" { print l }' "$1" > "$1.new" && cat "$1.new" > "$1" && rm -f "$1.new"
        """
    }

    @Test func theEditorGetsTheTerminalAndTheDashboardComesBack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-editor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("ttyeditor")
        let notes = dir.appendingPathComponent("notes").path
        try Self.editorScript(notes: notes).write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)

        let tmux = try DashboardTmux(arguments: ["--demo", "--as", "drafter"], width: 120, height: 40,
                                     environment: ["VISUAL": script.path])
        defer { tmux.stop() }
        try #require(tmux.wait(for: "Incident board", timeout: 20) != nil, "\(tmux.screen())")
        // The officer-involved shooting's full release is a draft: open it.
        try tmux.press("/")
        try tmux.type("Elm Park")
        try tmux.press("Enter", "Enter")
        try #require(tmux.wait(for: "[1 Overview]") != nil, "\(tmux.screen())")
        try tmux.press("3")
        try #require(tmux.wait(for: "[3 Releases]") != nil)
        try tmux.press("Enter")
        try #require(tmux.wait(for: "DRAFT rev 1") != nil, "\(tmux.screen())")

        try tmux.press("e")
        try #require(tmux.wait(for: "EDITOR READS THE TTY>") != nil, "the editor did not get the terminal:\n\(tmux.screen())")
        // An "a" here would open the Approve dialog if the dashboard were reading the keys.
        let line = "A line typed in the editor, as a person would."
        try tmux.type(line)
        try tmux.press("Enter")
        let back = try #require(tmux.wait(for: "Saved revision 2", timeout: 10), "the dashboard did not come back:\n\(tmux.screen())")
        #expect(back.contains("DRAFT rev 2"))
        #expect(back.contains(line), "the edited text shows")
        #expect(!back.contains("Approve release"), "no key reached the dashboard while the editor ran")

        let noted = try String(contentsOfFile: notes, encoding: .utf8).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(noted.count >= 3, "\(noted)")
        #expect(noted.first == "600", "the temporary file is private: \(noted)")
        #expect(noted.dropFirst().first == "700", "its folder is private: \(noted)")
        let groups = noted.dropFirst(2).first?.split(separator: " ").map(String.init) ?? []
        #expect(groups.count == 2 && groups[0] == groups[1], "the editor is in the terminal's foreground process group: \(groups)")

        try tmux.press("q")
        #expect(tmux.wait(for: "EXIT=0") != nil, "\(tmux.screen())")
    }
}
