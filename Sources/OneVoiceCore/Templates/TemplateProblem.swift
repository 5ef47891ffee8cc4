/// One thing wrong with a template file, located for a person: `file:line:column: message`.
public typealias TemplateProblem = LocatedProblem<TemplateProblemKind>

/// What sort of problem a template file has.
public enum TemplateProblemKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case unreadable
    case badTOML = "bad-toml"
    case unknownSlot = "unknown-slot"
    case missingField = "missing-field"
    case unknownField = "unknown-field"
    case unknownChannel = "unknown-channel"
    case unknownKind = "unknown-kind"
    case wrongType = "wrong-type"
    case invalidValue = "invalid-value"
    case duplicateID = "duplicate-id"
}
