import Foundation
import PropertyBased
import TestSupport
import Testing
@testable import OneVoiceTUI

/// A mutated theme file never crashes: it gives a theme, or the default theme and a warning
/// that names the file and a line.
@Suite("Property: theme parser")
struct PropertyThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    static let files: [(name: String, text: String)] = {
        let shipped = ((try? FileManager.default.contentsOfDirectory(at: themesDirectory, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "toml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .compactMap { url in (try? String(contentsOf: url, encoding: .utf8)).map { (url.lastPathComponent, $0) } }
        return shipped + BuiltinThemes.all.map { ("builtin-\($0.name).toml", $0.toml) }
    }()

    static let mutants = propertyMutants(of: files)

    /// Found by the properties below: the parser found only `key =` and `[key]`, so an error
    /// about a dotted key (`a.b.c = 1` under `[styles]`: unknown style "a") or an array of tables
    /// (`[[rule]]`: unknown key "rule") had no line. It now locates keys with `TOMLKeyLocator`.
    @Test func errorsForDottedKeysAndArraysOfTablesHaveALine() {
        for (text, line) in [("name = \"x\"\n[styles]\na.b.c = 1\n", 3), ("name = \"x\"\n[[rule]]\n", 2),
                             ("name = \"x\"\n[styles.text]\nfg = \"nope\"\n", 2), ("styles.a = 1\n", 1)] {
            let error = #expect(throws: ThemeError.self) { try ThemeParser.parse(text, file: "x.toml", base: nil) }
            #expect(error?.line == line, "\(text.debugDescription)")
        }
    }

    @Test func theThemeFilesAreThere() {
        #expect(Self.files.count == 2 * BuiltinThemes.all.count)
    }

    @Test func aMutatedThemeParsesOrFailsWithAFileAndLine() async {
        await propertyCheck(count: propertyBudget(300), input: Self.mutants) { mutant in
            do {
                let theme = try ThemeParser.parse(mutant.source, file: mutant.file, base: Theme.fallback)
                #expect(Set(theme.styles.keys) == Set(ThemeRole.allCases), "a role lost its style")
            } catch let error as ThemeError {
                #expect(error.file == mutant.file)
                if let line = error.line {
                    #expect(line >= 1 && line <= PropertyText.lineCount(mutant.source), "line out of the file: \(error)")
                } else {
                    Issue.record("no line in \(error)")
                }
                #expect(!error.message.isEmpty && !error.message.contains("Optional("), "\(error)")
            } catch {
                Issue.record("not a ThemeError: \(error)")
            }
        }
    }

    @Test func theLibraryFallsBackToTheDefaultThemeWithAWarning() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("onevoice-property-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let library = ThemeLibrary(directory: directory)
        let url = directory.appendingPathComponent("mutant.toml")

        await propertyCheck(count: propertyBudget(150), input: Self.mutants) { mutant in
            do {
                try Data(mutant.source.utf8).write(to: url)
            } catch {
                Issue.record("cannot write \(url.path): \(error)")
                return
            }
            let loaded = library.load(name: "mutant")
            let parsed = try? ThemeParser.parse(mutant.source, file: url.path, base: Theme.fallback)
            if let warning = loaded.warning {
                #expect(parsed == nil, "a warning for a theme that parses: \(warning)")
                #expect(loaded.theme == Theme.fallback)
                #expect(warning.hasPrefix(url.path), "the warning does not start with the file: \(warning)")
                let line = warning.firstMatch(of: /^[^\n]* line (\d+):/).flatMap { Int($0.1) }
                #expect(line.map { $0 >= 1 } == true,
                        "the warning names no line: \(warning)")
                #expect(!warning.contains("Optional("), "\(warning)")
            } else {
                #expect(parsed == loaded.theme)
            }
        }
    }
}
