/// The release view's own update: it scrolls (its keys act through Update+Workflow).
enum ReleaseUpdate {
    static func open(state: inout DashboardState) -> [Effect] { [] }

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
}
