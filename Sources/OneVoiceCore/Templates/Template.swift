/// A pre-planned release for an incident kind, cleared before anything happens.
/// See `TemplateParser` for the file format.
public struct Template: Sendable, Equatable, Identifiable {
    /// For built-in templates, the incident kind's slug.
    public var id: String
    public var name: String
    public var kind: IncidentKind
    /// The first statement, issued within the hour.
    public var holding: String
    /// The full release.
    public var release: String
    /// The ongoing-investigation sentence.
    public var caveat: String
    /// Fact key slugs that must be verified before a release from this template can go.
    public var requiredFacts: [String]
    public var holds: [ReleaseHold]
    public var legalReview: Bool
    /// Default channels for posts.
    public var channels: [Channel]
    /// Short texts per channel.
    public var short: [Channel: String]
    /// Where it came from (a file path or `builtin:<file>`).
    public var source: String

    public init(
        id: String, name: String, kind: IncidentKind, holding: String, release: String,
        caveat: String = "", requiredFacts: [String] = [], holds: [ReleaseHold] = [],
        legalReview: Bool = false, channels: [Channel] = [], short: [Channel: String] = [:],
        source: String = ""
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.holding = holding
        self.release = release
        self.caveat = caveat
        self.requiredFacts = requiredFacts
        self.holds = holds
        self.legalReview = legalReview
        self.channels = channels
        self.short = short
        self.source = source
    }

    /// Every text of the template (holding, release, caveat, short texts), labelled.
    public var texts: [(label: String, text: String)] {
        var result: [(String, String)] = [("holding", holding), ("release", release)]
        if !caveat.isEmpty { result.append(("caveat", caveat)) }
        for channel in short.keys.sorted() { result.append(("short.\(channel.slug)", short[channel]!)) }
        return result
    }
}
