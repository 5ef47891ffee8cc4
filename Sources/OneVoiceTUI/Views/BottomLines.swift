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
        var shown: [(key: String, word: String, minor: Bool)]
        if state.prompt != nil {
            shown = [("Enter", "run", false), ("Esc", "cancel", false), ("Ctrl-U", "clear", false)]
        } else if let dialog = state.dialog {
            shown = dialog.hints
        } else {
            shown = keymap.hints(for: state.keyContexts)
        }
        func width(_ hint: (key: String, word: String, minor: Bool)) -> Int { DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.word) + 2 }
        func fits() -> Bool { 1 + shown.map(width).reduce(0, +) <= context.width }
        // A narrow bar drops the minor hints first, from the end; then "? help" still shows (moved up to where
        // the bar ends), since it lists everything else.
        while !fits(), let last = shown.lastIndex(where: \.minor) { shown.remove(at: last) }
        if !fits(), let help = shown.firstIndex(where: { $0.word == "help" }) {
            let helpHint = shown.remove(at: help)
            var used = 1 + width(helpHint)
            shown = Array(shown.prefix { hint in
                used += width(hint)
                return used <= context.width
            }) + [helpHint]
        }
        for hint in shown {
            let need = width(hint)
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
        } else if let problem = state.connectionProblem {
            // Stays while the server is away: what shows may be behind the other machines.
            screen.write("DISCONNECTED (showing this machine's copy): \(problem)", row: lineRow, column: 0, style: theme[.flashError],
                         maxWidth: context.width)
        } else if state.unreadableRows > 0 {
            // Stays while the database holds rows the lists leave out: a damaged file must not pass unseen.
            let n = state.unreadableRows
            screen.write("\(n) unreadable row\(n == 1 ? "" : "s") left out of the lists: run `onevoice archive verify`",
                         row: lineRow, column: 0, style: theme[.flashError], maxWidth: context.width)
        } else if let search = state.activeSearch {
            // Where the search stands stays on the line while it is on screen: "match 3 of 41", or that nothing matched.
            let style = search.hits.loaded && search.hits.rows.isEmpty ? theme[.warning] : theme[.text]
            screen.write(search.statusLine, row: lineRow, column: 0, style: style, maxWidth: context.width)
        }
    }
}
