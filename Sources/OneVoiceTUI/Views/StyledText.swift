/// A line made of styled pieces, and word wrapping that keeps track of character positions
/// (so findings can be highlighted in place after wrapping).
struct StyledLine {
    var pieces: [(text: String, style: Style)] = []

    init(_ pieces: [(text: String, style: Style)] = []) { self.pieces = pieces }
    init(_ text: String, _ style: Style) { pieces = [(text, style)] }

    /// Draws the line at (row, column), clipped to `width` cells.
    func draw(row: Int, column: Int, width: Int, into screen: inout Screen) {
        var x = column
        for piece in pieces {
            let room = column + width - x
            guard room > 0 else { break }
            x += screen.write(piece.text, row: row, column: x, style: piece.style, maxWidth: room)
        }
    }
}

enum TextWrap {
    /// Character ranges of `chars` that fit in `width` cells each, broken at spaces where possible (the space is dropped).
    static func ranges(_ chars: [Character], width: Int) -> [Range<Int>] {
        guard !chars.isEmpty else { return [0..<0] }
        let width = max(1, width)
        var out: [Range<Int>] = []
        var start = 0
        while start < chars.count {
            var used = 0
            var end = start
            var lastSpace: Int?
            while end < chars.count {
                let w = max(0, DisplayWidth.of(grapheme: chars[end]))
                if used + w > width { break }
                if chars[end] == " " { lastSpace = end }
                used += w
                end += 1
            }
            if end < chars.count, let space = lastSpace, space > start {
                out.append(start..<space)
                start = space + 1
            } else {
                if end == start { end = start + 1 }
                out.append(start..<end)
                start = end
            }
        }
        return out
    }

    /// Plain text wrapped into lines of one style; every source line starts a new line.
    static func lines(_ text: String, width: Int, style: Style, indent: String = "") -> [StyledLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [StyledLine] in
            let chars = Array(line)
            return ranges(chars, width: width - DisplayWidth.of(indent)).map { StyledLine(indent + String(chars[$0]), style) }
        }
    }
}
