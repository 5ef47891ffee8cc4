import Foundation
@testable import OneVoiceTUI

/// An in-memory `DashboardSource` for tests and golden screens.
final class FakeDashboardSource: DashboardSource {
    var headerInfo: HeaderInfo
    /// Incidents; kept sorted in board order.
    var incidents: [BoardRow] { didSet { incidents.sort { $0.cursor < $1.cursor } } }
    var details: [IncidentID: IncidentDetail] = [:]
    var factsByIncident: [IncidentID: [FactRow]] = [:]
    var releasesByIncident: [IncidentID: [ReleaseRow]] = [:]
    var postsByIncident: [IncidentID: [PostRow]] = [:]
    /// Log entries, newest first.
    var log: [LogRow]
    var version = 1
    /// What `connectionProblem()` answers (a shared server that stopped answering).
    var connection: String?
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

    func incident(id: IncidentID) throws -> IncidentDetail? { count("incident"); return details[id] }
    func facts(incidentID: IncidentID, limit: Int) throws -> [FactRow] {
        count("facts", limit: limit)
        let order = FactStatusValue.allCases
        return Array((factsByIncident[incidentID] ?? []).enumerated().sorted {
            (order.firstIndex(of: $0.element.status)!, $0.offset) < (order.firstIndex(of: $1.element.status)!, $1.offset)
        }.map(\.element).prefix(limit))
    }
    func releases(incidentID: IncidentID, limit: Int) throws -> [ReleaseRow] {
        count("releases", limit: limit)
        return Array((releasesByIncident[incidentID] ?? []).prefix(limit))
    }
    func posts(incidentID: IncidentID, limit: Int) throws -> [PostRow] {
        count("posts", limit: limit)
        return Array((postsByIncident[incidentID] ?? []).prefix(limit))
    }

    private func entries(_ filter: LogFilter) -> [LogRow] {
        log.filter { row in
            (filter.incidentID == nil || row.incidentID == filter.incidentID)
                && filter.from.map { row.at >= $0 } ?? true && filter.to.map { row.at <= $0 } ?? true
        }
    }

    func logCount(_ filter: LogFilter) throws -> Int { count("logCount"); return entries(filter).count }

    func logRows(_ filter: LogFilter, from cursor: LogCursor?, direction: PageDirection, limit: Int) throws -> [LogRow] {
        count("logRows", limit: limit)
        // Newest first: display order is descending sequence.
        return Self.page(entries(filter), key: \.sequence, before: { $0 > $1 }, cursor: cursor?.sequence, direction: direction, limit: limit)
    }

    func logPosition(of cursor: LogCursor, in filter: LogFilter) throws -> Int {
        count("logPosition")
        let rows = entries(filter)
        // Binary search (rows are in descending sequence), as an index would.
        var lo = 0, hi = rows.count
        while lo < hi { let mid = (lo + hi) / 2; if rows[mid].sequence > cursor.sequence { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    // MARK: Search: every word must be in a log entry's "actor action subject" (case-insensitive).

    /// The searches asked, in order.
    var searches: [SearchRequest] = []

    static func words(_ query: String) throws -> [String] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { throw OperationError("The search needs at least one word or number to look for.") }
        return words
    }

    private func hits(_ request: SearchRequest) throws -> [SearchRow] {
        let words = try Self.words(request.query)
        return entries(request.filter).compactMap { row in
            let body = "\(row.actor) \(row.action) \(row.subject)"
            let lower = body.lowercased()
            guard words.allSatisfy(lower.contains) else { return nil }
            return SearchRow(position: row.sequence, kind: "log", itemID: "\(row.sequence)", incidentID: row.incidentID, releaseID: nil,
                             at: row.at, label: "log #\(row.sequence) \(row.action)", snippet: Self.runs(body, words: words))
        }
    }

    /// Marks every occurrence of every word, as FTS5's snippet does.
    static func runs(_ body: String, words: [String]) -> [SnippetRun] {
        let chars = Array(body)
        var marked = Array(repeating: false, count: chars.count)
        let lower = chars.map { String($0).lowercased() }
        for word in words {
            let w = word.map { String($0) }
            guard !w.isEmpty, w.count <= chars.count else { continue }
            for start in 0...(chars.count - w.count) where Array(lower[start..<(start + w.count)]) == w {
                for i in start..<(start + w.count) { marked[i] = true }
            }
        }
        var runs: [SnippetRun] = []
        for (i, ch) in chars.enumerated() {
            if let last = runs.last, last.isMatch == marked[i] {
                runs[runs.count - 1].text.append(ch)
            } else {
                runs.append(SnippetRun(String(ch), isMatch: marked[i]))
            }
        }
        return runs
    }

    func searchCount(_ request: SearchRequest, newerThan cursor: SearchCursor?) throws -> Int {
        count("searchCount")
        searches.append(request)
        return try hits(request).filter { cursor == nil || $0.position > cursor!.position }.count
    }

    func searchRows(_ request: SearchRequest, from cursor: SearchCursor?, direction: PageDirection, limit: Int) throws -> [SearchRow] {
        count("searchRows", limit: limit)
        return Self.page(try hits(request), key: \.position, before: { $0 > $1 }, cursor: cursor?.position, direction: direction, limit: limit)
    }

    // MARK: Export: a plan from the log entries in the filter; a folder with "exists" in its name is refused.

    var exportedTo: [String] = []

    func exportPreview(_ filter: LogFilter, now: Date) throws -> ExportPreview {
        count("exportPreview")
        let logEntries = entries(filter).count
        return ExportPreview(filter: filter, counts: [.init("releases", 4), .init("revisions", 9), .init("posts", 4), .init("facts", 7),
                                                      .init("rumors", 0), .init("log entries", logEntries), .init("attestations", 3)],
                             fileGroups: [.init(location: "log.jsonl", files: 1, holds: "records-log entries with their chain hashes"),
                                          .init(location: "data/facts/", files: 7, holds: "each fact as JSON"),
                                          .init(location: "readable/releases/", files: 18, holds: "a text and an HTML copy of each revision"),
                                          .init(location: "manifest.json", files: 1, holds: "the SHA-256 of every file, the log's head")],
                             fileCount: 27, suggestedFolder: "~/onevoice-exports/\(filter.incidentID.map { "incident-\($0)" } ?? "all-records")-20261122-140500")
    }

    func export(_ filter: LogFilter, to folder: String) throws -> ExportResult {
        count("export")
        if folder.contains("exists") { throw OperationError("\(folder) already exists; choose a new name for the export (nothing was written).") }
        exportedTo.append(folder)
        return ExportResult(folder: folder, files: 27, logEntries: entries(filter).count, manifestPath: folder + "/manifest.json",
                            manifestSHA256: String(repeating: "ab", count: 32))
    }

    func dataVersion() throws -> Int { count("dataVersion"); return version }

    func connectionProblem() -> String? { connection }
}
