/// The status bar (keys that work here) and the bottom line (prompt, question or flash message).
enum BottomLines {
    static func draw(_ context: ViewContext, keymap: Keymap, into screen: inout Screen) {
        let theme = context.theme
        let state = context.state
        let barRow = context.height - 2
        let lineRow = context.height - 1
        // Status bar.
        let bar = theme[.statusBar]
        screen.fill(row: barRow, style: bar)
        var x = 1
        let hints: [(key: String, word: String)]
        if state.prompt != nil {
            hints = [("Enter", "run"), ("Esc", "cancel"), ("Ctrl-U", "clear")]
        } else {
            hints = keymap.hints(for: state.keyContexts)
        }
        for hint in hints {
            let need = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.word) + 2
            if x + need > context.width { break }
            x += screen.write(hint.key, row: barRow, column: x, style: theme[.statusKey])
            x += screen.write(" " + hint.word + "  ", row: barRow, column: x, style: bar)
        }
        // Bottom line.
        screen.fill(row: lineRow, style: theme[.commandLine])
        if state.confirmingQuit {
            screen.write("Discard the half-typed command and quit? (y/n)", row: lineRow, column: 0, style: theme[.warning])
        } else if let prompt = state.prompt {
            let lead = prompt.kind == .command ? ":" : "/"
            // Show the end of long input.
            let room = context.width - 2
            var text = prompt.text
            while DisplayWidth.of(text) > room - 1, !text.isEmpty { text.removeFirst() }
            let used = screen.write(lead + text, row: lineRow, column: 0, style: theme[.commandLine])
            screen.write(" ", row: lineRow, column: used, style: theme[.commandLine].adding(.reverse))
        } else if let flash = state.flash {
            screen.write(flash.text, row: lineRow, column: 0, style: flash.isError ? theme[.flashError] : theme[.flashInfo])
        } else if let stashed = state.stashedCommand {
            screen.write("(put aside: :\(stashed))", row: lineRow, column: 0, style: theme[.muted])
        }
    }
}
