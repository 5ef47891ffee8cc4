import Foundation

/// X (API v2): `POST {api_base}/2/tweets` with an OAuth 2.0 user-context access token (Bearer).
///
/// Shapes follow X's OpenAPI document for API v2:
/// - request `TweetCreateRequest`: `{"text": "…"}`, and for a reply `{"reply": {"in_reply_to_tweet_id": "…"}}`
///   (`TweetId`: a string of 1 to 19 digits);
/// - answer `TweetCreateResponse` (HTTP 201): `{"data": {"id": "…", "text": "…"}}`, or `{"errors": [Problem]}`;
/// - `GET /2/users/me` (`Get2UsersMeResponse`): `{"data": {"id", "name", "username"}}`, for `channel test`;
/// - HTTP 429 carries `x-rate-limit-reset` (epoch seconds).
/// X has no idempotency key: a request that may have gone through is never sent again by itself
/// (see `PlatformAnswer` and `HTTPPoster.repeatsAreHarmful`). Exercise items are refused.
public struct XDeliverer: Deliverer {
    public var apiBase: URL
    public var secrets: DeliverySecrets
    public var timeout: TimeInterval

    public static let defaultAPIBase = URL(string: "https://api.x.com")!

    public init(apiBase: URL = XDeliverer.defaultAPIBase, secrets: DeliverySecrets, timeout: TimeInterval = RetryPolicy.standard.requestTimeout) {
        self.apiBase = apiBase
        self.secrets = secrets
        self.timeout = timeout
    }

    var service: String { apiBase.host == "api.x.com" || apiBase.host == "api.twitter.com" ? "X" : "X (\(apiBase.host ?? "?"))" }

    struct CreateRequest: Encodable {
        struct Reply: Encodable {
            let inReplyToTweetID: String
            enum CodingKeys: String, CodingKey { case inReplyToTweetID = "in_reply_to_tweet_id" }
        }
        let text: String
        let reply: Reply?
    }

    /// The `TweetCreateRequest` body for an item.
    public static func body(for item: DeliveryItem) -> Data {
        let reply = item.replyTo.flatMap { isTweetID($0.id) ? CreateRequest.Reply(inReplyToTweetID: $0.id) : nil }
        return PlatformAnswer.json(CreateRequest(text: item.markedText, reply: reply))
    }

    /// `TweetId`: `^[0-9]{1,19}$`.
    static func isTweetID(_ text: String) -> Bool {
        (1...19).contains(text.utf8.count) && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private func token() throws(DeliveryError) -> String {
        guard let token = secrets.xToken, !token.isEmpty else {
            throw .configuration("no X access token is set (\(DeliverySecrets.xTokenVariable))")
        }
        try HTTPPoster.checkSecure(apiBase, service: "X")
        return token
    }

    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        guard !item.isExerciseOrMarkedAsOne else { throw .exerciseNotSent(channel: item.channel) }
        let token = try token()
        let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json", "Accept": "application/json"]
        let response = try HTTPPoster(timeout: timeout, repeatsAreHarmful: true)
            .post(apiBase.appendingPathComponent("2/tweets"), headers: headers, body: Self.body(for: item), service: service)
        try PlatformAnswer.check(response, service: service, detail: Self.errorText(response.body, secrets: secrets),
                                 repeatsAreHarmful: true, secrets: secrets)
        struct Answer: Decodable { struct Data: Decodable { let id: String }; let data: Data }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: response.body), Self.isTweetID(answer.data.id) else {
            throw .badResponse(service: service, detail: "no post id in the answer")
        }
        return DeliveryReceipt(channel: item.channel, externalID: answer.data.id, url: "https://x.com/i/web/status/\(answer.data.id)")
    }

    public func dropsRepeats(on channel: Channel, isExercise: Bool) -> Bool { false }

    /// `GET /2/users/me`: checks the token without posting; returns "@username".
    public func check() throws(DeliveryError) -> String {
        let token = try token()
        let response = try HTTPPoster(timeout: timeout).get(apiBase.appendingPathComponent("2/users/me"),
                                                           headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"],
                                                           service: service)
        try PlatformAnswer.check(response, service: service, detail: Self.errorText(response.body, secrets: secrets),
                                 repeatsAreHarmful: false, secrets: secrets)
        struct Answer: Decodable { struct Data: Decodable { let username: String }; let data: Data }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: response.body) else {
            throw .badResponse(service: service, detail: "no user in the answer")
        }
        return "@" + DeliveryError.brief(answer.data.username, limit: 60)
    }

    /// X's `Problem` (`{"title", "detail"}`) or `errors[0]`, else the start of the body; secrets removed.
    static func errorText(_ body: Data, secrets: DeliverySecrets) -> String {
        struct Problem: Decodable { let title: String?; let detail: String?; let message: String? }
        struct Failure: Decodable { let title: String?; let detail: String?; let errors: [Problem]? }
        var text = String(decoding: body.prefix(2000), as: UTF8.self)
        if let failure = try? JSONDecoder().decode(Failure.self, from: body) {
            let first = failure.errors?.first
            if let said = failure.detail ?? failure.title ?? first?.detail ?? first?.message ?? first?.title { text = said }
        }
        return DeliveryError.brief(secrets.redact(text))
    }
}
