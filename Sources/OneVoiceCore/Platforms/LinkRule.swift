/// How a channel treats links in a post.
public enum LinkRule: Sendable, Equatable {
    /// Every link counts as this many characters, whatever its real length (X and Mastodon: 23).
    case countsAs(Int)
    /// Links count by their own characters.
    case literal
}
