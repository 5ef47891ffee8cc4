/// The verdict on one post for one channel: the same value at drafting, sign-off and sending.
public struct LengthCheck: Sendable, Equatable {
    public let channel: Channel
    /// The length as the channel counts it (`ChannelProfile.lengthRule`).
    public let length: Int
    /// The limit in force; nil when the channel has none.
    public let limit: Int?
    /// Plain sentences, one per problem; empty when the post may go.
    public let problems: [String]

    public init(channel: Channel, length: Int, limit: Int?, problems: [String]) {
        self.channel = channel
        self.length = length
        self.limit = limit
        self.problems = problems
    }

    public var valid: Bool { problems.isEmpty }

    /// Characters left before the limit (negative when over); nil without a limit.
    public var remaining: Int? { limit.map { $0 - length } }
}
