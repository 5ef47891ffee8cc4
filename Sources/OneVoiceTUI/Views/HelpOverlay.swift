/// The `?` overlay: this screen's keys and the `:` commands, generated from the keymap and the command registry.
enum HelpOverlay {
    static func lines(contexts: [KeyContext], keymap: Keymap, commands: CommandRegistry) -> [(String, String)] {
        var out: [(String, String)] = [("", "Keys")]
        // The keys of the screen under the overlay (its most specific context first), plus those that work everywhere.
        var seen: Set<String> = []
        for context in contexts {
            for entry in keymap.helpEntries(for: context) where !seen.contains(entry.keys + entry.help) {
                seen.insert(entry.keys + entry.help)
                out.append((entry.keys, entry.help))
            }
        }
        out.append(("", ""))
        out.append(("", "Commands (type : first)"))
        out += commands.commands.map { ($0.usage, $0.summary) }
        return out
    }

    static func draw(_ context: ViewContext, keymap: Keymap, commands: CommandRegistry, into screen: inout Screen) {
        let theme = context.theme
        let style = theme[.overlay]
        let entries = lines(contexts: context.state.screenContexts, keymap: keymap, commands: commands)
        let boxWidth = min(context.width - 4, 100)
        let boxHeight = min(context.height - 3, entries.count + 4)
        let left = (context.width - boxWidth) / 2
        let top = 1 + max(0, (context.height - 3 - boxHeight) / 2)
        screen.fill(row: top, column: left, width: boxWidth, height: boxHeight, style: style)
        let horizontal = String(repeating: "─", count: max(0, boxWidth - 2))
        screen.write("┌" + horizontal + "┐", row: top, column: left, style: style)
        screen.write("└" + horizontal + "┘", row: top + boxHeight - 1, column: left, style: style)
        for r in (top + 1)..<(top + boxHeight - 1) {
            screen.write("│", row: r, column: left, style: style)
            screen.write("│", row: r, column: left + boxWidth - 1, style: style)
        }
        screen.write(" Help ", row: top, column: left + 2, style: style.adding(.bold))
        let footer = " ? or Esc closes "
        screen.write(footer, row: top + boxHeight - 1, column: left + boxWidth - DisplayWidth.of(footer) - 2, style: style)
        let keyWidth = 24
        let room = boxHeight - 3
        var shown = entries
        if entries.count > room {
            let offset = min(context.state.helpOffset, entries.count - (room - 1))
            shown = Array(entries.dropFirst(offset).prefix(room - 1))
            shown.append(("", offset + room - 1 < entries.count ? "… more below: j/k or PgDn scrolls" : "(end)"))
        }
        for (i, (keys, text)) in shown.enumerated() {
            let row = top + 1 + i
            if keys.isEmpty {
                screen.write(text, row: row, column: left + 2, style: style.adding(.bold), maxWidth: boxWidth - 4)
            } else {
                screen.write(keys, row: row, column: left + 3, style: style.adding(.bold), maxWidth: keyWidth)
                screen.write(text, row: row, column: left + 3 + keyWidth, style: style, maxWidth: boxWidth - keyWidth - 5)
            }
        }
    }
}
