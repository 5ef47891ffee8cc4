/// Where a delivered post stands on its platform, so that a correction or update can follow it as a reply.
///
/// X: `id` is the post id (`reply.in_reply_to_tweet_id`). Bluesky: `id` is the record's `at://` uri and `cid`
/// its content id (`com.atproto.repo.strongRef` needs both); `rootID`/`rootCID` name the thread's first post
/// (`app.bsky.feed.post#replyRef` needs `root` and `parent`). Facebook: `id` is the page post id, and a reply
/// is a comment on it.
public struct PlatformReference: Codable, Sendable, Hashable {
    public var id: String
    public var cid: String?
    public var rootID: String
    public var rootCID: String?

    public init(id: String, cid: String? = nil, rootID: String? = nil, rootCID: String? = nil) {
        self.id = id
        self.cid = cid
        self.rootID = rootID ?? id
        self.rootCID = rootID == nil ? cid : rootCID
    }
}
