/// One thing wrong in the agency configuration file, located for a person:
/// `file:line:column: message`.
public typealias AgencyConfigProblem = LocatedProblem<AgencyConfigProblemKind>

/// What sort of problem config.toml has.
public enum AgencyConfigProblemKind: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Not valid TOML at all.
    case badTOML = "bad-toml"
    /// A key or section the configuration does not know (often a typo).
    case unknownKey = "unknown-key"
    /// A `[limits]` key that is not a channel slug.
    case unknownChannel = "unknown-channel"
    /// A string where a number belongs, and so on.
    case wrongType = "wrong-type"
    /// The right type but a value that cannot be used (a bad URL, a negative limit, ...).
    case invalidValue = "invalid-value"
    /// `[policy] rules_file` names a file that is not there.
    case missingFile = "missing-file"
}

/// Why the agency configuration (`config.toml`) cannot be used. The description is what a
/// person reads: one line per problem, each starting with `file:line:column:`.
public enum AgencyConfigError: Error, Equatable, CustomStringConvertible {
    /// The file exists but cannot be read (permissions, not UTF-8, a directory).
    case unreadable(file: String, reason: String)
    /// Everything wrong in the file, in line order.
    case problems([AgencyConfigProblem])
    /// The file holds a secret but others can read it. `mode` is the file's permission bits.
    case secretsReadableByOthers(file: String, mode: Int)
    /// The agency's rules file (`[policy] rules_file`) is wrong; the error locates it in that file.
    case rules(PolicyRuleError)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the configuration file (\(reason)); check the path and permissions."
        case .problems(let problems):
            return problems.map(\.description).joined(separator: "\n")
        case .secretsReadableByOthers(let file, let mode):
            let octal = String(mode & 0o777, radix: 8)
            return "\(file) holds a secret (a token, app password or webhook secret) but its mode is \(octal), "
                + "so other people on this machine can read it; run: chmod 600 \(file)"
        case .rules(let error):
            return error.description
        }
    }

    /// The located problems, if that is what this is.
    public var problems: [AgencyConfigProblem] {
        if case .problems(let problems) = self { return problems }
        return []
    }
}
