/// One thing wrong with a template file, located for a person: `file:line:column: message`.
public struct TemplateProblem: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable {
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

    public var kind: Kind
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(kind: Kind, file: String, line: Int, column: Int, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(kind: Kind, file: String, at position: TextPosition, message: String) {
        self.init(kind: kind, file: file, line: position.line, column: position.column, message: message)
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}
