import Foundation
import Testing
@testable import OneVoiceTUI

/// Golden screens of the records log's search, filter and export, recorded like the others (ONEVOICE_RECORD_GOLDEN=1).
/// A plain-text golden cannot show a highlight, so each search screen also has a "marked" golden: the same
/// text with every highlighted cell between « and » (drawn with a theme whose match style alone blinks).
@Suite struct RecordsGoldenTests {
    static let sizes = [(80, 24), (120, 40)]

    /// The default theme, with a match style no other role has, so highlighted cells can be told apart.
    static let markingTheme: Theme = {
        var theme = Theme.fallback
        theme.styles[.match] = Style(fg: .ansi(0), bg: .ansi(3), attrs: [.bold, .underline, .blink])
        return theme
    }()

    static func program(_ width: Int, _ height: Int, keys: [Key], source: FakeDashboardSource = Fixtures.source()) -> DashboardProgram {
        DisplayWidth.ensureUTF8Locale()
        let program = DashboardProgram(source: source, width: width, height: height, theme: markingTheme, colorEnabled: true,
                                       themes: ThemeLibrary(directory: nil), clock: { Fixtures.now })
        program.start()
        for key in keys { program.send(.key(key)) }
        program.settle()  // what is read off the program's thread (the export's plan) comes in
        return program
    }

    static func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    /// The screen's text with each run of highlighted cells between « and ».
    static func marked(_ screen: Screen) -> String {
        (0..<screen.height).map { row -> String in
            var line = ""
            var inMatch = false
            for column in 0..<screen.width {
                let cell = screen[row, column]
                let isMatch = cell.style.attrs.contains(.blink)
                if isMatch != inMatch && !cell.isContinuation {
                    line += isMatch ? "«" : "»"
                    inMatch = isMatch
                }
                if !cell.isContinuation { line += cell.text }
            }
            if inMatch { line += "»" }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }

    static func checkMarked(_ text: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = Golden.directory.appendingPathComponent("\(name).txt")
        let record = ProcessInfo.processInfo.environment["ONEVOICE_RECORD_GOLDEN"] == "1"
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try? text.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("Recorded golden \(name).txt; check it and run again.", sourceLocation: sourceLocation)
            return
        }
        #expect(text == expected, "\(name) differs from Golden/\(name).txt", sourceLocation: sourceLocation)
    }

    static let screens: [(name: String, keys: [Key])] = [
        // "fact" matches twice in the newest entry, once after CJK and an emoji; n moves to the second hit.
        ("log-search", [.char("2"), .char("/")] + typed("fact") + [.enter, .char("n")]),
        ("log-search-none", [.char("2"), .char("/")] + typed("zebra") + [.enter]),
        ("incident-search", [.char(":")] + typed("incident INC-0043") + [.enter, .char("/")] + typed("entry") + [.enter]),
        ("log-filter-dialog", [.char("2"), .char("f")] + typed("main") + [.down, .enter] + typed("2026-11-32") + [.enter, .enter]),
        ("log-filter", [.char("2"), .char("f")] + typed("INC-0042") + [.enter] + typed("2026-11-22") + [.enter] + typed("2026-11-22 13:00") + [.enter]),
        ("log-filter-search", [.char("2"), .char("f")] + typed("INC-0043") + [.enter, .enter, .enter, .char("/")] + typed("entry subject") + [.enter]),
        ("log-export", [.char("2"), .char("e")]),
    ]

    @Test(arguments: screens.map(\.name))
    func screenMatchesGolden(name: String) throws {
        let keys = try #require(Self.screens.first { $0.name == name }).keys
        for (w, h) in Self.sizes {
            let screen = Self.program(w, h, keys: keys).render()
            Golden.check(screen.plainText(), name: "\(name)-\(w)x\(h)", width: w, height: h)
            if name.contains("search") {
                Self.checkMarked(Self.marked(screen), name: "\(name)-\(w)x\(h)-marked")
            }
        }
    }

    @Test func theExportDialogInATinyTerminalIsTheTooSmallMessage() {
        let program = Self.program(80, 24, keys: [.char("2"), .char("e")])
        program.send(.resize(width: 40, height: 10))
        Golden.check(program.render().plainText(), name: "log-export-40x10", width: 40, height: 10)
    }
}
