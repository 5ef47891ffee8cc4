/// What a piece of the screen is, so a theme can give it a look. The raw value is the TOML key.
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    case text
    case muted
    case title
    case topBar = "top_bar"
    case badgeLive = "badge_live"
    case badgeExercise = "badge_exercise"
    case clock
    case columnHeader = "column_header"
    case selected
    case tabActive = "tab_active"
    case tabInactive = "tab_inactive"
    case statusBar = "status_bar"
    case statusKey = "status_key"
    case flashInfo = "flash_info"
    case flashError = "flash_error"
    case commandLine = "command_line"
    case overlay
    case statusActive = "status_active"
    case statusMonitoring = "status_monitoring"
    case statusClosed = "status_closed"
    case factVerified = "fact_verified"
    case factUnverified = "fact_unverified"
    case factDisputed = "fact_disputed"
    case factRetracted = "fact_retracted"
    case warning
    /// Words a search matched (bold and underlined too, so they show on a selected row and without colour).
    case match
}
