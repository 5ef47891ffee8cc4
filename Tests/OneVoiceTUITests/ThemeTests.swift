import Foundation
import Testing
@testable import OneVoiceTUI

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

    @Test func builtinThemesMatchTheFilesAndParse() throws {
        for builtin in BuiltinThemes.all {
            let file = try String(contentsOf: Self.themesDirectory.appendingPathComponent("\(builtin.name).toml"), encoding: .utf8)
            #expect(file.trimmingCharacters(in: .newlines) == builtin.toml.trimmingCharacters(in: .newlines),
                    "Themes/\(builtin.name).toml and BuiltinThemes differ")
            let theme = try ThemeParser.parse(builtin.toml, file: builtin.name, base: nil)
            #expect(theme.name == builtin.name)
            #expect(Set(theme.styles.keys) == Set(ThemeRole.allCases), "\(builtin.name) must style every role")
        }
    }

    @Test func libraryLoadsEachThemeFromTheDirectory() {
        let library = ThemeLibrary(directory: Self.themesDirectory)
        for name in ["default", "high-contrast", "light", "monochrome"] {
            let loaded = library.load(name: name)
            #expect(loaded.warning == nil)
            #expect(loaded.theme.name == name)
        }
        #expect(library.load(name: "high-contrast").theme[.text].bg == .ansi(0))
    }

    @Test func colourSyntax() throws {
        let theme = try ThemeParser.parse("""
            [styles]
            text = { fg = "#ff8700", bg = 236 }
            title = { fg = "bright-red", bg = "color17", attrs = ["bold", "underline"] }
            """, file: "t.toml", base: nil)
        #expect(theme[.text] == Style(fg: .rgb(255, 135, 0), bg: .palette(236)))
        #expect(theme[.title] == Style(fg: .ansi(9), bg: .palette(17), attrs: [.bold, .underline]))
    }

    @Test func brokenTomlNamesFileAndLine() {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-theme-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try? "name = \"bad\"\n[styles]\ntext = { fg = \"red\" \n".write(to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let loaded = ThemeLibrary(directory: dir).load(name: "bad")
        #expect(loaded.theme == Theme.fallback)
        let warning = loaded.warning ?? ""
        #expect(warning.contains("bad.toml line 3"), "\(warning)")
        #expect(warning.contains("using the default theme"))
    }

    @Test func unknownColourNamesItsLine() {
        let text = "name = \"x\"\n\n[styles]\ntext = { fg = \"red\" }\ntitle = { fg = \"purplish\" }\n"
        #expect(throws: ThemeError(file: "x.toml", line: 5,
                                   message: "style \"title\": fg is not a colour (use \"default\", a name like \"bright-red\", \"#rrggbb\" or 0-255)")) {
            try ThemeParser.parse(text, file: "x.toml", base: nil)
        }
        #expect(throws: ThemeError.self) { try ThemeParser.parse("[styles]\nsparkle = { fg = \"red\" }\n", file: "y.toml", base: nil) }
    }

    @Test func missingThemeFallsBackWithAMessage() {
        let loaded = ThemeLibrary(directory: nil).load(name: "neon")
        #expect(loaded.theme == Theme.fallback)
        #expect(loaded.warning?.contains("No theme named \"neon\"") == true)
    }

    @Test func partialThemeTakesTheRestFromDefault() throws {
        let theme = try ThemeParser.parse("[styles]\ntext = { fg = \"green\" }\n", file: "p.toml", base: Theme.fallback)
        #expect(theme[.text].fg == .ansi(2))
        #expect(theme[.badgeExercise] == Theme.fallback[.badgeExercise])
    }

    @Test func configFileChoosesTheTheme() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("onevoice"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "theme = \"light\"\n".write(to: dir.appendingPathComponent("onevoice/config.toml"), atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": dir.path]
        #expect(ThemeLibrary.selectedName(commandLine: nil, environment: env).name == "light")
        #expect(ThemeLibrary.selectedName(commandLine: "monochrome", environment: env).name == "monochrome")
        try "theme = \n".write(to: dir.appendingPathComponent("onevoice/config.toml"), atomically: true, encoding: .utf8)
        let broken = ThemeLibrary.selectedName(commandLine: nil, environment: env)
        #expect(broken.name == "default")
        #expect(broken.warning?.contains("config.toml line 1") == true)
    }

    @Test func noColorKeepsOnlyAttributesAndExerciseStaysVisible() {
        let env = ["NO_COLOR": "1"]
        #expect(ColorDepth.detect(colors: 256, hasColors: true, environment: env) == .none)
        #expect(ColorDepth.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": ""]) == .palette256)
        let mono = Theme.fallback.withoutColor()
        for role in ThemeRole.allCases {
            #expect(mono[role].fg == .default && mono[role].bg == .default)
        }
        #expect(mono[.badgeExercise].attrs.isSuperset(of: [.reverse, .bold]))
        #expect(mono[.selected].attrs.contains(.reverse))
        #expect(mono[.badgeExercise] != mono[.topBar])
    }

    @Test func noColorScreenHasNoColours() {
        let program = Fixtures.program(colorEnabled: false)
        let screen = program.render()
        #expect(screen.cells.allSatisfy { $0.style.fg == .default && $0.style.bg == .default })
        // The EXERCISE badge is reverse + bold; the selected row is reverse.
        #expect(screen[0, 0].style.attrs.isSuperset(of: [.reverse, .bold]))
        #expect(screen[3, 2].style.attrs.contains(.reverse))
    }

    @Test func coloursMapDownToTheTerminal() {
        #expect(ColorDepth.palette256.index(of: .rgb(255, 0, 0)) == 196)
        #expect(ColorDepth.palette256.index(of: .rgb(128, 128, 128)) == 244)
        #expect(ColorDepth.palette256.index(of: .default) == -1)
        #expect(ColorDepth.sixteen.index(of: .palette(196)) == 9)
        #expect(ColorDepth.eight.index(of: .ansi(9)) == 1)
        #expect(ColorDepth.none.index(of: .ansi(1)) == -1)
    }
}

