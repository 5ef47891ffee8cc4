import Foundation
import Testing

/// Stored text never reaches the terminal raw: whatever got into the database (an old build, a hand
/// with sqlite3), every command shows control, escape and bidi characters visibly.
@Suite("CLI hostile output", .serialized)
struct HostileOutputCLITests {
    /// Escape sequences and characters a terminal would act on, each in its own class.
    static let payloads = [
        "\u{1B}[2J", "\u{1B}]52;c;ZXZpbA==\u{07}", "\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\", "\u{07}", "over\rwrite",
        "\u{9B}31m", "\u{202E}desrever", "zero\u{200B}width", "\u{2066}isolate\u{2069}", "\u{0}nul", "\u{7F}del",
    ]

    static func hasRaw(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
                || [0x202E, 0x200B, 0x2066, 0x2069].contains(v)
        }
    }

    @Test func everyCommandShowsStoredTextSafely() throws {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        _ = try cli.json(["incident", "open", "--title", "Elm Park", "--kind", "general", "--location", "Elm Street"])
        _ = try cli.json(["fact", "add", "1", "--text", "One adult was hurt.", "--source", "Lt. Ortiz", "--source-kind", "incident-commander"])
        _ = try cli.json(["rumor", "add", "1", "--text", "A rumor", "--seen-at", "X"])
        _ = try cli.json(["named", "add", "1", "--name", "Pat Doe", "--category", "victim"])
        _ = try cli.json(["release", "draft", "1"])
        let edited = try cli.run(["release", "edit", "1", "--text-file", "-"], stdin: "A new text.\n")
        #expect(edited.status == 0, "\(edited.stderr)")
        let payload = Self.payloads.joined(separator: " ")
        // As bytes: a NUL cannot travel in a command-line argument.
        let quoted = "CAST(X'" + payload.utf8.map { String(format: "%02X", $0) }.joined() + "' AS TEXT)"
        for sql in [
            "UPDATE incident SET title = \(quoted), location = \(quoted)",
            "UPDATE fact SET text = \(quoted), source = \(quoted)",
            "UPDATE rumor SET text = \(quoted), seenAt = \(quoted)",
            "UPDATE namedPerson SET name = \(quoted)",
            "UPDATE releaseRevision SET text = \(quoted)",
            "UPDATE pressRelease SET title = \(quoted)",
            "UPDATE person SET displayName = \(quoted)",
        ] {
            try Self.sqlite(cli.databasePath, sql)
        }
        let commands: [[String]] = [
            ["incident", "list"], ["incident", "show", "1"], ["fact", "list", "1"], ["rumor", "list", "1"],
            ["named", "list", "1"], ["release", "show", "1"], ["release", "diff", "1", "1", "2"], ["roster", "list"],
            ["archive", "search", "adult"], ["archive", "search", "rumor"],
        ]
        for command in commands {
            for arguments in [command, command + ["--json"]] {
                let result = try cli.run(arguments)
                #expect(!Self.hasRaw(result.stdout), "\(arguments.joined(separator: " ")) printed raw: \(result.stdout.debugDescription)")
                #expect(!Self.hasRaw(result.stderr), "\(arguments.joined(separator: " ")) wrote raw: \(result.stderr.debugDescription)")
            }
        }
        // JSON still carries the exact value for scripts (SQLite hands text back up to a NUL).
        let listed = try cli.json(["incident", "list"]) as? [[String: Any]]
        let upToNUL = String(payload.prefix { $0 != "\u{0}" })
        #expect(listed?.first?["title"] as? String == upToNUL, "the JSON value changed")
        let shown = try cli.run(["incident", "show", "1"])
        #expect(shown.stdout.contains("␛[2J"))
        #expect(shown.stdout.contains("\\u{202E}desrever"))
    }

    @Test func controlCharactersAreRefusedFromArgumentsFilesAndStandardInput() throws {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let title = try cli.run(["incident", "open", "--title", "Elm\u{1B}[2J", "--kind", "general", "--location", "x"])
        #expect(title.status == 1)
        #expect(title.stderr.contains("control character (U+001B) at 1:4"), "\(title.stderr)")
        _ = try cli.json(["incident", "open", "--title", "Elm Park", "--kind", "general", "--location", "Elm Street"])
        _ = try cli.json(["release", "draft", "1"])
        let piped = try cli.run(["release", "edit", "1", "--text-file", "-"], stdin: "Line one\nLine\u{7} two\n")
        #expect(piped.status == 1)
        #expect(piped.stderr.contains("at 2:5"), "\(piped.stderr)")
        let file = cli.home.appendingPathComponent("bad.txt")
        try Data([0x4F, 0x4B, 0x0A, 0x61, 0xFF, 0x62]).write(to: file)
        let fromFile = try cli.run(["release", "edit", "1", "--text-file", file.path])
        #expect(fromFile.status == 1)
        #expect(fromFile.stderr.contains("not valid UTF-8 at 2:2"), "\(fromFile.stderr)")
        #expect(try cli.run(["archive", "verify"]).status == 0)
    }

    @Test func wrongPathsAndThemesAreNamedForWhatTheyAre() throws {
        let cli = try CLIRunner()
        let theme = try cli.run(["dashboard", "--theme", "../../x"])
        #expect(theme.status == 64)
        #expect(theme.stderr.contains("--theme takes a theme name"), "\(theme.stderr)")
        let device = try cli.run(["incident", "list", "--db", "/dev/null"])
        #expect(device.status == 1)
        #expect(device.stderr.contains("/dev/null is a device, not a database file"), "\(device.stderr)")
        #expect(!device.stderr.contains("full"))
        let folder = try cli.run(["incident", "list", "--db", cli.home.path])
        #expect(folder.stderr.contains("is a folder, not a database file"), "\(folder.stderr)")
        let initFolder = try cli.run(["init", "--agency", "X", "--timezone", "UTC", "--db", cli.home.path])
        #expect(initFolder.stderr.contains("is a folder, not a database file"), "\(initFolder.stderr)")
    }

    /// Run as another user (root may write anything): the database file and its folder read-only.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv"))
    func aReadOnlyDatabaseAnswersEveryReadCommand() throws {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        _ = try cli.json(["incident", "open", "--title", "Elm Park", "--kind", "general", "--location", "Elm Street"])
        _ = try cli.json(["fact", "add", "1", "--text", "One adult was hurt.", "--source", "Lt. Ortiz", "--source-kind", "incident-commander"])
        let fm = FileManager.default
        let file = cli.databasePath
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        try fm.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file)
        for dir in [folder, folder.deletingLastPathComponent(), cli.home] {
            try fm.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.path)
        }
        defer {
            for dir in [cli.home, folder.deletingLastPathComponent(), folder] {
                try? fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
            }
        }
        let nobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        for command in [["incident", "list"], ["incident", "show", "1"], ["fact", "list", "1"], ["archive", "verify"],
                        ["schedule", "list"], ["archive", "search", "adult"], ["roster", "list"]] {
            let result = try cli.start(command + ["--db", file], wrapper: nobody).finish()
            #expect(result.status == 0, "\(command.joined(separator: " ")): \(result.stderr)")
        }
        let listed = try cli.start(["incident", "list", "--db", file], wrapper: nobody).finish()
        #expect(listed.stdout.contains("Elm Park"))
    }

    static func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 failed on \(sql.prefix(40))")
    }
}
