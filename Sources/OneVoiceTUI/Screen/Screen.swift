import OneVoiceCore

/// One cell of the grid: a grapheme, its width, and its style.
/// A wide grapheme occupies its cell and the next; the next holds a continuation marker.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here ("" for the right half of a wide grapheme).
    public var text: String
    /// 1 for a normal cell, 2 for the left half of a wide grapheme, 0 for a continuation.
    public var width: UInt8
    public var style: Style

    public init(text: String, width: UInt8, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static func blank(_ style: Style = .plain) -> Cell { Cell(text: " ", width: 1, style: style) }
    public static func continuation(_ style: Style) -> Cell { Cell(text: "", width: 0, style: style) }
    public var isContinuation: Bool { width == 0 }
}

/// An in-memory grid of cells that views draw into; the driver diffs it onto the terminal.
public struct Screen: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(fill), count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    /// Fills a rectangle with blanks of `style`.
    public mutating func fill(row: Int, column: Int = 0, width w: Int? = nil, height h: Int = 1, style: Style) {
        let w = w ?? (width - column)
        guard w > 0, h > 0 else { return }
        for r in max(0, row)..<min(height, row + h) {
            for c in max(0, column)..<min(width, column + w) {
                cells[r * width + c] = .blank(style)
            }
        }
        repairEdges(rows: row..<(row + h), from: column, to: column + w)
    }

    /// Writes `text` at (row, column) clipped to `maxWidth` cells (and the screen edge); returns the cells used.
    /// A wide grapheme that would not fit is replaced by a space; control characters are drawn as "?";
    /// bidi and zero-width characters are shown as `\u{202E}`-style escapes (`TerminalText.showingInvisibles`).
    @discardableResult
    public mutating func write(_ text: String, row: Int, column: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard row >= 0, row < height, column < width else { return 0 }
        let text = TerminalText.showingInvisibles(text)
        let limit = min(width, column + (maxWidth ?? width))
        var x = column
        for ch in text {
            if x >= limit { break }
            var grapheme = String(ch)
            var w = DisplayWidth.of(grapheme: ch)
            if w < 0 {
                grapheme = "?"
                w = 1
            }
            if w == 0 {
                // A lone combining mark: attach to the previous cell if there is one on this row.
                if x > column, x - 1 >= 0 {
                    var i = row * width + x - 1
                    if cells[i].isContinuation, x - 2 >= 0 { i -= 1 }
                    cells[i].text.append(ch)
                }
                continue
            }
            if x < 0 {
                x += w
                continue
            }
            if x + w > limit {
                // A wide grapheme never split at the edge: pad with a space instead.
                put(Cell.blank(style), at: row, x)
                x += 1
                break
            }
            put(Cell(text: grapheme, width: UInt8(w), style: style), at: row, x)
            if w == 2 { put(.continuation(style), at: row, x + 1) }
            x += w
        }
        return max(0, x - column)
    }

    /// Writes `text` padded or cut to exactly `width` cells (right-aligned if asked).
    public mutating func writePadded(_ text: String, row: Int, column: Int, width w: Int, style: Style, alignRight: Bool = false) {
        guard w > 0 else { return }
        write(DisplayWidth.pad(text, to: w, alignRight: alignRight), row: row, column: column, style: style, maxWidth: w)
        // Padding may leave one cell unwritten when a wide grapheme was cut.
        let used = DisplayWidth.of(DisplayWidth.pad(text, to: w, alignRight: alignRight))
        if used < w { fill(row: row, column: column + used, width: w - used, style: style) }
    }

    /// Applies `style` to existing cells in a range (keeps their text).
    public mutating func restyle(row: Int, column: Int = 0, width w: Int? = nil, _ transform: (Style) -> Style) {
        guard row >= 0, row < height else { return }
        let end = min(width, column + (w ?? width))
        for c in max(0, column)..<end {
            cells[row * width + c].style = transform(cells[row * width + c].style)
        }
    }

    private mutating func put(_ cell: Cell, at row: Int, _ x: Int) {
        let i = row * width + x
        // Overwriting half of a wide grapheme blanks its other half.
        if cells[i].isContinuation, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = .blank(cells[i - 1].style)
        }
        if cells[i].width == 2, x + 1 < width, cell.width != 2 {
            cells[i + 1] = .blank(cells[i + 1].style)
        }
        cells[i] = cell
    }

    private mutating func repairEdges(rows: Range<Int>, from: Int, to: Int) {
        for r in max(0, rows.lowerBound)..<min(height, rows.upperBound) {
            if from > 0, from < width, cells[r * width + from - 1].width == 2, !cells[r * width + from].isContinuation {
                cells[r * width + from - 1] = .blank(cells[r * width + from - 1].style)
            }
            if to < width, to > 0, cells[r * width + to].isContinuation {
                cells[r * width + to] = .blank(cells[r * width + to].style)
            }
        }
    }

    /// The text of one row (continuation cells skipped, trailing spaces trimmed).
    public func line(_ row: Int) -> String {
        var s = ""
        for c in 0..<width {
            let cell = self[row, c]
            if !cell.isContinuation { s += cell.text }
        }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// Exactly `height` lines, each at most `width` columns, no escape codes, joined by "\n".
    public func plainText() -> String {
        (0..<height).map(line).joined(separator: "\n") + "\n"
    }
}
