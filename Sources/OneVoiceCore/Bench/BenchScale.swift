/// How big the synthetic agency of `onevoice bench` is.
public enum BenchScale: String, CaseIterable, Sendable {
    /// A smoke test's: a dozen incidents and 2,000 log entries, seconds to build.
    case tiny
    /// A tenth of `large`: a quick run.
    case small
    /// Years of a busy agency: 10,000 incidents and a records log of 1,000,000 entries.
    case large

    public var shape: BenchShape {
        switch self {
        case .large:
            return BenchShape(incidents: 10_000, facts: 100_000, releases: 30_000, posts: 150_000, logEntries: 1_000_000,
                              scheduledPosts: 10_000)
        case .tiny:
            var shape = BenchShape(incidents: 12, facts: 120, releases: 36, posts: 150, logEntries: 2_000, scheduledPosts: 10)
            shape.largeFacts = 20
            shape.largeReleases = 5
            shape.largePosts = 20
            return shape
        case .small:
            return BenchShape(incidents: 1_000, facts: 10_000, releases: 3_000, posts: 15_000, logEntries: 100_000,
                              scheduledPosts: 1_000)
        }
    }
}

/// Row counts of a synthetic agency. One incident (the newest) is the large one that the export
/// benchmark writes out: `largeFacts + largeReleases + largePosts` items (1,000 by default).
public struct BenchShape: Sendable, Equatable {
    public var incidents: Int
    public var facts: Int
    public var releases: Int
    public var posts: Int
    public var logEntries: Int
    /// Posts waiting for a future time (what a scheduler tick looks at); five per scheduled release.
    public var scheduledPosts: Int
    public var largeFacts = 400
    public var largeReleases = 100
    public var largePosts = 500

    public init(incidents: Int, facts: Int, releases: Int, posts: Int, logEntries: Int, scheduledPosts: Int) {
        self.incidents = incidents
        self.facts = facts
        self.releases = releases
        self.posts = posts
        self.logEntries = logEntries
        self.scheduledPosts = scheduledPosts
    }

    /// Items of the large incident that a records export writes (facts, releases and posts).
    public var largeItems: Int { largeFacts + largeReleases + largePosts }
}
