import ArgumentParser
import Foundation
import OneVoiceCore

struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Posts: the channel renditions of releases.",
        subcommands: [Count.self]
    )

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count a text the way a platform counts it, and check it against the limit.",
            discussion: "Reads standard input when TEXT is absent or '-'. Exit 0 when it fits, 1 when it does not."
        )

        @Option(help: ArgumentHelp("The channel: \(Channel.allCases.map(\.slug).joined(separator: ", ")).", valueName: "channel"))
        var platform: Channel

        @Flag(help: "Print one JSON value instead of text.")
        var json = false

        @Argument(help: "The text (or '-' for standard input).")
        var text: String?

        func run() throws {
            var input = text ?? "-"
            if input == "-" {
                let decoded = try TextInput.readStandardInput()
                // A trailing newline from `echo` or a file is not part of the post.
                input = decoded.hasSuffix("\n") ? String(decoded.dropLast()) : decoded
            }
            let check = PostValidator.validate(input, for: platform)
            if json {
                Output.json(CountResult(platform: platform.slug, length: check.length, limit: check.limit, valid: check.valid,
                                        problems: check.problems))
            } else {
                let limit = check.limit.map { " of \($0)" } ?? " (no limit)"
                print("\(platform.displayName): \(check.length)\(limit) \(platform.profile.lengthRule.unit) — \(check.valid ? "fits" : "does not fit")")
                for problem in check.problems { print("  \(problem)") }
            }
            if !check.valid { throw ExitCode(1) }
        }
    }

    struct CountResult: Encodable {
        let platform: String
        let length: Int
        let limit: Int?
        let valid: Bool
        let problems: [String]

        enum CodingKeys: String, CodingKey { case platform, length, limit, valid, problems }

        // `limit` is null, not missing, for channels without one.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(platform, forKey: .platform)
            try container.encode(length, forKey: .length)
            try container.encode(limit, forKey: .limit)
            try container.encode(valid, forKey: .valid)
            try container.encode(problems, forKey: .problems)
        }
    }
}

extension Channel: ExpressibleByArgument {}
