/// How hard a policy finding stops a release: `.block` stops sign-off, `.warn` asks the
/// spokesperson to confirm.
public enum PolicySeverity: String, Codable, Sendable, CaseIterable, Comparable {
    case block
    case warn

    public static func < (lhs: PolicySeverity, rhs: PolicySeverity) -> Bool {
        // Blocks sort first.
        lhs == .block && rhs == .warn
    }
}
