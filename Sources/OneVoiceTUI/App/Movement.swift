/// The six keys that move a selection or scroll: a screen's switch over them is exhaustive.
public enum Movement: Sendable, Equatable {
    case down, up, top, bottom, pageDown, pageUp

    /// The index a plain list's selection moves to (clamped to the list).
    func step(from current: Int, count: Int, page: Int) -> Int {
        let next: Int
        switch self {
        case .down: next = current + 1
        case .up: next = current - 1
        case .top: next = 0
        case .bottom: next = count - 1
        case .pageDown: next = current + page
        case .pageUp: next = current - page
        }
        return max(0, min(count - 1, next))
    }
}

extension KeyCommand {
    /// The movement this key makes, if it is one of the six.
    var movement: Movement? {
        switch self {
        case .moveDown: .down
        case .moveUp: .up
        case .top: .top
        case .bottom: .bottom
        case .pageDown: .pageDown
        case .pageUp: .pageUp
        case .open, .back, .nextTab, .previousTab, .jump, .search, .nextMatch, .previousMatch, .clearSearch, .filterLog,
             .clearFilter, .export, .help, .commandLine, .quit, .redraw, .newIncident, .draft, .verifyFact, .disputeFact,
             .retractFact, .clear, .edit, .submit, .approve, .schedule, .hold, .releaseNow, .cancelRelease, .markPosted, .resendPost, .addFact,
             .editFact, .assignSpokesperson, .editIncident, .closeIncident, .updateRelease, .correctRelease, .nextField,
             .previousField, .choiceDown, .choiceUp, .toggle, .confirm, .cancel, .alternate, .pick:
            nil
        }
    }
}
