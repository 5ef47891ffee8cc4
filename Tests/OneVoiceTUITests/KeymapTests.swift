import Testing
@testable import OneVoiceTUI

@Suite struct KeymapTests {
    let keymap = Keymap.standard

    @Test func dispatchByContext() {
        #expect(keymap.command(for: .char("j"), in: .board) == .moveDown)
        #expect(keymap.command(for: .down, in: .log) == .moveDown)
        #expect(keymap.command(for: .char("3"), in: .incident) == .jump(3))
        #expect(keymap.command(for: .char("3"), in: .board) == .jump(3))
        #expect(keymap.command(for: .char("4"), in: .board) == nil)
        #expect(keymap.command(for: .char("n"), in: .board) == .newIncident)
        #expect(keymap.command(for: .char("n"), in: [.facts, .incident]) == .nextMatch)
        #expect(keymap.command(for: .char("c"), in: [.facts, .incident]) == .clear)
        #expect(keymap.command(for: .char("q"), in: .dialog) == nil)
        #expect(keymap.command(for: .char("2"), in: .board) == .jump(2))
        #expect(keymap.command(for: .tab, in: .incident) == .nextTab)
        #expect(keymap.command(for: .char("q"), in: .help) == .quit)
        #expect(keymap.command(for: .escape, in: .board) == nil)
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            var seen: Set<Key> = []
            for binding in keymap.bindings where binding.contexts.contains(context) {
                for key in binding.keys {
                    #expect(!seen.contains(key), "\(key.label) bound twice in \(context)")
                    seen.insert(key)
                }
            }
        }
    }

    @Test func statusBarAndHelpComeFromTheTable() {
        let hints = keymap.hints(for: .incident).map(\.word)
        #expect(hints.contains("tab"))
        #expect(!keymap.hints(for: .board).map(\.word).contains("back"))
        let help = keymap.helpEntries(for: .board).map(\.help)
        #expect(help.contains("Search this list"))
    }

    @Test func markdownTableListsEveryBinding() {
        let table = keymap.markdownTable()
        let lines = table.split(separator: "\n")
        #expect(lines.count == keymap.bindings.count + 2)
        #expect(lines[0] == "| keys | where | what it does |")
        #expect(table.contains("| `?` | everywhere | Show or hide this help |"))
    }

    @Test func keyDecoding() {
        #expect(KeyDecoder.decode(isFunctionKey: false, code: 106) == .key(.char("j")))
        #expect(KeyDecoder.decode(isFunctionKey: false, code: 12) == .key(.ctrl("l")))
        #expect(KeyDecoder.decode(isFunctionKey: false, code: 27) == .key(.escape))
        #expect(KeyDecoder.decode(isFunctionKey: false, code: 13) == .key(.enter))
        #expect(KeyDecoder.decode(isFunctionKey: false, code: 0x591A) == .key(.char("多")))
        #expect(KeyDecoder.decode(isFunctionKey: true, code: 0o632) == .resize)  // KEY_RESIZE
        #expect(KeyDecoder.decode(isFunctionKey: true, code: 0o403) == .key(.up))  // KEY_UP
    }
}
