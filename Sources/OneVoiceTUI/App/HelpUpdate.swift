/// The `?` overlay's own update: it scrolls, and Esc (or `?`) closes it.
enum HelpUpdate {
    static func perform(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        let page = max(1, state.height - 8)
        switch command {
        case .moveDown: state.helpOffset += 1
        case .moveUp: state.helpOffset -= 1
        case .pageDown: state.helpOffset += page
        case .pageUp: state.helpOffset -= page
        case .top, .bottom: state.helpOffset = 0
        case .back: state.showHelp = false
        case .open, .nextTab, .previousTab, .jump, .nextMatch, .previousMatch, .clearSearch, .filterLog, .clearFilter, .export,
             .newIncident, .draft, .verifyFact, .disputeFact, .retractFact, .clear, .edit, .submit, .approve, .schedule, .hold,
             .releaseNow, .cancelRelease, .markPosted, .resendPost, .addFact, .editFact, .assignSpokesperson, .editIncident,
             .closeIncident, .updateRelease, .correctRelease, .search, .help, .commandLine, .quit, .redraw, .nextField,
             .previousField, .choiceDown, .choiceUp, .toggle, .confirm, .cancel, .alternate, .pick:
            // Not bound over the help (or handled before it: `?`, quitting, redrawing).
            break
        }
        state.helpOffset = max(0, state.helpOffset)  // the overlay clamps the far end
        return []
    }
}
