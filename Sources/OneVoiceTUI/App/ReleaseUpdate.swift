/// The release view's own update: it scrolls, and its keys act on the release (through `ReleaseActions`) and on
/// its posts (`PostActions`).
enum ReleaseUpdate {
    static func perform(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        switch command {
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp:
            guard let movement = command.movement else { return [] }
            return move(movement, state: &state)
        case .back:
            return Update.goBack(state: &state)
        case .clear:
            return ReleaseActions.clear(state: &state)
        case .edit:
            return ReleaseActions.edit(state: &state)
        case .submit:
            return ReleaseActions.submit(state: &state)
        case .approve:
            return ReleaseActions.approve(state: &state)
        case .schedule:
            return ReleaseActions.schedule(state: &state)
        case .hold:
            return ReleaseActions.hold(state: &state)
        case .releaseNow:
            return ReleaseActions.confirmPosts(now: true, state: &state)
        case .cancelRelease:
            return ReleaseActions.confirmPosts(now: false, state: &state)
        case .updateRelease:
            return ReleaseActions.followUp(correction: false, state: &state)
        case .correctRelease:
            return ReleaseActions.followUp(correction: true, state: &state)
        case .markPosted:
            return PostActions.perform(.markPosted, state: &state)
        case .resendPost:
            return PostActions.perform(.resend, state: &state)
        case .open, .nextTab, .previousTab, .jump, .nextMatch, .previousMatch, .clearSearch, .filterLog, .clearFilter, .export,
             .newIncident, .draft, .verifyFact, .disputeFact, .retractFact, .addFact, .editFact, .assignSpokesperson,
             .editIncident, .closeIncident, .search, .help, .commandLine, .quit, .redraw, .nextField, .previousField, .choiceDown,
             .choiceUp, .toggle, .confirm, .cancel, .alternate, .pick:
            // Not bound on the release view (or handled before the screen: the prompt, help, quitting).
            return []
        }
    }

    static func move(_ movement: Movement, state: inout DashboardState) -> [Effect] {
        guard var release = state.release else { return [] }
        let height = state.listHeight
        switch movement {
        case .down: release.scroll += 1
        case .up: release.scroll -= 1
        case .top: release.scroll = 0
        case .bottom: release.scroll = Int.max / 2
        case .pageDown: release.scroll += height
        case .pageUp: release.scroll -= height
        }
        release.scroll = max(0, release.scroll)  // the view clamps the far end
        state.release = release
        return []
    }

    static func click(index: Int, state: inout DashboardState) -> [Effect] { [] }

    static func loaded(_ detail: ReleaseDetail, state: inout DashboardState) -> [Effect] {
        guard var release = state.release, release.id == detail.id else { return [] }
        release.detail = detail
        release.loaded = true
        state.release = release
        return []
    }
}
