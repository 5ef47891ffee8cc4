/// The schedule view's own update: Enter opens the post's release, movement, the keys that move, hold, send or
/// cancel the selected post's release (`ReleaseActions`) or act on the post itself (`PostActions`), and clicks.
enum ScheduleUpdate {
    static func perform(_ command: KeyCommand, state: inout DashboardState) -> [Effect] {
        switch command {
        case .open:
            guard let row = state.schedule.selectedRow else { return [] }
            return Update.openRelease(row.releaseID, state: &state)
        case .moveDown, .moveUp, .top, .bottom, .pageDown, .pageUp:
            let count = state.schedule.rows.count
            guard let movement = command.movement, count > 0 else { return [] }
            state.schedule.selected = movement.step(from: state.schedule.selected, count: count, page: state.listHeight)
            return []
        case .back:
            return Update.goBack(state: &state)
        case .jump(let n):
            return Update.jumpToView(n, state: &state)
        case .schedule:
            guard Update.writable(&state), let row = state.schedule.selectedRow else { return [] }
            state.dialog = FormDialogs.reschedule(row)
            return []
        case .hold:
            return ReleaseActions.hold(state: &state)
        case .releaseNow:
            return ReleaseActions.confirmPosts(now: true, state: &state)
        case .cancelRelease:
            return ReleaseActions.confirmPosts(now: false, state: &state)
        case .markPosted:
            return PostActions.perform(.markPosted, state: &state)
        case .resendPost:
            return PostActions.perform(.resend, state: &state)
        case .nextTab, .previousTab, .nextMatch, .previousMatch, .clearSearch, .filterLog, .clearFilter, .export, .newIncident,
             .draft, .verifyFact, .disputeFact, .retractFact, .clear, .edit, .submit, .approve, .addFact, .editFact,
             .assignSpokesperson, .editIncident, .closeIncident, .updateRelease, .correctRelease, .search, .help, .commandLine,
             .quit, .redraw, .nextField, .previousField, .choiceDown, .choiceUp, .toggle, .confirm, .cancel, .alternate, .pick:
            // Not bound on the schedule view (or handled before the screen: the prompt, help, quitting).
            return []
        }
    }

    static func click(index: Int, state: inout DashboardState) -> [Effect] {
        if state.schedule.rows.indices.contains(index) { state.schedule.selected = index }
        return []
    }

    static func loaded(_ rows: [ScheduleRow], state: inout DashboardState) -> [Effect] {
        let previous = state.schedule.selectedRow?.postID
        state.schedule.rows = rows
        state.schedule.loaded = true
        if let previous, let index = rows.firstIndex(where: { $0.postID == previous }) {
            state.schedule.selected = index
        } else {
            state.schedule.selected = max(0, min(state.schedule.selected, rows.count - 1))
        }
        return []
    }
}
