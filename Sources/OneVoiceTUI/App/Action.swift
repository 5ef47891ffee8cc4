import Foundation

/// Everything that can happen to the dashboard: input, time, and the results of loads.
public enum Action: Equatable, Sendable {
    case key(Key)
    /// A mouse click at a screen cell.
    case click(row: Int, column: Int)
    case resize(width: Int, height: Int)
    /// The clock ticked (about 4 times a second).
    case tick(Date)
    case headerLoaded(HeaderInfo)
    case boardLoaded(WindowResult<BoardRow>)
    /// `incidentID` nil: the records log view; else the Log tab of that incident.
    case logLoaded(incidentID: IncidentID?, WindowResult<LogRow>)
    case incidentLoaded(IncidentScreen)
    case incidentMissing(IncidentID)
    case dataVersion(Int)
    /// Why the dashboard's own scheduler's last pass failed (nil: it is fine).
    case schedulerStatus(String?)
    /// Why the shared server did not answer (nil: connected, or a database file).
    case connectionStatus(String?)
    /// How many stored rows cannot be read back (the lists leave them out).
    case unreadableCounted(Int)
    case themeLoaded(Theme, warning: String?)
    /// A load failed: one sentence for the user.
    case failed(String)
    /// A search found nothing.
    case notFound(String)
    /// The board's search found a row: the window that shows it, its match number (1-based; 0 when not counted)
    /// of how many, and whether the search went past the end and started again from the other end.
    case boardFound(WindowResult<BoardRow>, text: String, match: Int, of: Int, wrapped: Bool)
    case releaseLoaded(ReleaseDetail)
    case releaseMissing(ReleaseID)
    case scheduleLoaded([ScheduleRow])
    /// The templates to draft from, for the picker.
    case templatesLoaded(incidentID: IncidentID, [TemplateChoice], preselected: Int)
    /// What a form's pickers offer, loaded before the form opens.
    case formLoaded(FormRequest, FormData)
    /// A change was made.
    case operationDone(OperationOutcome)
    /// A change was refused: one sentence for the user.
    case operationFailed(String)
    /// A window of a records search's hits (for the request it answers).
    case searchLoaded(SearchRequest, WindowResult<SearchRow>)
    /// A records search could not run: one sentence for the user.
    case searchFailed(SearchRequest, String)
    /// The records log's new filter names a real incident: apply it.
    case logFilterChecked(LogFilter)
    /// Incidents to pick from in the filter dialog (board order).
    case incidentChoicesLoaded([BoardRow])
    /// What an export would write, for the export dialog.
    case exportPlanned(ExportPreview)
    /// An export was written.
    case exportDone(ExportResult)
}

/// Slow work `update` asks for; the program performs it and feeds the result back as an `Action`.
public enum Effect: Equatable, Sendable {
    case loadHeader
    case loadBoard(WindowLoad<BoardRow>, select: WindowSelection)
    /// `incidentID` nil: the records log, within its filter; else the Log tab of that incident.
    case loadLog(incidentID: IncidentID?, WindowLoad<LogRow>, select: WindowSelection)
    /// A window of a records search's hits.
    case loadSearch(SearchRequest, WindowLoad<SearchRow>, select: WindowSelection)
    /// Checks that a filter's incident exists before the records log shows it.
    case checkLogFilter(LogFilter)
    /// The incidents the filter dialog offers.
    case loadIncidentChoices
    /// Works out what an export of the filter's records would write (nothing is written).
    case planExport(LogFilter)
    /// Writes the export of the filter's records into a new folder.
    case export(LogFilter, folder: String)
    case loadIncident(IncidentID)
    case findBoard(String, from: BoardRow?, direction: PageDirection)
    case checkDataVersion
    /// Asks whether this process's scheduler is delivering (its last failure, if any).
    case checkScheduler
    /// Asks whether the shared server answered the last look (a database file always has).
    case checkConnection
    /// Counts the rows that cannot be read back (on the tick after the data changed: never in a first frame's or a key's time).
    case countUnreadable
    case loadTheme(String)
    case loadRelease(ReleaseID)
    case loadSchedule
    case loadTemplates(incidentID: IncidentID)
    /// Loads what a form's pickers offer (the roster, the template's fact keys...), then opens the form.
    case loadForm(FormRequest)
    /// A change to the records (a Core operation; its result comes back as `operationDone` or `operationFailed`).
    case operate(Operation)
    /// Suspends the screen, edits the release in $VISUAL/$EDITOR and saves it as a new revision.
    case editRelease(ReleaseID)
}
