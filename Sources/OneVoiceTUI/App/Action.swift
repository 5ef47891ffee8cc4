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
    case logLoaded(incidentID: String?, WindowResult<LogRow>)
    case incidentLoaded(IncidentScreen)
    case incidentMissing(String)
    case dataVersion(Int)
    case themeLoaded(Theme, warning: String?)
    /// A load failed: one sentence for the user.
    case failed(String)
    /// A search found nothing.
    case notFound(String)
    case releaseLoaded(ReleaseDetail)
    case releaseMissing(String)
    case scheduleLoaded([ScheduleRow])
    /// The templates to draft from, for the picker.
    case templatesLoaded(incidentID: String, [TemplateChoice], preselected: Int)
    /// A change was made.
    case operationDone(OperationOutcome)
    /// A change was refused: one sentence for the user.
    case operationFailed(String)
}

/// Slow work `update` asks for; the program performs it and feeds the result back as an `Action`.
public enum Effect: Equatable, Sendable {
    case loadHeader
    case loadBoard(WindowLoad<BoardRow>, select: WindowSelection)
    case loadLog(incidentID: String?, WindowLoad<LogRow>, select: WindowSelection)
    case loadIncident(String)
    case findBoard(String, from: BoardRow?, direction: PageDirection)
    case findLog(incidentID: String?, String, from: LogRow?, direction: PageDirection)
    case checkDataVersion
    case loadTheme(String)
    case loadRelease(String)
    case loadSchedule
    case loadTemplates(incidentID: String)
    /// A change to the records (a Core operation; its result comes back as `operationDone` or `operationFailed`).
    case operate(Operation)
    /// Suspends the screen, edits the release in $VISUAL/$EDITOR and saves it as a new revision.
    case editRelease(String)
}
