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
    /// Short texts per channel for the full release (and its updates and corrections).
    public var short: [Channel: String]
    /// Short texts per channel for the holding statement. A channel without one gets the
    /// holding text itself, shortened to whole sentences; the full release's `short` texts are
    /// never used for a holding statement, because they repeat facts it does not have yet.
    public var holdingShort: [Channel: String]
    /// Where it came from (a file path or `builtin:<file>`).
    public var source: String
    /// CAP defaults for releases from this template: "urgency", "severity", "certainty" → value
    /// (a `[cap]` table; what it leaves out comes from the incident kind).
    public var capDefaults: [String: String] = [:]

    public init(
        id: String, name: String, kind: IncidentKind, holding: String, release: String,
        caveat: String = "", requiredFacts: [String] = [], holds: [ReleaseHold] = [],
        legalReview: Bool = false, channels: [Channel] = [], short: [Channel: String] = [:],
        holdingShort: [Channel: String] = [:], source: String = ""
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
        self.holdingShort = holdingShort
        self.source = source
    }

    /// The per-channel short texts for a holding statement or for a full release.
    public func shortTexts(holding: Bool) -> [Channel: String] {
        holding ? holdingShort : short
    }

    /// The texts a holding statement is made of: the holding text and its short texts, labelled.
    public var holdingTexts: [(label: String, text: String)] {
        [("holding", holding)] + holdingShort.keys.sorted().map { ("holding_short.\($0.slug)", holdingShort[$0]!) }
    }

    /// Every text of the template (holding, release, caveat, short texts), labelled.
    public var texts: [(label: String, text: String)] {
        var result: [(String, String)] = [("holding", holding), ("release", release)]
        if !caveat.isEmpty { result.append(("caveat", caveat)) }
        for channel in short.keys.sorted() { result.append(("short.\(channel.slug)", short[channel]!)) }
        for channel in holdingShort.keys.sorted() { result.append(("holding_short.\(channel.slug)", holdingShort[channel]!)) }
        return result
    }
}
