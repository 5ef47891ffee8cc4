import Foundation

/// The built-in pre-plan templates plus the user's own, which add to them or replace them by
/// id. A broken user file never breaks the library: its problems are collected and the rest
/// is kept (a broken override leaves the built-in in place).
public struct TemplateLibrary: Sendable {
    /// Templates by id.
    public private(set) var templates: [String: Template]
    /// Problems met while loading (broken files, duplicate ids).
    public private(set) var problems: [TemplateProblem]

    public init(templates: [Template] = [], problems: [TemplateProblem] = []) {
        self.templates = Dictionary(templates.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.problems = problems
    }

    /// The directory of built-in template files in the module's resources.
    public static let builtInDirectory: URL? = ShippedResources.url("Templates", isDirectory: true)

    /// `$XDG_CONFIG_HOME/onevoice/templates`, or `~/.config/onevoice/templates`.
    public static func defaultUserDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            return URL(fileURLWithPath: config).appendingPathComponent("onevoice/templates", isDirectory: true)
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".config/onevoice/templates", isDirectory: true)
        }
        return nil
    }

    /// The built-ins plus the `*.toml` files of `userDirectory` (a missing directory is fine).
    public static func load(userDirectory: URL?) -> TemplateLibrary {
        var library = TemplateLibrary()
        if let builtIn = builtInDirectory {
            library.add(directory: builtIn, label: { "builtin:\($0.lastPathComponent)" })
        } else {
            library.problems.append(TemplateProblem(kind: .unreadable, file: "builtin:Templates", line: 1, column: 1,
                                                    message: "the built-in templates are missing from the program's resources; reinstall OneVoice."))
        }
        if let userDirectory {
            library.add(directory: userDirectory, label: { $0.path })
        }
        return library
    }

    /// Only the built-in templates.
    public static func builtIn() -> TemplateLibrary { load(userDirectory: nil) }

    /// All templates sorted by id.
    public var all: [Template] { templates.values.sorted { $0.id < $1.id } }

    public func template(id: String) -> Template? { templates[id] }

    /// The template for a kind: the one whose id is the kind's slug, else the first of that kind.
    public func template(for kind: IncidentKind) -> Template? {
        templates[kind.slug] ?? all.first { $0.kind == kind }
    }

    /// Adds a parsed template, replacing one with the same id.
    public mutating func add(_ template: Template) {
        templates[template.id] = template
    }

    /// Adds every `*.toml` file of `directory`, in file-name order.
    public mutating func add(directory: URL, label: (URL) -> String) {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "toml" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            // A user directory that does not exist yet is not a problem.
            if FileManager.default.fileExists(atPath: directory.path) {
                problems.append(TemplateProblem(kind: .unreadable, file: directory.path, line: 1, column: 1,
                                                message: "cannot list the template directory (\(error.localizedDescription))."))
            }
            return
        }
        var seenHere: [String: String] = [:]
        for file in files {
            let name = label(file)
            let source: String
            do {
                source = try TextInput.readSource(contentsOf: file)
            } catch {
                problems.append(TemplateProblem(kind: .unreadable, file: name, line: 1, column: 1,
                                                message: "cannot read the template file (\(error.localizedDescription))."))
                continue
            }
            let result = TemplateParser.parse(source: source, file: name)
            problems += result.problems
            guard let template = result.template else { continue }
            if let earlier = seenHere[template.id] {
                problems.append(TemplateProblem(kind: .duplicateID, file: name, line: 1, column: 1,
                                                message: "template id \"\(template.id)\" is also used by \(earlier); this file wins."))
            }
            seenHere[template.id] = name
            add(template)
        }
    }
}
