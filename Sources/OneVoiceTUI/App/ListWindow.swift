/// A row that can be shown in a windowed list.
public protocol WindowRow: Sendable, Equatable {
    associatedtype Cursor: Sendable & Hashable
    var cursor: Cursor { get }
    /// A stable identity, to keep the selection on the same row across reloads.
    var rowID: String { get }
}

extension BoardRow: WindowRow {
    public var rowID: String { id.rawValue }
}

extension LogRow: WindowRow {
    public var rowID: String { String(sequence) }
}

/// The visible slice of a long list: only these rows are loaded.
public struct ListWindow<Row: WindowRow>: Equatable, Sendable {
    /// The loaded rows, at most one screenful, in display order.
    public var rows: [Row] = []
    /// Index of the selected row within `rows`.
    public var selected: Int = 0
    /// Position of `rows[0]` in the whole list (kept as the window moves).
    public var firstIndex: Int = 0
    /// Rows in the whole list.
    public var total: Int = 0
    /// Whether a first load has arrived.
    public var loaded = false

    public init() {}

    public var selectedRow: Row? { rows.indices.contains(selected) ? rows[selected] : nil }
    public var hasMoreBelow: Bool { firstIndex + rows.count < total }
    public var hasMoreAbove: Bool { firstIndex > 0 }

    /// Puts a loaded window in place.
    public mutating func apply(_ result: WindowResult<Row>) {
        let previousID = selectedRow?.rowID
        let previousSelected = selected
        rows = result.rows
        total = max(result.total, result.rows.count)
        loaded = true
        switch result.placement {
        case .top: firstIndex = 0
        case .bottom: firstIndex = max(0, total - rows.count)
        case .shifted(let by): firstIndex = max(0, firstIndex + by)
        case .kept: firstIndex = min(firstIndex, max(0, total - rows.count))
        case .absolute(let at): firstIndex = at
        }
        if firstIndex + rows.count > total { firstIndex = max(0, total - rows.count) }
        switch result.select {
        case .first: selected = 0
        case .last: selected = rows.count - 1
        case .index(let i): selected = i
        case .same: selected = rows.firstIndex { $0.rowID == previousID } ?? previousSelected
        case .id(let id): selected = rows.firstIndex { $0.rowID == id } ?? 0
        }
        selected = max(0, min(selected, rows.count - 1))
    }
}

/// How to load a window of a list.
public enum WindowLoad<Row: WindowRow>: Equatable, Sendable {
    case top
    case bottom
    /// Move the window by `by` rows from its current top row.
    case scroll(from: Row, by: Int)
    /// Load again from the current top row (after a change or a resize).
    case reload(top: Row?)
    /// A window whose top is `row`, which is at `position` in the whole list (for a search match).
    case startingAt(Row, position: Int)
}

/// Which row to select after a load.
public enum WindowSelection: Equatable, Sendable {
    case first, last, same
    case index(Int)
    case id(String)
}

/// A loaded window and where it sits.
public struct WindowResult<Row: WindowRow>: Equatable, Sendable {
    public enum Placement: Equatable, Sendable {
        case top, bottom, kept
        case shifted(Int)
        case absolute(Int)
    }
    public var rows: [Row]
    public var total: Int
    public var placement: Placement
    public var select: WindowSelection
}

/// Runs a `WindowLoad` with a keyset query function (cursor excluded, results in display order).
struct WindowFetcher<Row: WindowRow> {
    var fetch: (Row.Cursor?, PageDirection, Int) throws -> [Row]

    func load(_ request: WindowLoad<Row>, height: Int, total: Int, select: WindowSelection) throws -> WindowResult<Row> {
        let height = max(1, height)
        switch request {
        case .top:
            return WindowResult(rows: try fetch(nil, .forward, height), total: total, placement: .top, select: select)
        case .bottom:
            return WindowResult(rows: try fetch(nil, .backward, height), total: total, placement: .bottom, select: select)
        case .scroll(let top, let delta) where delta >= 0:
            let combined = [top] + (try fetch(top.cursor, .forward, delta + height - 1))
            let start = max(0, min(delta, combined.count - height))
            let rows = Array(combined[start..<min(combined.count, start + height)])
            return WindowResult(rows: rows, total: total, placement: .shifted(start), select: select)
        case .scroll(let top, let delta):
            let before = try fetch(top.cursor, .backward, -delta)
            guard let newTop = before.first else {
                return WindowResult(rows: try startingAt(top, height: height), total: total, placement: .top, select: select)
            }
            // The rows from the new top down to the old one were just read: only those after the old top are read
            // again (each board row's alert costs queries).
            var rows = before + [top]
            if rows.count < height { rows += try fetch(top.cursor, .forward, height - rows.count) }
            if rows.count < height { rows = try fetch(newTop.cursor, .backward, height - rows.count) + rows }
            return WindowResult(rows: Array(rows.prefix(height)), total: total, placement: .shifted(-before.count), select: select)
        case .reload(let top):
            guard let top else {
                return WindowResult(rows: try fetch(nil, .forward, height), total: total, placement: .top, select: select)
            }
            // The old top row may be gone: read from just before where it was.
            let previous = try fetch(top.cursor, .backward, 1).first
            var rows = try fetch(previous?.cursor, .forward, height)
            if rows.count < height, let first = rows.first {
                rows = try fetch(first.cursor, .backward, height - rows.count) + rows
            }
            return WindowResult(rows: Array(rows.prefix(height)), total: total, placement: .kept, select: select)
        case .startingAt(let row, let position):
            let rows = try startingAt(row, height: height)
            let offset = rows.firstIndex { $0.rowID == row.rowID } ?? 0
            return WindowResult(rows: rows, total: total, placement: .absolute(max(0, position - offset)), select: select)
        }
    }

    private func startingAt(_ top: Row, height: Int) throws -> [Row] {
        var rows = [top] + (try fetch(top.cursor, .forward, height - 1))
        if rows.count < height {
            rows = (try fetch(top.cursor, .backward, height - rows.count)) + rows
        }
        return rows
    }
}
