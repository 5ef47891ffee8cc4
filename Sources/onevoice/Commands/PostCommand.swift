import ArgumentParser
import Foundation
import OneVoiceCore

struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Posts: the channel renditions of releases.",
        discussion: """
            A post on a channel OneVoice does not post to (Threads, Instagram, Nextdoor, YouTube, or any channel \
            without settings) is a hand-off: at its time it shows as "to post by hand"; post its text (`post show ID`), \
            then `post mark-posted ID --url URL`. A post that may have gone out without an answer ("check") is never \
            resent by itself: look on the platform, then `post mark-sent ID` or `post resend ID`.
            """,
        subcommands: [Count.self, Show.self, MarkPosted.self, Resend.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a post's exact text (ready to copy), then its channel, state and address.")
        @Argument(help: "The post's number.") var id: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.readableWorkspace()
            let post = try workspace.post(id: id)
            if store.json { Output.json(post); return }
            print(post.isExercise ? "EXERCISE: \(post.text)" : post.text)
            print("")
            print("Post #\(post.id): \(post.channel.displayName), \(post.state.label)" + (post.publicURL.map { ", \($0)" } ?? ""))
            if let error = post.lastError { print(error) }
        }
    }

    struct MarkPosted: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mark-posted",
            abstract: "Record that a hand-off was posted, or that a post to check did go out (you found it on the platform); signed and logged.",
            aliases: ["mark-sent"])
        @Argument(help: "The post's number.") var id: Int64
        @Option(help: "The post's public web address on the platform.") var url: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.writableWorkspace()
            let post = try workspace.markPosted(postID: id, url: url)
            if store.json { Output.json(post); return }
            print("Marked post #\(post.id) (\(post.channel.displayName)) posted" + (post.publicURL.map { " at \($0)" } ?? "") + ".")
        }
    }

    struct Resend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resend",
            abstract: "Send a post to check (after making sure it is not on the platform) or one held for expired credentials again.")
        @Argument(help: "The post's number.") var id: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.writableWorkspace()
            let post = try workspace.resendPost(postID: id)
            if store.json { Output.json(post); return }
            print("Post #\(post.id) (\(post.channel.displayName)) goes out again at the scheduler's next pass.")
        }
    }

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "count",
            abstract: "Count a text the way a platform counts it, and check it against the limit.",
            discussion: "Reads standard input when TEXT is absent or '-'. Exit 0 when it fits, 1 when it does not."
        )

        @Option(help: ArgumentHelp("The channel: \(Channel.allCases.map(\.slug).joined(separator: ", ")).", valueName: "channel"),
                completion: .list(Channel.allCases.map(\.slug)))
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
