/// A dialog box over the screen: its title, read-only lines, the fields, the last refusal and how to answer.
enum DialogView {
    static func draw(_ context: ViewContext, dialog: Dialog, into screen: inout Screen) {
        let theme = context.theme
        let style = theme[.overlay]
        let boxWidth = min(context.width - 4, 96)
        let inner = boxWidth - 4
        let maxHeight = context.height - 3

        var fieldLines: [StyledLine] = []
        for (i, field) in dialog.fields.enumerated() {
            fieldLines += lines(for: field, focused: i == dialog.focus, width: inner, style: style, context: context,
                                room: max(3, maxHeight - 8 - dialog.body.count))
        }
        var tail: [StyledLine] = []
        if let error = dialog.error { tail += TextWrap.lines(error, width: inner, style: theme[.flashError]) }
        tail += TextWrap.lines(dialog.footer, width: inner, style: style.adding(.dim))
        let body = dialog.body.flatMap { TextWrap.lines($0.text, width: inner, style: tone($0.tone, style: style, theme: theme)) }
        // Fields and the footer always show; the body scrolls in what is left.
        let fixed = fieldLines.count + tail.count + 3 + (body.isEmpty || fieldLines.isEmpty ? 0 : 1)
        let bodyRoom = max(1, maxHeight - fixed)
        var shownBody = body
        if body.count > bodyRoom {
            // The last line of the room says what is left, so the body shows one line less at a time
            // (and the end of the body is reachable: "(end)" comes after its last line, not over it).
            let lines = max(1, bodyRoom - 1)
            let scroll = max(0, min(dialog.scroll, body.count - lines))
            shownBody = Array(body.dropFirst(scroll).prefix(lines))
            let left = body.count - scroll - lines
            shownBody.append(StyledLine(left > 0 ? "… \(left) more lines: ↓/↑ scrolls" : "(end)", style.adding(.bold)))
        }
        var all = shownBody
        if !body.isEmpty && !fieldLines.isEmpty { all.append(StyledLine()) }
        all += fieldLines
        all.append(StyledLine())
        all += tail
        let boxHeight = min(maxHeight, all.count + 2)
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
        screen.write(" " + DisplayWidth.truncate(dialog.title, to: boxWidth - 6) + " ", row: top, column: left + 2, style: style.adding(.bold))
        for (i, line) in all.prefix(boxHeight - 2).enumerated() {
            line.draw(row: top + 1 + i, column: left + 2, width: inner, into: &screen)
        }
    }

    static func tone(_ tone: DialogLine.Tone, style: Style, theme: Theme) -> Style {
        switch tone {
        case .text: style
        case .muted: style.adding(.dim)
        case .heading: style.adding(.bold)
        case .warning: theme[.warning]
        case .error: theme[.flashError]
        }
    }

    /// A combo: the typed text; when focused, the options it narrows to (at most 5), the picked one selected;
    /// otherwise what it stands for ("any" when empty).
    static func comboLines(_ field: FormField, focused: Bool, width: Int, style: Style, context: ViewContext, room: Int) -> [StyledLine] {
        let label = DisplayWidth.pad(field.label + ":", to: 14)
        let marker = focused ? "▸ " : "  "
        guard focused else {
            let summary = field.summary.isEmpty ? "any" : field.summary
            return [StyledLine([(marker + label, style), (DisplayWidth.truncate(summary, to: width - 16), style)])]
        }
        var text = field.text
        while DisplayWidth.of(text) > width - 19, !text.isEmpty { text.removeFirst() }
        var out = [StyledLine([(marker + label, style.adding(.bold)), (text, style.adding(.underline)), (" ", style.adding(.reverse))])]
        let matches = field.matches
        let height = min(matches.count, max(1, min(5, room - 1)))
        guard height > 0 else {
            if !field.options.isEmpty, !field.text.isEmpty {
                out.append(StyledLine("    (none of the \(field.options.count) listed; the number typed is used)", style.adding(.dim)))
            }
            return out
        }
        let first = max(0, min(field.selected - height / 2, matches.count - height))
        for i in first..<(first + height) {
            let picked = i == field.selected
            let line = StyledLine(DisplayWidth.truncate("    \(picked ? "›" : " ") \(field.options[matches[i]])", to: width), picked ? context.selectedStyle(style) : style)
            out.append(line)
        }
        if matches.count > height {
            out.append(StyledLine("      … \(matches.count - height) more: type more of the title, or ↓/↑", style.adding(.dim)))
        }
        return out
    }

    static func lines(for field: FormField, focused: Bool, width: Int, style: Style, context: ViewContext, room: Int) -> [StyledLine] {
        let label = DisplayWidth.pad(field.label + ":", to: 14)
        let labelStyle = focused ? style.adding(.bold) : style
        let marker = focused ? "▸ " : "  "
        switch field.kind {
        case .text:
            var text = field.text
            let space = width - 18
            while DisplayWidth.of(text) > space - 1, !text.isEmpty { text.removeFirst() }
            var line = StyledLine([(marker + label, labelStyle), (text, style.adding(.underline))])
            if focused { line.pieces.append((" ", style.adding(.reverse))) }
            return [line]
        case .combo:
            return comboLines(field, focused: focused, width: width, style: style, context: context, room: room)
        case .choice, .checklist:
            guard focused else { return [StyledLine([(marker + label, labelStyle), (DisplayWidth.truncate(field.summary, to: width - 16), style)])] }
            var out = [StyledLine(marker + label, labelStyle)]
            let count = field.options.count
            let height = min(count, max(3, room))
            let first = max(0, min(field.selected - height / 2, count - height))
            for i in first..<(first + height) {
                let number = i < 9 ? "\(i + 1)" : " "
                let mark: String
                if field.kind == .choice {
                    mark = i == field.selected ? "(•)" : "( )"
                } else {
                    mark = field.checked.contains(i) ? "[x]" : "[ ]"
                }
                let text = "    \(number) \(mark) \(field.options[i])"
                let selected = i == field.selected
                out.append(StyledLine(DisplayWidth.truncate(text, to: width), selected ? context.selectedStyle(style) : style))
            }
            return out
        }
    }
}
