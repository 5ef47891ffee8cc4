import Foundation
import Testing
@testable import OneVoiceCore

/// Webhook and Mastodon against a real HTTP server on 127.0.0.1 that stops by itself.
@Suite("Delivery webhook and Mastodon")
struct DeliveryNetworkTests {
    static let secret = "whsec-test-5f2c9a11"
    static let token = "mastodon-token-8c1d77e0"
    static let secrets = DeliverySecrets(webhookSecret: secret, mastodonToken: token)

    // MARK: webhook

    @Test func aWebhookIsSignedAndCarriesTheIdempotencyKey() throws {
        let server = try LoopbackServer(secret: Self.secret)
        defer { server.stop() }
        let item = DeliveryFixture.item(channel: .webhook)
        let receipt = try WebhookDeliverer(url: server.url("/reply/200/hook"), secrets: Self.secrets, timeout: 10).deliver(item)
        #expect(receipt.channel == .webhook)
        let request = try #require(try server.requests().first)
        #expect(request["signatureValid"] as? Bool == true, "the server's own HMAC check failed")
        let headers = request["headers"] as? [String: String] ?? [:]
        #expect(headers["idempotency-key"] == "k-0f3a9c")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["x-onevoice-signature"] == WebhookDeliverer.signature(body: WebhookDeliverer.body(for: item), secret: Self.secret))
        let body = try JSONSerialization.jsonObject(with: Data((request["body"] as? String ?? "").utf8)) as? [String: Any] ?? [:]
        #expect(body["postID"] as? Int == 42 && body["text"] as? String == item.text)
        #expect(body["sentAt"] as? String == "2026-11-18T11:06:40.750Z")
        #expect(!(request["body"] as? String ?? "").contains(Self.secret))
    }

    @Test func aServerErrorIsRetryableAndAnUnauthorisedIsNot() throws {
        let server = try LoopbackServer(secret: Self.secret, maximumRequests: 2)
        defer { server.stop() }
        let item = DeliveryFixture.item(channel: .webhook)
        do {
            _ = try WebhookDeliverer(url: server.url("/reply/500/hook"), secrets: Self.secrets, timeout: 10).deliver(item)
            Issue.record("a 500 counted as delivered")
        } catch {
            #expect(error.isRetryable)
            #expect(error.description.hasPrefix("The webhook at 127.0.0.1 answered HTTP 500"))
            #expect(error.description.hasSuffix("it will be tried again."))
        }
        do {
            _ = try WebhookDeliverer(url: server.url("/reply/401/hook"), secrets: Self.secrets, timeout: 10).deliver(item)
            Issue.record("a 401 counted as delivered")
        } catch {
            #expect(!error.isRetryable)
            #expect(error.description.hasSuffix("check the access token or shared secret."))
            #expect(!error.description.contains(Self.secret))
        }
        #expect(try server.requests().count == 2)
    }

    @Test func aRefusedConnectionIsRetryable() throws {
        let port = try IdlePort()
        let url = URL(string: "http://127.0.0.1:\(port.port)/hook")!
        do {
            _ = try WebhookDeliverer(url: url, secrets: Self.secrets, timeout: 5).deliver(DeliveryFixture.item(channel: .webhook))
            Issue.record("a refused connection counted as delivered")
        } catch {
            #expect(error.isRetryable)
            #expect(error.description == "The webhook at 127.0.0.1 could not be reached (connection refused); it will be tried again.")
        }
    }

    @Test func aServerThatNeverAnswersTimesOutAndIsRetryable() throws {
        let port = try IdlePort(listening: true)
        let url = URL(string: "http://127.0.0.1:\(port.port)/hook")!
        do {
            _ = try WebhookDeliverer(url: url, secrets: Self.secrets, timeout: 1).deliver(DeliveryFixture.item(channel: .webhook))
            Issue.record("a silent server counted as delivered")
        } catch {
            #expect(error.isRetryable)
            #expect(error.description.hasPrefix("The webhook at 127.0.0.1 could not be reached ("))
        }
    }

