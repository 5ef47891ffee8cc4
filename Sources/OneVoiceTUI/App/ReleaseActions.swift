/// What a person does to a release: from the release view, and (to move, hold, send or cancel its posts) from the
/// schedule view's selected post. Each refuses what it can before its form or question: the role, the stage.
enum ReleaseActions {
    /// The release the keys act on: the release view's, or the schedule view's selected row's.
    static func currentReleaseID(_ state: DashboardState) -> ReleaseID? {
        switch state.route {
        case .release(let id): return id
        case .schedule: return state.schedule.selectedRow?.releaseID
        case .board, .incident, .log: return nil
        }
    }

    /// `c`: legal clears the revision in review.
    static func clear(state: inout DashboardState) -> [Effect] {
        guard Update.writable(&state), let detail = state.release?.detail else { return [] }
        guard Update.allowed([.legal], to: "clear a release", state: &state) else { return [] }
        if detail.stage != .inReview {
            Update.flash("Release #\(detail.id) is \(detail.stage.phrase); legal clears releases that are in review.", error: true, state: &state)
            return []
        }
        state.dialog = Dialog(title: "Clear release #\(detail.id) for release (legal)", form: .clearRelease(ClearReleaseForm(releaseID: detail.id)),
                              body: [DialogLine(detail.title, .heading),
                                     DialogLine("Revision \(detail.revision), SHA-256 \(detail.contentHash)", .muted)],
                              footer: "Enter clears this exact revision · Esc cancels")
        return []
    }

    /// `e`: the text and every channel's text in the person's editor.
    static func edit(state: inout DashboardState) -> [Effect] {
        guard Update.writable(&state), let id = currentReleaseID(state) else { return [] }
        return [.editRelease(id)]
    }

    /// `s`: a draft goes into review.
    static func submit(state: inout DashboardState) -> [Effect] {
        guard Update.writable(&state), let id = currentReleaseID(state) else { return [] }
        if let detail = state.release?.detail, detail.id == id, detail.stage != .draft {
            Update.flash("Release #\(id) is \(detail.stage.phrase), not a draft; only drafts go into review.", error: true, state: &state)
            return []
        }
        guard Update.allowed([.drafter, .spokesperson], to: "submit a release for review", state: &state) else { return [] }
        return [.operate(.submitRelease(id))]
    }

    /// `a`: the incident's spokesperson signs exactly what the dialog shows.
    static func approve(state: inout DashboardState) -> [Effect] {
        guard Update.writable(&state), let detail = state.release?.detail else { return [] }
        if detail.stage == .draft {
            Update.flash("Release #\(detail.id) is a draft: submit it for review first (s).", error: true, state: &state)
            return []
        }
        if detail.stage != .inReview {
            Update.flash("Release #\(detail.id) is \(detail.stage.phrase); only a release in review is approved.", error: true, state: &state)
            return []
        }
        if let me = state.header?.operatorInfo, let spokesperson = detail.spokesperson, me.handle != spokesperson {
            Update.flash("Only \(spokesperson), the incident's spokesperson, can approve release #\(detail.id) (P hands it over).",
                         error: true, state: &state)
            return []
        }
        if detail.spokesperson == nil {
            Update.flash("Incident #\(detail.incidentID) has no spokesperson: assign one first (P on the incident).", error: true, state: &state)
            return []
        }
        state.dialog = FormDialogs.approval(detail)
        return []
    }

    /// `t` on the release view: refused here, before the form, unless the release is approved.
    static func schedule(state: inout DashboardState) -> [Effect] {
        guard Update.writable(&state), let detail = state.release?.detail else { return [] }
        switch detail.stage {
        case .approved:
            break
        case .draft:
            Update.flash("Release #\(detail.id) is a draft: submit it (s), then the spokesperson approves it (a), before it is scheduled.",
                         error: true, state: &state)
            return []
        case .inReview:
            Update.flash("Release #\(detail.id) is in review: the spokesperson approves it (a) before it is scheduled.", error: true, state: &state)
            return []
        case .scheduled:
            Update.flash("Release #\(detail.id) is already scheduled: t on the schedule view (3) moves it, H holds it, N sends it now.",
                         error: true, state: &state)
            return []
        case .released:
            Update.flash("Release #\(detail.id) is released: say more with an UPDATE (u) or a CORRECTION (C).", error: true, state: &state)
            return []
        }
        state.dialog = FormDialogs.schedule(detail)
        return []
    }

    /// `H`: every waiting post of the release is held.
    static func hold(state: inout DashboardState) -> [Effect] {
        guard Update.writable(&state), let id = currentReleaseID(state) else { return [] }
        return [.operate(.holdRelease(id))]
    }

    /// `N` and `X`: asks first, listing the posts that would go out now or be cancelled.
    static func confirmPosts(now: Bool, state: inout DashboardState) -> [Effect] {
        guard Update.writable(&state), let id = currentReleaseID(state) else { return [] }
        let waiting = waitingChannels(state)
        state.dialog = Dialog(title: now ? "Release #\(id) now?" : "Cancel release #\(id)?",
                              form: .question(now ? .releaseNow(id) : .cancelRelease(id)),
                              body: [DialogLine(now ? "Every waiting post goes out at once:" : "Every waiting post is cancelled; the release stays approved:", .heading)]
                                  + (waiting.isEmpty ? [DialogLine("(no post is waiting)", .muted)] : waiting.map { DialogLine("  " + $0) }),
                              footer: now ? "y sends now · n or Esc cancels" : "y cancels the posts · n or Esc keeps them")
        return []
    }

    static func waitingChannels(_ state: DashboardState) -> [String] {
        switch state.route {
        case .release:
            return (state.release?.detail?.posts ?? []).filter(\.status.isWaiting)
                .map { "\($0.channel): \($0.state)" + ($0.at.map { " \(state.time.dayAndClock($0))" } ?? "") }
        case .schedule:
            guard let id = state.schedule.selectedRow?.releaseID else { return [] }
            return state.schedule.rows.filter { $0.releaseID == id && $0.status.isWaiting }
                .map { "\($0.channel): \($0.state)" + ($0.at.map { " \(state.time.dayAndClock($0))" } ?? "") }
        case .board, .incident, .log:
            return []
        }
    }

    /// `u` and `C` (and `:update`, `:correct`): a new draft that points back to a released release.
    static func followUp(correction: Bool, state: inout DashboardState) -> [Effect] {
        guard let detail = state.release?.detail else { return [] }
        guard Update.allowed([.drafter, .spokesperson], to: "start a \(correction ? "correction" : "update")", state: &state) else { return [] }
        guard detail.stage == .released else {
            Update.flash("Release #\(detail.id) is not released yet (\(detail.stage.rawValue)): edit it (e) instead of a \(correction ? "correction" : "update").",
                         error: true, state: &state)
            return []
        }
        return [.operate(.followUp(releaseID: detail.id, correction: correction))]
    }
}
