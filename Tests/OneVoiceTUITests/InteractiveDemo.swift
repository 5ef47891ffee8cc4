import Foundation
import Testing
@testable import OneVoiceTUI

/// Runs the real dashboard over fixture data, for trying the driver by hand inside a terminal (tmux):
/// `ONEVOICE_TUI_DEMO=1 swift test --filter interactiveDemo`. Skipped otherwise.
@Suite struct InteractiveDemo {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ONEVOICE_TUI_DEMO"] == "1"))
    func interactiveDemo() throws {
        let source = Fixtures.source()
        let big = UpdateTests.bigSource(incidents: 10_000, log: 20_000)
        source.incidents += big.incidents
        source.log = big.log
        for row in source.incidents where source.details[row.id] == nil { source.details[row.id] = Fixtures.detail(row) }
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes")
        // Touching this file bumps the data version: a stand-in for another process writing.
        let bump = "/tmp/onevoice-demo-bump"
        final class Poller: DashboardSource {
            let inner: FakeDashboardSource
            let bump: String
            init(_ inner: FakeDashboardSource, bump: String) { self.inner = inner; self.bump = bump }
            func header() throws -> HeaderInfo { try inner.header() }
            func boardCount() throws -> Int { try inner.boardCount() }
            func boardRows(from cursor: BoardCursor?, direction: PageDirection, limit: Int) throws -> [BoardRow] {
                try inner.boardRows(from: cursor, direction: direction, limit: limit)
            }
            func findBoardRow(containing text: String, from cursor: BoardCursor?, direction: PageDirection) throws -> BoardRow? {
                try inner.findBoardRow(containing: text, from: cursor, direction: direction)
            }
            func boardPosition(of cursor: BoardCursor) throws -> Int { try inner.boardPosition(of: cursor) }
            func incident(id: IncidentID) throws -> IncidentDetail? { try inner.incident(id: id) }
            func facts(incidentID: IncidentID, limit: Int) throws -> [FactRow] { try inner.facts(incidentID: incidentID, limit: limit) }
            func releases(incidentID: IncidentID, limit: Int) throws -> [ReleaseRow] { try inner.releases(incidentID: incidentID, limit: limit) }
            func posts(incidentID: IncidentID, limit: Int) throws -> [PostRow] { try inner.posts(incidentID: incidentID, limit: limit) }
            func logCount(_ filter: LogFilter) throws -> Int { try inner.logCount(filter) }
            func logRows(_ filter: LogFilter, from cursor: LogCursor?, direction: PageDirection, limit: Int) throws -> [LogRow] {
                try inner.logRows(filter, from: cursor, direction: direction, limit: limit)
            }
            func logPosition(of cursor: LogCursor, in filter: LogFilter) throws -> Int { try inner.logPosition(of: cursor, in: filter) }
            func searchCount(_ request: SearchRequest, newerThan cursor: SearchCursor?) throws -> Int {
                try inner.searchCount(request, newerThan: cursor)
            }
            func searchRows(_ request: SearchRequest, from cursor: SearchCursor?, direction: PageDirection, limit: Int) throws -> [SearchRow] {
                try inner.searchRows(request, from: cursor, direction: direction, limit: limit)
            }
            func exportPreview(_ filter: LogFilter, now: Date) throws -> ExportPreview { try inner.exportPreview(filter, now: now) }
            func export(_ filter: LogFilter, to folder: String) throws -> ExportResult { try inner.export(filter, to: folder) }
            func dataVersion() throws -> Int {
                if FileManager.default.fileExists(atPath: bump) {
                    try? FileManager.default.removeItem(atPath: bump)
                    inner.version += 1
                    inner.incidents.append(BoardRow(id: "INC-9\(inner.version)", status: .active, kind: "General",
                                                    title: "Added by another process \(inner.version)", openedAt: Date(),
                                                    spokesperson: nil, unverifiedFacts: 0, awaitingSignOff: 0,
                                                    nextReleaseAt: nil, isExercise: false))
                }
                return inner.version
            }
        }
        try Dashboard.run(source: Poller(source, bump: bump), options: DashboardOptions(themesDirectory: themes))
    }
}