@Suite struct BadgeTests {
    @Test func liveAndExerciseDifferInWordsAndColours() {
        let exercise = Fixtures.program().render()
        let live = Fixtures.program(source: Fixtures.source(mode: .live)).render()
        #expect(exercise.line(0).hasPrefix("*** EXERCISE ***"))
        #expect(live.line(0).hasPrefix(" LIVE "))
        #expect(exercise[0, 0].style != live[0, 1].style)
        for name in ["default", "high-contrast", "light"] {
            let theme = ThemeLibrary(directory: nil).load(name: name).theme
            #expect(theme[.badgeExercise].bg != theme[.badgeLive].bg, "\(name)")
            #expect(theme[.badgeExercise] != theme[.topBar], "\(name)")
        }
    }
}

/// Theme names and folders: only names, only the user's and the installed folders.
@Suite struct ThemeNameTests {
    @Test(arguments: ["../../x", "/etc/passwd", "x.toml", "a/b", "", "..", ".hidden", "UPPER", "sp ace", "nul\u{0}", "esc\u{1B}[2J",
                      String(repeating: "a", count: 65)])
    func aPathOrOddNameIsNotATheme(_ name: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ov-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("inner"), withIntermediateDirectories: true)
        // A file the name would reach if it were taken as a path.
        try Data("name = \"planted\"\n".utf8).write(to: dir.appendingPathComponent("x.toml"))
        let loaded = ThemeLibrary(directory: dir.appendingPathComponent("inner")).load(name: name)
        #expect(loaded.theme == .fallback)
        #expect(loaded.warning?.contains("is not a theme name") == true)
        #expect(loaded.warning?.unicodeScalars.contains { $0.value < 0x20 } == false)
    }

    @Test func theUsersFolderComesFirstAndTheWorkingDirectoryNever() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ov-home-\(UUID().uuidString)")
        let user = home.appendingPathComponent("config/onevoice/themes")
        try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
        try Data("name = \"mine\"\n[styles]\ntext = { fg = \"red\", bg = \"default\" }\n".utf8).write(to: user.appendingPathComponent("mine.toml"))
        let library = ThemeLibrary.standard(environment: ["XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "HOME": home.path],
                                            executable: URL(fileURLWithPath: "/opt/onevoice/bin/onevoice"))
        #expect(library.directories.map(\.path) == [user.path, "/opt/onevoice/share/onevoice/themes"])
        #expect(library.load(name: "mine").theme.name == "mine")
        #expect(!library.directories.contains { $0.path.hasPrefix(FileManager.default.currentDirectoryPath + "/Themes") })
    }

    /// Found by the long property run: a stray ''' hid the style from the line finder.
    @Test func aStyleErrorAfterATripleQuoteStillNamesALine() {
        let text = "name = \"x\"\n# '''\n[styles]\ntext = { fg = \"nope\", bg = \"default\" }\n"
        do {
            _ = try ThemeParser.parse(text, file: "t.toml", base: nil)
            Issue.record("a bad colour parsed")
        } catch let error as ThemeError {
            #expect(error.line != nil, "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
