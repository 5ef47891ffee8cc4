import Foundation

/// What OneVoice accepts as text, from an argument, a file, standard input, the editor or the dashboard:
/// valid UTF-8 without NUL or other control characters (tab and newline are fine), within the field's
/// limit. A refusal names the field (or file) and the line:column of the first problem, and is decided
/// in microseconds: sizes are compared before anything is read character by character.
public enum TextInput {
    /// Refuses `text` for `field` when it is too long or holds a control character.
    public static func check(_ text: String, as field: TextField) throws(TextInputError) {
        // UTF-8 bytes are at most 4 per scalar: a text this many bytes long is too long whatever it holds.
        let bytes = text.utf8.count
        if bytes > field.limit * 4 || (bytes > field.limit && text.unicodeScalars.count > field.limit) {
            throw .tooLong(field: field.name, limit: field.limit)
        }
        if let (index, scalar) = firstControl(in: text) {
            throw .control(field: field.name, position: TextPosition(of: index, in: text), scalar: scalar.value)
        }
    }

    /// Refuses an optional text the same way when it is there.
    public static func check(_ text: String?, as field: TextField) throws(TextInputError) {
        if let text { try check(text, as: field) }
    }

    /// The largest text file (a release with every channel's text, a template, a theme, a config) read.
    public static let fileLimit = 1 << 20

    /// Decodes bytes read from `source` ("file PATH", "text on standard input"): refuses more than `fileLimit`
    /// bytes, invalid UTF-8 and control characters with the line:column where they are. "\r\n" line
    /// ends (a Windows editor) are read as "\n"; a lone CR is refused like any other control.
    public static func decode(_ data: Data, from source: String) throws(TextInputError) -> String {
        guard data.count <= fileLimit else { throw .fileTooLarge(source: source, limit: fileLimit) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .invalidUTF8(source: source, position: invalidUTF8Position(in: data))
        }
        let normalised = text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        if let (index, scalar) = firstControl(in: normalised) {
            throw .control(field: source, position: TextPosition(of: index, in: normalised), scalar: scalar.value)
        }
        return normalised
    }

    /// A file's size from `stat`, nil when it cannot be read. Not FileManager's `attributesOfItem`, which also
    /// looks up the owner's and group's names (the system's user database) for every file read at start.
    static func fileSize(atPath path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    /// Reads and decodes a file, refusing one too large before reading it.
    public static func read(contentsOf url: URL) throws -> String {
        if let size = fileSize(atPath: url.path), size > fileLimit {
            throw TextInputError.fileTooLarge(source: "file \(url.path)", limit: fileLimit)
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw FileError.cannotRead(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        // One byte past the limit is enough to know it is too large (a FIFO or /dev/zero has no size).
        let data = (try? handle.read(upToCount: fileLimit + 1)) ?? nil
        return try decode(data ?? Data(), from: "file \(url.path)")
    }

    /// Reads a file the TOML readers locate problems in themselves (the config, a template, a rules
    /// file): one larger than `fileLimit` is refused before it is read; the rest must be UTF-8.
    public static func readSource(contentsOf url: URL) throws -> String {
        if let size = fileSize(atPath: url.path), size > fileLimit {
            throw TextInputError.fileTooLarge(source: "file \(url.path)", limit: fileLimit)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Reads standard input the same way.
    public static func readStandardInput() throws -> String {
        let data = (try? FileHandle.standardInput.read(upToCount: fileLimit + 1)) ?? nil
        return try decode(data ?? Data(), from: "text on standard input")
    }

    /// The first C0 control other than tab and newline, DEL, or C1 control, with where it is.
    static func firstControl(in text: String) -> (String.Index, Unicode.Scalar)? {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let v = scalars[index].value
            if (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v) {
                return (index, scalars[index])
            }
            index = scalars.index(after: index)
        }
        return nil
    }

    /// Line and column (in characters) of the first byte that is not valid UTF-8.
    static func invalidUTF8Position(in data: Data) -> TextPosition {
        let bytes = [UInt8](data)
        var validEnd = 0
        var i = 0
        // Walk whole scalars; stop at the first malformed one.
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            guard length > 0, i + length <= bytes.count,
                  String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
            else { break }
            i += length
            validEnd = i
        }
        let prefix = String(decoding: bytes[..<validEnd], as: UTF8.self)
        return TextPosition(of: prefix.endIndex, in: prefix)
    }
}

/// A kind of text a person enters, with its limit in characters (Unicode scalars).
public struct TextField: Sendable, Equatable {
    public let name: String
    public let limit: Int

    public init(name: String, limit: Int) {
        self.name = name
        self.limit = limit
    }

    public static let title = TextField(name: "title", limit: 200)
    public static let location = TextField(name: "location", limit: 200)
    public static let name = TextField(name: "name", limit: 200)
    public static let source = TextField(name: "source", limit: 200)
    public static let factText = TextField(name: "fact", limit: 2_000)
    public static let rumorText = TextField(name: "rumor", limit: 2_000)
    public static let note = TextField(name: "note", limit: 2_000)
    public static let releaseText = TextField(name: "release text", limit: 65_536)
    public static let rendition = TextField(name: "channel text", limit: 65_536)

    /// Every limit, for the README's table and the tests.
    public static let all: [TextField] = [.title, .location, .name, .source, .factText, .rumorText, .note, .releaseText, .rendition]
}

/// Why a text was refused; one sentence saying what to do.
public enum TextInputError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case control(field: String, position: TextPosition, scalar: UInt32)
    case invalidUTF8(source: String, position: TextPosition)
    case tooLong(field: String, limit: Int)
    case fileTooLarge(source: String, limit: Int)

    public var description: String {
        switch self {
        case .control(let field, let position, let scalar):
            "The \(field) holds a control character (U+\(String(format: "%04X", scalar))) at \(position); remove it and try again (nothing was saved)."
        case .invalidUTF8(let source, let position):
            "The \(source) is not valid UTF-8 at \(position); save it as UTF-8 and try again (nothing was saved)."
        case .tooLong(let field, let limit):
            "The \(field) is longer than \(limit) characters; shorten it and try again (nothing was saved)."
        case .fileTooLarge(let source, let limit):
            "The \(source) is larger than \(limit / 1024) KB, the most OneVoice reads; shorten it and try again (nothing was saved)."
        }
    }

    public var errorDescription: String? { description }
}
