/// A fact about the release's situation (not its text) that can switch a rule off.
/// Written in rule files as `except_when_context = ["warns-of-fugitive"]`.
public enum PolicyCondition: String, Codable, Sendable, CaseIterable {
    /// The release warns the public about a fugitive (prior record may then be given).
    case warnsOfFugitive = "warns-of-fugitive"
    /// The incident is active (still unfolding).
    case incidentActive = "incident-active"

    func holds(in context: PolicyContext) -> Bool {
        switch self {
        case .warnsOfFugitive: context.warnsOfFugitive
        case .incidentActive: context.incidentActive
        }
    }
}
