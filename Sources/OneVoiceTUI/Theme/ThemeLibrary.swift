import OneVoiceCore
import Foundation
import TOMLKit

/// Finds themes by name: `NAME.toml` in a themes directory first, then the built-in copies.
public struct ThemeLibrary: Sendable {
    /// The directory holding `*.toml` themes (the repo's `Themes/` in development), if any.
    public var directory: URL?

    public init(directory: URL?) {
        self.directory = directory
    }

    /// A loaded theme and, when something was wrong, one sentence for the user (the default theme is used then).
    public struct Loaded: Sendable {
        public var theme: Theme
        public var warning: String?
    }

    /// Names of the themes on offer (directory and built-ins), sorted.
    public var names: [String] {
        var set = Set(BuiltinThemes.all.map(\.name))
        if let directory, let items = try? FileManager.default.contentsOfDirectory(atPath: directory.path) {
            for item in items where item.hasSuffix(".toml") { set.insert(String(item.dropLast(5))) }
        }
        return set.sorted()
    }

    /// Loads the theme `name`; never fails: a broken or missing theme gives the default theme and a warning naming file and line.
    public func load(name: String) -> Loaded {
        if let directory {
            let url = directory.appendingPathComponent("\(name).toml")
            if FileManager.default.fileExists(atPath: url.path) {
                do {
                    let text = try String(contentsOf: url, encoding: .utf8)
                    return Loaded(theme: try ThemeParser.parse(text, file: url.path, base: Theme.fallback), warning: nil)
                } catch let error as ThemeError {
                    return Loaded(theme: .fallback, warning: "\(error.description); using the default theme.")
                } catch {
                    return Loaded(theme: .fallback, warning: "\(url.path): cannot be read as UTF-8 text; using the default theme.")
                }
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
