import Foundation

/// Bluesky (AT Protocol): a session with an app password, then one `app.bsky.feed.post` record.
///
/// Shapes follow the lexicons:
/// - `com.atproto.server.createSession` (procedure, JSON): input `{"identifier", "password"}` (required both);
///   output `{"accessJwt", "refreshJwt", "handle", "did", …}`;
/// - `com.atproto.repo.createRecord` (procedure, JSON): input `{"repo" (at-identifier), "collection" (nsid),
///   "record"}`; output `{"uri" (at-uri), "cid" (cid)}`;
/// - `app.bsky.feed.post` record: `{"$type", "text" (maxGraphemes 300, maxLength 3000), "createdAt" (datetime),
///   "facets"?: [app.bsky.richtext.facet], "reply"?: {"root": strongRef, "parent": strongRef}}`;
/// - `com.atproto.repo.strongRef`: `{"uri", "cid"}` (both required).
/// XRPC errors are `{"error", "message"}`; a 429 carries `ratelimit-reset` (epoch seconds).
/// The session is made for each delivery (posts are few), so an expired access token never lingers. The record
/// has no idempotency key: a createRecord that may have gone through is never sent again by itself.
/// Exercise items are refused.
public struct BlueskyDeliverer: Deliverer {
    public var service: URL
    public var handle: String
    public var secrets: DeliverySecrets
    public var timeout: TimeInterval

    public static let defaultService = URL(string: "https://bsky.social")!
    public static let collection = "app.bsky.feed.post"

    public init(service: URL = BlueskyDeliverer.defaultService, handle: String, secrets: DeliverySecrets,
                timeout: TimeInterval = RetryPolicy.standard.requestTimeout) {
        self.service = service
        self.handle = handle
        self.secrets = secrets
        self.timeout = timeout
    }

    var serviceName: String { service.host == "bsky.social" ? "Bluesky" : "Bluesky (\(service.host ?? "?"))" }

    func xrpc(_ method: String) -> URL { service.appendingPathComponent("xrpc/\(method)") }

    struct StrongRef: Codable, Hashable { let uri: String; let cid: String }

    struct Record: Encodable {
        struct Reply: Encodable { let root: StrongRef; let parent: StrongRef }
        let type = BlueskyDeliverer.collection
        let text: String
        let createdAt: String
        let facets: [BlueskyFacets.Facet]?
        let reply: Reply?

        enum CodingKeys: String, CodingKey {
            case type = "$type"
            case text, createdAt, facets, reply
        }
    }

    struct CreateRecord: Encodable {
        let repo: String
        let collection = BlueskyDeliverer.collection
        let record: Record
    }

    /// The `app.bsky.feed.post` record for an item: its marked text, facets with UTF-8 byte offsets, the
    /// reply references when it follows an earlier post, and `createdAt` from the item's stable sent time.
    static func record(for item: DeliveryItem) -> Record {
        let text = item.markedText
        let facets = BlueskyFacets.facets(in: text)
        var reply: Record.Reply?
        if let to = item.replyTo, let cid = to.cid, let rootCID = to.rootCID, to.id.hasPrefix("at://"), to.rootID.hasPrefix("at://") {
            reply = Record.Reply(root: StrongRef(uri: to.rootID, cid: rootCID), parent: StrongRef(uri: to.id, cid: cid))
        }
        return Record(text: text, createdAt: Timestamps.iso8601(item.sentAt), facets: facets.isEmpty ? nil : facets, reply: reply)
    }

    public struct Session: Sendable {
        public var did: String
        public var handle: String
        var accessJwt: String
    }