    @Test func redirectsAreNotFollowedSoTheTokenGoesNowhereElse() throws {
        let server = try LoopbackServer(maximumRequests: 2)
        defer { server.stop() }
        do {
            _ = try MastodonDeliverer(instance: server.url("/reply/302"), secrets: Self.secrets, timeout: 5).deliver(DeliveryFixture.item(channel: .mastodon))
            Issue.record("a redirect counted as delivered")
        } catch {
            #expect(!error.isRetryable)
            #expect(error.description.hasSuffix("answered HTTP 302: it points to /reply/200/api/v1/statuses; the address redirects elsewhere; put the new address in the settings."),
                    "\(error)")
        }
        #expect(try server.requests().count == 1)
    }

    @Test func theRouterSendsExercisesOnlyToFiles() throws {
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let layout = OutboxLayout(dataDirectory: dir)
        let router = DeliveryRouter.standard(layout: layout, feed: nil, earlierFeedEntries: { _ in [] },
                                             media: MediaListSettings(fromAddress: "pio@riverton.gov", contacts: ["desk@gazette.example"]),
                                             sendmailPath: "/bin/false", mastodonInstance: URL(string: "http://127.0.0.1:9")!,
                                             webhookURL: URL(string: "http://127.0.0.1:9/hook")!, secrets: Self.secrets)
        let toot = try router.deliver(DeliveryFixture.item(channel: .mastodon, isExercise: true))
        #expect(toot.filePath == dir.path + "/outbox-exercise/mastodon/42-k-0f3a9c.json")
        let mail = try router.deliver(DeliveryFixture.item(channel: .media, isExercise: true))
        #expect(mail.filePath == dir.path + "/outbox-exercise/media/42-k-0f3a9c.eml")
        let hook = try router.deliver(DeliveryFixture.item(channel: .webhook, isExercise: true))
        #expect(hook.filePath == dir.path + "/outbox-exercise/webhook/42-k-0f3a9c.json")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/outbox"))
        #expect(router.deliverer(for: DeliveryFixture.item(channel: .mastodon)) is MastodonDeliverer)
        #expect(router.deliverer(for: DeliveryFixture.item(channel: .x)) is OutboxDeliverer)
    }

    @Test func networkDeliverersRefuseExercisesMissingSecretsAndPlainHTTP() throws {
        let drill = DeliveryFixture.item(channel: .webhook, isExercise: true)
        let local = URL(string: "http://127.0.0.1:9/hook")!
        #expect(throws: DeliveryError.exerciseNotSent(channel: .webhook)) { try WebhookDeliverer(url: local, secrets: Self.secrets).deliver(drill) }
        #expect(throws: DeliveryError.exerciseNotSent(channel: .mastodon)) {
            try MastodonDeliverer(instance: local, secrets: Self.secrets).deliver(DeliveryFixture.item(channel: .mastodon, isExercise: true))
        }
        let live = DeliveryFixture.item(channel: .webhook)
        #expect(throws: DeliveryError.configuration("no webhook secret is set (ONEVOICE_WEBHOOK_SECRET)")) {
            try WebhookDeliverer(url: local, secrets: DeliverySecrets()).deliver(live)
        }
        #expect(throws: DeliveryError.configuration("the webhook address must start with https://")) {
            try WebhookDeliverer(url: URL(string: "http://hooks.example.org/x")!, secrets: Self.secrets).deliver(live)
        }
    }

    // MARK: Mastodon

    @Test func aMastodonPostReturnsTheStatusID() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let item = DeliveryFixture.item(channel: .mastodon, text: "Route 4 is closed & traffic diverted; more at 5 PM. #Riverton ✅")
        let receipt = try MastodonDeliverer(instance: server.url("/reply/200"), secrets: Self.secrets, timeout: 10).deliver(item)
        #expect(receipt.externalID == "109876543210")
        #expect(receipt.url == "https://social.example/@riverton/109876543210")
        let request = try #require(try server.requests().first)
        #expect(request["path"] as? String == "/reply/200/api/v1/statuses")
        let headers = request["headers"] as? [String: String] ?? [:]
        #expect(headers["authorization"] == "Bearer \(Self.token)")
        #expect(headers["idempotency-key"] == "k-0f3a9c")
        let form = request["form"] as? [String: [String]] ?? [:]
        #expect(form["status"] == [item.text])
        #expect(form["visibility"] == ["public"])
    }

    @Test func aMastodonCorrectionRepliesToTheStatusItFollowsAndAHostileIDIsDropped() throws {
        let server = try LoopbackServer(maximumRequests: 2)
        defer { server.stop() }
        var item = DeliveryFixture.item(channel: .mastodon, kind: .correction)
        item.replyTo = PlatformReference(id: "109876543210")
        _ = try MastodonDeliverer(instance: server.url("/reply/200"), secrets: Self.secrets, timeout: 10).deliver(item)
        item.replyTo = PlatformReference(id: "1&visibility=direct")
        _ = try MastodonDeliverer(instance: server.url("/reply/200"), secrets: Self.secrets, timeout: 10).deliver(item)
        let forms = try server.requests().map { $0["form"] as? [String: [String]] ?? [:] }
        #expect(forms.count == 2)
        #expect(forms.first?["in_reply_to_id"] == ["109876543210"])
        #expect(forms.last?["in_reply_to_id"] == nil && forms.last?["visibility"] == ["public"])
    }

    @Test func mastodonRefusalsAreSortedIntoRetryableOrNot() throws {
        let server = try LoopbackServer(maximumRequests: 4)
        defer { server.stop() }
        let item = DeliveryFixture.item(channel: .mastodon)
        func failure(_ status: Int) -> DeliveryError? {
            do {
                _ = try MastodonDeliverer(instance: server.url("/reply/\(status)"), secrets: Self.secrets, timeout: 10).deliver(item)
                return nil
            } catch { return error }
        }
        let rejected = try #require(failure(422))
        #expect(!rejected.isRetryable)
        #expect(rejected.description == "Mastodon (127.0.0.1) answered HTTP 422: Validation failed: Text character limit of 500 exceeded; the platform refused the post as written; edit it and send again.")
        let limited = try #require(failure(429))
        #expect(limited.isRetryable)
        #expect(limited.retryAfter == 30)
        let down = try #require(failure(503))
        #expect(down.isRetryable)
        // The fake server echoes the Authorization header in its 401 answer: the token must not reach the message.
        let unauthorised = try #require(failure(401))
        #expect(!unauthorised.isRetryable)
        #expect(!unauthorised.description.contains(Self.token))
        #expect(unauthorised.description.contains("[redacted]"))
    }

    // MARK: retry policy and secrets

    @Test func backoffDoublesUpToTheCapAndHonoursRetryAfter() {
        let policy = RetryPolicy(initialDelay: 1, multiplier: 2, maximumDelay: 60, maximumAttempts: 10)
        #expect((1...8).map { policy.delay(afterAttempt: $0) } == [1, 2, 4, 8, 16, 32, 60, 60])
        #expect(policy.delay(afterAttempt: 10_000) == 60)
        let now = DeliveryFixture.sent
        let busy = DeliveryError.http(service: "Mastodon", status: 429, detail: "", retryAfter: 30)
        #expect(policy.nextAttempt(after: 1, error: busy, at: now) == now.addingTimeInterval(30))
        #expect(policy.nextAttempt(after: 7, error: busy, at: now) == now.addingTimeInterval(60))
        let refused = DeliveryError.unreachable(service: "x", reason: "connection refused")
        #expect(policy.nextAttempt(after: 3, error: refused, at: now) == now.addingTimeInterval(4))
        #expect(policy.nextAttempt(after: 10, error: refused, at: now) == nil, "attempts used up")
        #expect(policy.nextAttempt(after: 1, error: .http(service: "x", status: 401, detail: "", retryAfter: nil), at: now) == nil)
    }

    @Test func secretsNeverShowInDescriptions() {
        let secrets = DeliverySecrets.fromEnvironment(["ONEVOICE_WEBHOOK_SECRET": Self.secret, "ONEVOICE_MASTODON_TOKEN": " \(Self.token) \n"])
        #expect(secrets.mastodonToken == Self.token)
        for text in ["\(secrets)", String(reflecting: secrets), { var s = ""; dump(secrets, to: &s); return s }()] {
            #expect(!text.contains(Self.secret) && !text.contains(Self.token), "leaked in: \(text)")
        }
        #expect(secrets.redact("token \(Self.token) and \(Self.secret)") == "token [redacted] and [redacted]")
        #expect(DeliverySecrets.fromEnvironment([:]) == DeliverySecrets())
    }
}
