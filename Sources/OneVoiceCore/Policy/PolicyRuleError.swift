/// Why a policy rule file could not be used. The description is one plain sentence that
/// starts with `file:line:column:` so editors can jump to it.
public enum PolicyRuleError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// The file is not valid TOML, or a rule in it is wrong (missing field, bad regex, ...).
    case invalid(file: String, line: Int, column: Int, message: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): cannot read the policy rules file (\(reason)); check the path and permissions."
        case .invalid(let file, let line, let column, let message):
            "\(file):\(line):\(column): \(message)"
        }
    }
}
