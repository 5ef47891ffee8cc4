import OneVoiceCore
import Foundation
import TOMLKit

/// A theme file that could not be used, with the file and line to fix.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file) line \(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Parses theme TOML:
/// ```toml
/// name = "default"
/// [styles]
/// text = { fg = "default", bg = "default" }
/// badge_exercise = { fg = "black", bg = "#ffaf00", attrs = ["bold"] }
/// ```
/// Colours: "default", the 16 names ("red", "bright-red", ...), "#rrggbb", "color0"..."color255" or an integer.
public enum ThemeParser {
    public static func parse(_ text: String, file: String, base: Theme?) throws -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLReader.table(text)
        } catch let error as TOMLSyntaxError {
            throw ThemeError(file: file, line: error.line, message: error.description)
        } catch {
            throw ThemeError(file: file, line: nil, message: "not valid TOML")
        }
        let locator = TOMLKeyLocator(source: text)
        // A root key's line, or a table's header (`[[rule]]` is the table "rule").
        func lineOf(root key: String) -> Int? {
            // Found by the long property run: a stray ''' can hide a key from the locator; then the best guess.
            (locator.position(ofKey: key) ?? locator.position(ofTable: key) ?? locator.bestPosition(ofKey: key)).line
        }
        let name = table["name"]?.string ?? (file as NSString).deletingPathExtension
        var theme = Theme(name: name, styles: base?.styles ?? [:])
        for key in table.keys where key != "name" && key != "styles" && key != "description" {
            throw ThemeError(file: file, line: lineOf(root: key), message: "unknown key \"\(key)\" (expected name, description, [styles])")
        }
        guard let styles = table["styles"]?.table else {
            if table["styles"] != nil {
                throw ThemeError(file: file, line: lineOf(root: "styles"), message: "styles must be a table")
            }
            return theme
        }
        for key in styles.keys {
            let line = (locator.position(ofKey: key, table: "styles") ?? locator.position(ofTable: "styles.\(key)")
                        ?? locator.bestPosition(ofKey: key, table: "styles")).line
            guard let role = ThemeRole(rawValue: key) else {
                throw ThemeError(file: file, line: line, message: "unknown style \"\(key)\"; known: \(ThemeRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let entry = styles[key]?.table else {
                throw ThemeError(file: file, line: line, message: "style \"\(key)\" must be a table like { fg = \"white\", bg = \"blue\" }")
            }
            var style = Style()
            for field in entry.keys {
                switch field {
                case "fg", "bg":
                    guard let value = entry[field], let color = parseColor(value) else {
                        throw ThemeError(file: file, line: line, message: "style \"\(key)\": \(field) is not a colour (use \"default\", a name like \"bright-red\", \"#rrggbb\" or 0-255)")
                    }
                    if field == "fg" { style.fg = color } else { style.bg = color }
                case "attrs":
                    guard let array = entry[field]?.array else {
                        throw ThemeError(file: file, line: line, message: "style \"\(key)\": attrs must be a list like [\"bold\"]")
                    }
                    for item in array {
                        guard let word = item.string, let attr = attribute(named: word) else {
                            throw ThemeError(file: file, line: line, message: "style \"\(key)\": unknown attribute (use bold, reverse, underline, dim, blink)")
                        }
                        style.attrs.insert(attr)
                    }
                default:
                    throw ThemeError(file: file, line: line, message: "style \"\(key)\": unknown field \"\(field)\" (expected fg, bg, attrs)")
                }
            }
            theme.styles[role] = style
        }
        return theme
    }

    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    static func parseColor(_ value: TOMLValueConvertible) -> TermColor? {
        if let n = value.int { return (0...255).contains(n) ? .palette(UInt8(n)) : nil }
        guard let raw = value.string?.lowercased() else { return nil }
        if raw == "default" { return .default }
        if let i = colorNames.firstIndex(of: raw) { return .ansi(UInt8(i)) }
        if raw.hasPrefix("bright-"), let i = colorNames.firstIndex(of: String(raw.dropFirst(7))) { return .ansi(UInt8(i + 8)) }
        if raw.hasPrefix("color"), let n = Int(raw.dropFirst(5)), (0...255).contains(n) { return .palette(UInt8(n)) }
        if raw.hasPrefix("#"), raw.count == 7, let v = UInt32(raw.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF))
        }
        return nil
    }

    static func attribute(named name: String) -> TextAttributes? {
        switch name.lowercased() {
        case "bold": .bold
        case "reverse": .reverse
        case "underline": .underline
        case "dim": .dim
        case "blink": .blink
        default: nil
        }
    }
}
