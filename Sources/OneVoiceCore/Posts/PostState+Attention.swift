/// The one place that says which posts still wait and which need a person: every screen and the CLI ask here,
/// so an overdue post is in trouble everywhere or nowhere.
extension PostState {
    /// Still to go out: a person can hold, move, send or cancel it.
    public var isWaiting: Bool {
        switch self {
        case .scheduled, .held, .failed, .missed, .awaitingConfirmation, .handOff, .handOffOverdue, .needsCheck, .credentialsExpired: true
        case .delivering, .delivered, .cancelled: false
        }
    }

    /// Needs a person now: it failed, its time came before sign-off, it is overdue after downtime, a hand-off
    /// is past its time, it may have gone out (to check), or its platform refused the credentials.
    public var needsPerson: Bool {
        switch self {
        case .failed, .missed, .awaitingConfirmation, .handOffOverdue, .needsCheck, .credentialsExpired: true
        case .scheduled, .held, .delivering, .delivered, .cancelled, .handOff: false
        }
    }
}
