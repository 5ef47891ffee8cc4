import CNcursesw

/// Writes a `Screen` onto ncurses' stdscr, only the cells that changed since the last frame,
/// then shows it with one `doupdate`.
final class Painter {
    private var previous: Screen?
    private let depth: ColorDepth
    private var pairs: [PairKey: Int16] = [:]
    private let maxPairs: Int
    private let defaultColorsAllowed: Bool

    private struct PairKey: Hashable {
        var fg: Int
        var bg: Int
    }

    init(depth: ColorDepth, maxPairs: Int, defaultColorsAllowed: Bool) {
        self.depth = depth
        self.maxPairs = min(maxPairs, Int(Int16.max))
        self.defaultColorsAllowed = defaultColorsAllowed
    }

    /// Forget what is on screen: the next frame writes every cell (after a resize or Ctrl-L).
    func invalidate() { previous = nil }

    func paint(_ screen: Screen) {
        let full = previous == nil || previous?.width != screen.width || previous?.height != screen.height
        for row in 0..<screen.height {
            for column in 0..<screen.width {
                let cell = screen[row, column]
                if cell.isContinuation { continue }
                if !full, let previous, previous[row, column] == cell,
                   cell.width != 2 || previous[row, column + 1] == screen[row, column + 1] {
                    continue
                }
                put(cell, row: row, column: column)
            }
        }
        previous = screen
        _ = ov_wnoutrefresh()
        _ = ov_doupdate()
    }

    private func put(_ cell: Cell, row: Int, column: Int) {
        var scalars: [UInt32] = []
        for (i, scalar) in cell.text.unicodeScalars.enumerated() {
            if i == 0 {
                scalars.append(scalar.value)
            } else if scalar.value == 0x200D {
                // A ZWJ sequence (a family, a profession): ncurses keeps one spacing character a cell, so the joiner
                // and what it joins would spill into the next cells. Draw its first emoji in the sequence's two cells.
                break
            } else if DisplayWidth.of(scalar: scalar) == 0, scalars.count < 5 {
                scalars.append(scalar.value)  // combining marks and selectors ride on the base
            }
        }
        if scalars.isEmpty { scalars = [32] }
        let (attrs, pair) = resolve(cell.style)
        _ = scalars.withUnsafeBufferPointer { buffer in
            ov_put_cell(Int32(row), Int32(column), buffer.baseAddress, Int32(buffer.count), attrs, pair)
        }
    }

    private func resolve(_ style: Style) -> (UInt32, Int16) {
        var attrs: UInt32 = 0
        if style.attrs.contains(.bold) { attrs |= ov_a_bold() }
        if style.attrs.contains(.reverse) { attrs |= ov_a_reverse() }
        if style.attrs.contains(.underline) { attrs |= ov_a_underline() }
        if style.attrs.contains(.dim) { attrs |= ov_a_dim() }
        if style.attrs.contains(.blink) { attrs |= ov_a_blink() }
        guard depth != .none else { return (attrs, 0) }
        var fg = depth.index(of: style.fg)
        var bg = depth.index(of: style.bg)
        if !defaultColorsAllowed {
            if fg < 0 { fg = 7 }
            if bg < 0 { bg = 0 }
        }
        if fg < 0 && bg < 0 { return (attrs, 0) }
        let key = PairKey(fg: fg, bg: bg)
        if let pair = pairs[key] { return (attrs, pair) }
        let next = pairs.count + 1
        guard next < maxPairs else { return (attrs, 0) }
        _ = ov_init_pair(Int32(next), Int32(fg), Int32(bg))
        pairs[key] = Int16(next)
        return (attrs, Int16(next))
    }
}
