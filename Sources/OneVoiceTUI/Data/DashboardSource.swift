import Foundation

/// Which way a windowed query reads from its cursor, in display order.
public enum PageDirection: Sendable, Equatable {
    /// Rows after the cursor (from the top when the cursor is nil), in display order.
    case forward
    /// Rows before the cursor (the last rows when the cursor is nil), still returned in display order.
    case backward
}

/// Everything the dashboard reads. Every list is windowed (limit + keyset cursor, cursor row excluded);
/// nothing asks for a whole table. Called on the main thread only, between frames.
public protocol DashboardSource: AnyObject {
    /// Agency, LIVE/EXERCISE, time zone, operator (nil = read-only) and the next scheduled release.
    func header() throws -> HeaderInfo
    /// Number of incidents on the board.
    func boardCount() throws -> Int
    /// Up to `limit` board rows next to `cursor` in board order (see `BoardCursor`).
    func boardRows(from cursor: BoardCursor?, direction: PageDirection, limit: Int) throws -> [BoardRow]
    /// The first `limit` incidents in board order for a picker: their numbers and titles, without the checks behind
    /// a board row's alert (which read each incident's posts, facts and released texts).
    func incidentChoices(limit: Int) throws -> [BoardRow]
    /// The first board row after (forward) or before (backward) `cursor` whose title, kind or id contains `text`, case-insensitively.
    func findBoardRow(containing text: String, from cursor: BoardCursor?, direction: PageDirection) throws -> BoardRow?
    /// Number of board rows before `cursor` (its position, for "row N of M" after a search jump).
    func boardPosition(of cursor: BoardCursor) throws -> Int
    /// How many board rows match `text` as `findBoardRow` does; with `before`, only those above that row (its match number - 1).
    func boardMatchCount(containing text: String, before cursor: BoardCursor?) throws -> Int
    /// One incident's overview, or nil when there is no such incident.
    func incident(id: IncidentID) throws -> IncidentDetail?
    /// Up to `limit` facts of an incident, grouped by status (unverified, verified, disputed, retracted), oldest first within a group.
    func facts(incidentID: IncidentID, limit: Int) throws -> [FactRow]
    /// Up to `limit` releases of an incident in pipeline order (draft, in review, approved, scheduled, released).
    func releases(incidentID: IncidentID, limit: Int) throws -> [ReleaseRow]
    /// Up to `limit` posts of an incident, soonest scheduled first.
    func posts(incidentID: IncidentID, limit: Int) throws -> [PostRow]
    /// Number of log entries in `filter` (one incident, a date range; empty: the whole log).
    func logCount(_ filter: LogFilter) throws -> Int
    /// Up to `limit` log entries in `filter` next to `cursor`, newest first.
    func logRows(_ filter: LogFilter, from cursor: LogCursor?, direction: PageDirection, limit: Int) throws -> [LogRow]
    /// Number of log entries in `filter` before `cursor` in newest-first order (its position).
    func logPosition(of cursor: LogCursor, in filter: LogFilter) throws -> Int
    /// Number of records (revisions, posts, facts, rumors, log entries) the search matches within its filter,
    /// counting no further than `RecordsSearch.countLimit`; with `newerThan`, only those newer than that hit.
    /// Throws one sentence for a query with nothing to look for.
    func searchCount(_ request: SearchRequest, newerThan cursor: SearchCursor?) throws -> Int
    /// Up to `limit` hits of the search next to `cursor`, newest first, the matched words marked.
    func searchRows(_ request: SearchRequest, from cursor: SearchCursor?, direction: PageDirection, limit: Int) throws -> [SearchRow]
    /// What an export of `filter`'s records would write, without writing anything; `now` names the suggested folder.
    func exportPreview(_ filter: LogFilter, now: Date) throws -> ExportPreview
    /// Writes the export of `filter`'s records into the new folder `folder` (`~` is the home folder);
    /// throws one sentence when the folder exists, cannot be written or the disk is full.
    func export(_ filter: LogFilter, to folder: String) throws -> ExportResult
    /// A number that changes whenever anyone commits: another process or this one (its scheduler, its actions); cheap, polled 4 times a second.
    func dataVersion() throws -> Int
    /// Why the scheduler running in this process last failed (nil: fine, or none runs here).
    func schedulerProblem() -> String?
    /// Why the shared server did not answer the last look; nil while it does, and for a database file.
    func connectionProblem() -> String?
    /// How many stored rows the lists leave out because they cannot be read back (`Workspace.unreadableRows`).
    func unreadableRowCount() throws -> Int

    // The workflow (defaults in WorkflowModels.swift: read-only, nothing to show).
    /// One release as the release view shows it, or nil when there is no such release.
    func releaseDetail(id: ReleaseID) throws -> ReleaseDetail?
    /// Posts waiting to go out or needing a person (failed, missed, held), soonest first.
    func scheduleRows(limit: Int) throws -> [ScheduleRow]
    /// The templates a release of this incident can be drafted from, and the one for its kind.
    func templateChoices(incidentID: IncidentID) throws -> (choices: [TemplateChoice], preselected: Int)
    func editableText(releaseID: ReleaseID) throws -> String
    /// What a form's pickers offer (the roster, the template's fact keys, named people...).
    func formData(_ request: FormRequest) throws -> FormData
    /// Makes one change (one transaction); throws with one sentence when it is refused.
    func perform(_ operation: Operation) throws -> OperationOutcome
}
