/// The one length-and-content check for a post, used at drafting, at sign-off and again at
/// sending, so that the three can never disagree.
public enum PostValidator {
    public static func validate(_ text: String, for channel: Channel,
                                limits: ChannelLimits = .default) -> LengthCheck {
        let profile = channel.profile
        let limit = limits.limit(for: channel)
        var problems: [String] = []
        let name = channel.displayName
        let length: Int

        if text.allSatisfy(\.isWhitespace) {
            problems.append("The \(name) post is empty.")
        }
        switch profile.lengthRule {
        case .xWeighted:
            let parsed = XTextCounter.parse(text)
            length = parsed.weightedLength
            if parsed.hasInvalidCharacters {
                problems.append("X refuses the invisible characters U+FFFE, U+FEFF and U+FFFF; remove them.")
            }
        case .mastodon:
            length = MastodonTextCounter.countableLength(text)
        case .graphemes, .unlimited:
            length = text.count
        }
        if let limit, length > limit {
            problems.append(overLimit(channel, limit: limit, unit: profile.lengthRule.unit, length: length))
        }
        if let bytes = profile.byteLimit {
            let used = text.utf8.count
            if used > bytes {
                problems.append("\(name) posts are limited to \(bytes) bytes of UTF-8; this one has \(used).")
            }
        }
        if let maxLinks = profile.maxLinks {
            let links = LinkCounter.count(in: text)
            if links > maxLinks {
                problems.append("\(name) posts may carry at most \(maxLinks) links; this one has \(links).")
            }
        }
        if let maxHashtags = profile.maxHashtags {
            let tags = HashtagCounter.count(in: text)
            if tags > maxHashtags {
                problems.append("\(name) captions may carry at most \(maxHashtags) hashtags; this one has \(tags).")
            }
        }
        if let problem = forbiddenProblem(text, profile, part: "descriptions") {
            problems.append(problem)
        }
        return LengthCheck(channel: channel, length: length, limit: limit, problems: problems)
    }

    /// Checks a title for channels whose posts have one (YouTube: 100 characters, no `<`/`>`).
    /// For a channel without titles the check has no limit and no problems.
    public static func validateTitle(_ title: String, for channel: Channel) -> LengthCheck {
        let profile = channel.profile
        let length = title.count
        guard let limit = profile.titleLimit else {
            return LengthCheck(channel: channel, length: length, limit: nil, problems: [])
        }
        var problems: [String] = []
        if title.allSatisfy(\.isWhitespace) {
            problems.append("The \(channel.displayName) title is empty.")
        }
        if length > limit {
            problems.append("\(channel.displayName) titles are limited to \(limit) characters; this one counts \(length).")
        }
        if let problem = forbiddenProblem(title, profile, part: "titles") {
            problems.append(problem)
        }
        return LengthCheck(channel: channel, length: length, limit: limit, problems: problems)
    }

    private static func overLimit(_ channel: Channel, limit: Int, unit: String, length: Int) -> String {
        switch channel {
        case .cap:
            "CAP alert (WEA) text is limited to \(limit) \(unit); this one counts \(length)."
        case .instagram:
            "Instagram captions are limited to \(limit) \(unit); this one counts \(length)."
        case .youtube:
            "YouTube descriptions are limited to \(limit) \(unit); this one counts \(length)."
        default:
            "\(channel.displayName) posts are limited to \(limit) \(unit); this one counts \(length)."
        }
    }

    private static func forbiddenProblem(_ text: String, _ profile: ChannelProfile, part: String) -> String? {
        let forbidden = profile.forbiddenCharacters
        guard !forbidden.isEmpty else { return nil }
        let found = forbidden.filter { text.contains($0) }
        guard !found.isEmpty else { return nil }
        let all = forbidden.map { String($0) }.joined(separator: " or ")
        return "\(profile.channel.displayName) \(part) cannot contain \(all); remove them."
    }
}
