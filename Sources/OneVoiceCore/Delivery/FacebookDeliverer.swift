import Foundation

/// Facebook Page (Graph API): `POST {graph_base}/{page-id}/feed` with `message` and a Page access token.
///
/// Shapes follow the Graph API reference for the Page feed: the request is form-encoded `message=…` with the
/// `access_token` parameter (sent in the body, never in the address, so it stays out of server logs); the
/// answer is `{"id": "{page-id}_{post-id}"}`. A correction or update follows its original as a comment:
/// `POST /{post-id}/comments` with `message`, answered `{"id": "…"}`. `channel test` reads the Page:
/// `GET /{page-id}?fields=id,name`. Errors are `{"error": {"message", "type", "code", "error_subcode"}}`;
/// code 190 is an expired or invalid token, codes 4, 17, 32 and 613 are rate limits. Graph has no
/// idempotency key: a request that may have gone through is never sent again by itself. Exercise items are refused.
/// `graph_base` may carry a version ("https://graph.facebook.com/v21.0"); without one Graph uses the app's default.
public struct FacebookDeliverer: Deliverer {
    public var graphBase: URL
    public var pageID: String
    public var secrets: DeliverySecrets
    public var timeout: TimeInterval

    public static let defaultGraphBase = URL(string: "https://graph.facebook.com")!

    public init(graphBase: URL = FacebookDeliverer.defaultGraphBase, pageID: String, secrets: DeliverySecrets,
                timeout: TimeInterval = RetryPolicy.standard.requestTimeout) {
        self.graphBase = graphBase
        self.pageID = pageID
        self.secrets = secrets
        self.timeout = timeout
    }

    var service: String { graphBase.host == "graph.facebook.com" ? "Facebook" : "Facebook (\(graphBase.host ?? "?"))" }

    private func token() throws(DeliveryError) -> String {
        guard let token = secrets.facebookToken, !token.isEmpty else {
            throw .configuration("no Facebook Page access token is set (\(DeliverySecrets.facebookTokenVariable))")
        }
        guard PlatformAnswer.isSafePathSegment(pageID) else {
            throw .configuration("the Facebook page_id must be the Page's number, such as \"104563218765432\"")
        }
        try HTTPPoster.checkSecure(graphBase, service: "Facebook")
        return token
    }

    /// Where an item goes: the Page feed, or the comments of the post it follows.
    func endpoint(for item: DeliveryItem) -> URL {
        if let parent = item.replyTo?.id, PlatformAnswer.isSafePathSegment(parent) {
            return graphBase.appendingPathComponent("\(parent)/comments")
        }
        return graphBase.appendingPathComponent("\(pageID)/feed")
    }

    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        guard !item.isExerciseOrMarkedAsOne else { throw .exerciseNotSent(channel: item.channel) }
        let token = try token()
        let body = MastodonDeliverer.formBody([("message", item.markedText), ("access_token", token)])
        let headers = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        let response = try HTTPPoster(timeout: timeout, repeatsAreHarmful: true).post(endpoint(for: item), headers: headers, body: body, service: service)
        try checkAnswer(response, repeatsAreHarmful: true)
        struct Answer: Decodable { let id: String }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: response.body), PlatformAnswer.isSafePathSegment(answer.id) else {
            throw .badResponse(service: service, detail: "no post id in the answer")
        }
        return DeliveryReceipt(channel: item.channel, externalID: answer.id, url: "https://www.facebook.com/\(answer.id)")
    }

    public func dropsRepeats(on channel: Channel, isExercise: Bool) -> Bool { false }

    /// Reads the Page with the token (`GET /{page-id}?fields=id,name`); nothing is posted. Returns the Page's name.
    public func check() throws(DeliveryError) -> String {
        let token = try token()
        var components = URLComponents(url: graphBase.appendingPathComponent(pageID), resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "fields", value: "id,name")]
        guard let url = components?.url else { throw .configuration("the Facebook graph_base is not a web address") }
        let response = try HTTPPoster(timeout: timeout).get(url, headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"],
                                                           service: service)
        try checkAnswer(response, repeatsAreHarmful: false)
        struct Page: Decodable { let id: String; let name: String? }
        guard let page = try? JSONDecoder().decode(Page.self, from: response.body) else {
            throw .badResponse(service: service, detail: "no Page in the answer")
        }
        return "\(DeliveryError.brief(page.name ?? "Page", limit: 80)) (\(DeliveryError.brief(page.id, limit: 40)))"
    }

    /// Graph reports an expired token as code 190 and rate limits as codes 4, 17, 32, 613, often with HTTP 400.
    private func checkAnswer(_ response: HTTPPoster.Response, repeatsAreHarmful: Bool) throws(DeliveryError) {
        struct Failure: Decodable {
            struct Body: Decodable { let message: String?; let code: Int? }
            let error: Body
        }
        let failure = try? JSONDecoder().decode(Failure.self, from: response.body)
        let detail = DeliveryError.brief(secrets.redact(failure?.error.message ?? String(decoding: response.body.prefix(2000), as: UTF8.self)))
        if !(200...299).contains(response.status), let code = failure?.error.code {
            if code == 190 { throw .credentials(service: service, detail: detail) }
            if [4, 17, 32, 613].contains(code) {
                throw .rateLimited(service: service, until: response.rateLimitReset, after: response.retryAfter, detail: detail)
            }
        }
        try PlatformAnswer.check(response, service: service, detail: detail, repeatsAreHarmful: repeatsAreHarmful, secrets: secrets)
    }
}
