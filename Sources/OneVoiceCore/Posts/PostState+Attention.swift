/// The one place that says which posts still wait and which need a person: every screen and the CLI ask here,
/// so an overdue post is in trouble everywhere or nowhere.
extension PostState {
    /// Still to go out: a person can hold, move, send or cancel it.
    public var isWaiting: Bool {
        switch self {
        case .scheduled, .held, .failed, .missed, .awaitingConfirmation: true
        case .delivering, .delivered, .cancelled: false
        }
    }

    /// Needs a person now: it failed, its time came before sign-off, or it is overdue after downtime.
    public var needsPerson: Bool {
        switch self {
        case .failed, .missed, .awaitingConfirmation: true
        case .scheduled, .held, .delivering, .delivered, .cancelled: false
        }
    }
}
