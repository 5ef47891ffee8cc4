/// What a person in the roster may do. A person can hold several roles.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case admin
    case drafter
    case verifier
    case legal
    case spokesperson

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a comma-separated list as stored ("admin,drafter"); unknown words are ignored.
    public static func parseList(_ text: String) -> [Role] {
        text.split(separator: ",").compactMap { Role(rawValue: $0.trimmingCharacters(in: .whitespaces)) }.sorted()
    }

    public static func list(_ roles: some Sequence<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ",")
    }
}
