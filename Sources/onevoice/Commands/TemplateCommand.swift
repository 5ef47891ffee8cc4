import ArgumentParser
import Foundation
import OneVoiceCore

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Pre-plan release templates: the built-in library plus ~/.config/onevoice/templates/*.toml.",
        subcommands: [List.self, Show.self, Check.self]
    )

    static func library() -> TemplateLibrary {
        TemplateLibrary.load(userDirectory: XDGPaths().templatesDirectory)
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the templates.")
        @Flag(help: "Print one JSON value instead of text.") var json = false

        func run() throws {
            let library = TemplateCommand.library()
            for problem in library.problems { Output.error("warning: \(problem)") }
            if json {
                Output.json(library.all.map { TemplateSummary(id: $0.id, name: $0.name, kind: $0.kind.slug, legalReview: $0.legalReview,
                                                              channels: $0.channels.map(\.slug)) })
                return
            }
            Output.table(["ID", "LEGAL", "CHANNELS", "NAME"], library.all.map {
                [$0.id, $0.legalReview ? "yes" : "no", $0.channels.map(\.slug).joined(separator: ","), $0.name]
            })
        }
    }

    struct TemplateSummary: Encodable {
        let id: String
        let name: String
        let kind: String
        let legalReview: Bool
        let channels: [String]
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one template.")
        @Argument(help: "The template id, e.g. officer-involved-shooting.") var id: String

        func run() throws {
            guard let template = TemplateCommand.library().template(id: id) else {
                throw ValidationError("There is no template \"\(id)\"; see `onevoice template list`.")
            }
            print("\(template.name) (\(template.id))  legal review: \(template.legalReview ? "required" : "no")")
            print("Required facts: \(template.requiredFacts.isEmpty ? "none" : template.requiredFacts.joined(separator: ", "))")
            for hold in template.holds { print("Hold: \(hold.description)") }
            for (label, text) in template.texts { print("\n[\(label)]\n\(text)") }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Check a template file; prints every problem as file:line:column.")
        @Argument(help: "The template file.") var file: String

        func run() throws {
            let problems = TemplateChecker.check(URL(fileURLWithPath: file))
            if problems.isEmpty { print("\(file): OK"); return }
            for problem in problems { print(problem.description) }
            throw ExitCode(1)
        }
    }
}
