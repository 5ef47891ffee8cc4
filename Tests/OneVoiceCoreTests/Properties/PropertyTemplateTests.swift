import Foundation
import PropertyBased
import TestSupport
import Testing
@testable import OneVoiceCore

/// Mutated built-in templates never crash the parser: they give a template or located problems.
@Suite("Property: template parser")
struct PropertyTemplateTests {
    static let builtIns: [(name: String, text: String)] = {
        guard let directory = TemplateLibrary.builtInDirectory,
              let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension == "toml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .compactMap { url in (try? String(contentsOf: url, encoding: .utf8)).map { (url.lastPathComponent, $0) } }
    }()

    static let mutants = propertyMutants(of: builtIns)

    @Test func theBuiltInsAreThereAndParse() {
        #expect(Self.builtIns.count == IncidentKind.allCases.count)
        for file in Self.builtIns {
            let parsed = TemplateParser.parse(source: file.text, file: file.name)
            #expect(parsed.template != nil && parsed.problems.isEmpty, "\(file.name): \(parsed.problems)")
        }
    }

    /// Found by the property below: slot problems counted lines by `Character.isNewline`, so a
    /// vertical tab, form feed, U+0085, U+2028/U+2029 or a lone CR started a new line for them
    /// but not for TOML or an editor. Here the unclosed `{{` is on line 2 (it was reported as 3:9).
    @Test func slotProblemLinesCountOnlyLineFeeds() {
        let problems = TemplateParser.parse(source: "id = \"x\"\u{0B}\nname = \"{{\"\n", file: "t.toml").problems
        let slot = problems.first { $0.message.contains("{{") }
        #expect(slot?.line == 2)
    }

    @Test func aMutatedTemplateGivesATemplateOrLocatedProblems() async {
        await propertyCheck(count: propertyBudget(250), input: Self.mutants) { mutant in
            let (template, problems) = TemplateParser.parse(source: mutant.source, file: mutant.file)
            #expect((template == nil) == !problems.isEmpty, "a template and problems, or neither")
            // Lines as TOML and editors number them (see `slotProblemLinesCountOnlyLineFeeds`).
            let lines = PropertyText.fileLines(mutant.source)
            for problem in problems {
                #expect(problem.file == mutant.file)
                #expect(problem.line >= 1 && problem.line <= lines, "line out of the file: \(problem)")
                #expect(problem.column >= 1, "\(problem)")
                #expect(!problem.message.isEmpty && !problem.message.contains("Optional("), "\(problem)")
                #expect(problem.description == "\(mutant.file):\(problem.line):\(problem.column): \(problem.message)")
            }
            #expect(TemplateChecker.check(source: mutant.source, file: mutant.file) == problems)
        }
    }
}