    /// `com.atproto.server.createSession` with the handle and the app password. Nothing is posted, so any
    /// failure here is safe to retry.
    public func createSession() throws(DeliveryError) -> Session {
        guard let password = secrets.blueskyAppPassword, !password.isEmpty else {
            throw .configuration("no Bluesky app password is set (\(DeliverySecrets.blueskyAppPasswordVariable))")
        }
        guard !handle.isEmpty else { throw .configuration("no Bluesky handle is set ([delivery.bluesky] handle)") }
        try HTTPPoster.checkSecure(service, service: "Bluesky")
        struct Input: Encodable { let identifier: String; let password: String }
        let response = try HTTPPoster(timeout: timeout).post(
            xrpc("com.atproto.server.createSession"), headers: ["Content-Type": "application/json", "Accept": "application/json"],
            body: PlatformAnswer.json(Input(identifier: handle, password: password)), service: serviceName)
        try PlatformAnswer.check(response, service: serviceName, detail: errorText(response.body), repeatsAreHarmful: false, secrets: secrets)
        struct Output: Decodable { let accessJwt: String; let did: String; let handle: String }
        guard let output = try? JSONDecoder().decode(Output.self, from: response.body), !output.accessJwt.isEmpty,
              output.did.hasPrefix("did:") else {
            throw .badResponse(service: serviceName, detail: "no session in the answer")
        }
        return Session(did: output.did, handle: output.handle, accessJwt: output.accessJwt)
    }

    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        guard !item.isExerciseOrMarkedAsOne else { throw .exerciseNotSent(channel: item.channel) }
        let record = Self.record(for: item)
        guard record.text.count <= 300, record.text.utf8.count <= 3000 else {
            throw .invalidItem("its Bluesky text has \(record.text.count) graphemes; Bluesky allows 300")
        }
        let session = try createSession()
        let body = PlatformAnswer.json(CreateRecord(repo: session.did, record: record))
        let headers = ["Authorization": "Bearer \(session.accessJwt)", "Content-Type": "application/json", "Accept": "application/json"]
        let response = try HTTPPoster(timeout: timeout, repeatsAreHarmful: true)
            .post(xrpc("com.atproto.repo.createRecord"), headers: headers, body: body, service: serviceName)
        let detail = errorText(response.body, also: session.accessJwt)
        if response.status == 400, detail.hasPrefix("ExpiredToken") || detail.hasPrefix("InvalidToken") {
            throw .credentials(service: serviceName, detail: detail)
        }
        try PlatformAnswer.check(response, service: serviceName, detail: detail, repeatsAreHarmful: true, secrets: secrets)
        guard let created = try? JSONDecoder().decode(StrongRef.self, from: response.body), created.uri.hasPrefix("at://"),
              !created.cid.isEmpty else {
            throw .badResponse(service: serviceName, detail: "no record uri and cid in the answer")
        }
        let rkey = created.uri.split(separator: "/").last.map(String.init) ?? ""
        let url = PlatformAnswer.isSafePathSegment(rkey) ? "https://bsky.app/profile/\(session.did)/post/\(rkey)" : nil
        let root = record.reply.map { PlatformReference(id: $0.root.uri, cid: $0.root.cid) }
        return DeliveryReceipt(channel: item.channel, externalID: created.uri, url: url, cid: created.cid, threadRoot: root)
    }

    public func dropsRepeats(on channel: Channel, isExercise: Bool) -> Bool { false }

    /// Checks the handle and app password by making a session; nothing is posted. Returns "@handle (did)".
    public func check() throws(DeliveryError) -> String {
        let session = try createSession()
        return "@\(DeliveryError.brief(session.handle, limit: 80)) (\(DeliveryError.brief(session.did, limit: 80)))"
    }

    /// XRPC's `{"error", "message"}` as "Error: message", else the start of the body; secrets removed.
    func errorText(_ body: Data, also extra: String? = nil) -> String {
        struct Failure: Decodable { let error: String?; let message: String? }
        var text = String(decoding: body.prefix(2000), as: UTF8.self)
        if let failure = try? JSONDecoder().decode(Failure.self, from: body), failure.error != nil || failure.message != nil {
            text = [failure.error, failure.message].compactMap { $0 }.joined(separator: ": ")
        }
        var redacted = secrets.redact(text)
        if let extra, extra.count >= 4 { redacted = redacted.replacingOccurrences(of: extra, with: "[redacted]") }
        return DeliveryError.brief(redacted)
    }
}
