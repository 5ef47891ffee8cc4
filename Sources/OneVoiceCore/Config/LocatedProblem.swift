/// One thing wrong in a file a person wrote (a template, config.toml), located for them:
/// `file:line:column: message`. `Kind` says what sort of problem it is, per kind of file.
public struct LocatedProblem<Kind: Hashable & Sendable>: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
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
