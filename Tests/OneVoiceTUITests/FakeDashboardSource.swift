import Foundation
@testable import OneVoiceTUI

/// An in-memory `DashboardSource` for tests and golden screens.
final class FakeDashboardSource: DashboardSource {
    var headerInfo: HeaderInfo
    /// Incidents; kept sorted in board order.
    var incidents: [BoardRow] { didSet { incidents.sort { $0.cursor < $1.cursor } } }
    var details: [String: IncidentDetail] = [:]
    var factsByIncident: [String: [FactRow]] = [:]
    var releasesByIncident: [String: [ReleaseRow]] = [:]
    var postsByIncident: [String: [PostRow]] = [:]
    /// Log entries, newest first.
    var log: [LogRow]
    var version = 1
    /// Number of calls per method, to check that only windows are read.
    var calls: [String: Int] = [:]
    var maxLimitAsked = 0

    init(header: HeaderInfo, incidents: [BoardRow], log: [LogRow]) {
        self.headerInfo = header
        self.incidents = incidents.sorted { $0.cursor < $1.cursor }
        self.log = log.sorted { $0.sequence > $1.sequence }
    }

    private func count(_ name: String, limit: Int = 0) {
        calls[name, default: 0] += 1
        maxLimitAsked = max(maxLimitAsked, limit)
    }

    func header() throws -> HeaderInfo { count("header"); return headerInfo }
    func boardCount() throws -> Int { count("boardCount"); return incidents.count }

    /// Keyset paging over a sorted array (binary search for the cursor, as an index would).
    private static func page<Row, C>(_ rows: [Row], key: (Row) -> C, before: (C, C) -> Bool, cursor: C?, direction: PageDirection, limit: Int) -> [Row] {
        guard limit > 0 else { return [] }
        switch direction {
        case .forward:
            var start = 0
            if let cursor {
                var lo = 0, hi = rows.count
                while lo < hi { let mid = (lo + hi) / 2; if before(cursor, key(rows[mid])) { hi = mid } else { lo = mid + 1 } }
                start = lo
            }
            return Array(rows[start..<min(rows.count, start + limit)])
        case .backward:
            var end = rows.count
            if let cursor {
                var lo = 0, hi = rows.count
                while lo < hi { let mid = (lo + hi) / 2; if before(key(rows[mid]), cursor) { lo = mid + 1 } else { hi = mid } }
                end = lo
            }
            return Array(rows[max(0, end - limit)..<end])
        }
    }

    func boardRows(from cursor: BoardCursor?, direction: PageDirection, limit: Int) throws -> [BoardRow] {
        count("boardRows", limit: limit)
        return Self.page(incidents, key: \.cursor, before: <, cursor: cursor, direction: direction, limit: limit)
    }

    func findBoardRow(containing text: String, from cursor: BoardCursor?, direction: PageDirection) throws -> BoardRow? {
        count("findBoardRow")
        let needle = text.lowercased()
        let matches = { (row: BoardRow) in "\(row.title) \(row.kind) \(row.id)".lowercased().contains(needle) }
        switch direction {
        case .forward: return incidents.first { (cursor == nil || cursor! < $0.cursor) && matches($0) }
        case .backward: return incidents.last { (cursor == nil || $0.cursor < cursor!) && matches($0) }
        }
    }

    func boardPosition(of cursor: BoardCursor) throws -> Int {
        count("boardPosition")
        return incidents.filter { $0.cursor < cursor }.count
    }

    func incident(id: String) throws -> IncidentDetail? { count("incident"); return details[id] }
    func facts(incidentID: String, limit: Int) throws -> [FactRow] {
        count("facts", limit: limit)
        let order = FactStatusValue.allCases
        return Array((factsByIncident[incidentID] ?? []).enumerated().sorted {
            (order.firstIndex(of: $0.element.status)!, $0.offset) < (order.firstIndex(of: $1.element.status)!, $1.offset)
        }.map(\.element).prefix(limit))
    }
    func releases(incidentID: String, limit: Int) throws -> [ReleaseRow] {
        count("releases", limit: limit)
        return Array((releasesByIncident[incidentID] ?? []).prefix(limit))
    }
    func posts(incidentID: String, limit: Int) throws -> [PostRow] {
        count("posts", limit: limit)
        return Array((postsByIncident[incidentID] ?? []).prefix(limit))
    }

    private func entries(_ incidentID: String?) -> [LogRow] {
        incidentID.map { id in log.filter { $0.incidentID == id } } ?? log
    }

    func logCount(incidentID: String?) throws -> Int { count("logCount"); return entries(incidentID).count }

    func logRows(incidentID: String?, from cursor: LogCursor?, direction: PageDirection, limit: Int) throws -> [LogRow] {
        count("logRows", limit: limit)
        // Newest first: display order is descending sequence.
        return Self.page(entries(incidentID), key: \.sequence, before: { $0 > $1 }, cursor: cursor?.sequence, direction: direction, limit: limit)
    }

    func findLogRow(incidentID: String?, containing text: String, from cursor: LogCursor?, direction: PageDirection) throws -> LogRow? {
        count("findLogRow")
        let needle = text.lowercased()
        let rows = entries(incidentID)
        let matches = { (row: LogRow) in "\(row.actor) \(row.action) \(row.subject)".lowercased().contains(needle) }
        switch direction {
        case .forward: return rows.first { (cursor == nil || $0.sequence < cursor!.sequence) && matches($0) }
        case .backward: return rows.last { (cursor == nil || $0.sequence > cursor!.sequence) && matches($0) }
        }
    }

    func logPosition(of cursor: LogCursor, incidentID: String?) throws -> Int {
        count("logPosition")
        let rows = entries(incidentID)
        // Binary search (rows are in descending sequence), as an index would.
        var lo = 0, hi = rows.count
        while lo < hi { let mid = (lo + hi) / 2; if rows[mid].sequence > cursor.sequence { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    func dataVersion() throws -> Int { count("dataVersion"); return version }
}
