import OneVoiceCore
import Foundation
import TOMLKit

/// Finds themes by name: `NAME.toml` in the user's themes folder, then in the installed themes folder,
/// then the built-in copies. Nothing else is searched: not the working directory (a planted `Themes/`),
/// and a name is only a name (`../x`, `/etc/x` or `x.toml` are refused, never read).
public struct ThemeLibrary: Sendable {
    /// The folders holding `*.toml` themes, searched in order.
    public var directories: [URL]

    /// The first folder searched, if any.
    public var directory: URL? { directories.first }

    public init(directory: URL?) {
        self.directories = directory.map { [$0] } ?? []
    }

    public init(directories: [URL]) {
        self.directories = directories
    }

    /// The user's themes (`$XDG_CONFIG_HOME/onevoice/themes` or `~/.config/onevoice/themes`), then the
    /// installed ones (`share/onevoice/themes` beside the program's `bin/`).
    public static func standard(environment: [String: String], executable: URL? = Bundle.main.executableURL) -> ThemeLibrary {
        var directories: [URL] = []
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            directories.append(URL(fileURLWithPath: xdg).appendingPathComponent("onevoice/themes"))
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            directories.append(URL(fileURLWithPath: home).appendingPathComponent(".config/onevoice/themes"))
        }
        if let executable {
            directories.append(executable.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("share/onevoice/themes"))
        }
        return ThemeLibrary(directories: directories)
    }

    /// A theme name: 1 to 64 lower-case letters, digits, '-' or '_' (what `theme = "..."` and `--theme` take).
    public static func isValidName(_ name: String) -> Bool {
        guard (1...64).contains(name.unicodeScalars.count) else { return false }
        return name.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "_"
        }
    }

    /// A loaded theme and, when something was wrong, one sentence for the user (the default theme is used then).
    public struct Loaded: Sendable {
        public var theme: Theme
        public var warning: String?
    }

    /// Names of the themes on offer (folders and built-ins), sorted.
    public var names: [String] {
        var set = Set(BuiltinThemes.all.map(\.name))
        for directory in directories {
            guard let items = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for item in items where item.hasSuffix(".toml") && Self.isValidName(String(item.dropLast(5))) {
                set.insert(String(item.dropLast(5)))
            }
        }
        return set.sorted()
    }

    /// Loads the theme `name`; never fails: a broken or missing theme gives the default theme and a warning naming file and line.
    public func load(name: String) -> Loaded {
        guard Self.isValidName(name) else {
            let shown = TerminalText.safe(String(name.prefix(80)), singleLine: true)
            return Loaded(theme: .fallback, warning: "\"\(shown)\" is not a theme name (lower-case letters, digits, '-' and '_'; available: \(names.joined(separator: ", "))); using the default theme.")
        }
        for directory in directories {
            let url = directory.appendingPathComponent("\(name).toml")
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int ?? 0
            guard size <= TextInput.fileLimit else {
                return Loaded(theme: .fallback, warning: "\(url.path) line 1: larger than \(TextInput.fileLimit / 1024) KB, too large for a theme; using the default theme.")
            }
            do {
                let text = try String(contentsOf: url, encoding: .utf8)
                return Loaded(theme: try ThemeParser.parse(text, file: url.path, base: Theme.fallback), warning: nil)
            } catch let error as ThemeError {
                return Loaded(theme: .fallback, warning: "\(error.description); using the default theme.")
            } catch {
                return Loaded(theme: .fallback, warning: "\(url.path): cannot be read as UTF-8 text; using the default theme.")
            }
        }
        if let builtin = BuiltinThemes.all.first(where: { $0.name == name }) {
            do {
                return Loaded(theme: try ThemeParser.parse(builtin.toml, file: "\(name).toml", base: Theme.fallback), warning: nil)
            } catch {
                return Loaded(theme: .fallback, warning: "\(error); using the default theme.")
            }
        }
        return Loaded(theme: .fallback, warning: "No theme named \"\(name)\" (available: \(names.joined(separator: ", "))); using the default theme.")
    }

    /// The theme name to use: `--theme` if given, else `theme = "NAME"` in `$XDG_CONFIG_HOME/onevoice/config.toml`
    /// (or `~/.config/...`), else "default". A config that cannot be parsed gives a warning naming file and line.
    public static func selectedName(commandLine: String?, environment: [String: String]) -> (name: String, warning: String?) {
        if let commandLine, !commandLine.isEmpty { return (commandLine, nil) }
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            base = xdg
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.config"
        } else {
            return ("default", nil)
        }
        let path = base + "/onevoice/config.toml"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return ("default", nil) }
        do {
            let table = try TOMLReader.table(text)
            if let name = table["theme"]?.string, !name.isEmpty { return (name, nil) }
            if table["theme"] != nil {
                return ("default", "\(path) line \(TOMLKeyLocator(source: text).bestPosition(ofKey: "theme").line): theme must be a name in quotes; using the default theme.")
            }
            return ("default", nil)
        } catch let error as TOMLSyntaxError {
            return ("default", "\(path) line \(error.line): \(error.description); using the default theme.")
        } catch {
            return ("default", "\(path): not valid TOML; using the default theme.")
        }
    }
}
