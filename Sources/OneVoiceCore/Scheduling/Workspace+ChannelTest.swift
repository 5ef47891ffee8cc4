import Foundation

extension Workspace {
    /// Checks a platform's credentials without posting: X `GET /2/users/me`, a Bluesky session, a read of the
    /// Facebook Page. Returns who the platform says the account is; throws `DeliveryError` (one sentence) when the
    /// check fails, and `StoreError.invalid` for a channel OneVoice does not post to or that is not set up.
    public func testChannel(_ channel: Channel, secrets: DeliverySecrets? = nil) throws -> String {
        let delivery = settings.delivery
        let secrets = secrets ?? DeliverySecrets(webhookSecret: delivery.webhookSecret, mastodonToken: delivery.mastodonToken,
                                                 xToken: delivery.x?.secret, blueskyAppPassword: delivery.bluesky?.secret,
                                                 facebookToken: delivery.facebook?.secret)
        let deliverers = Scheduler.platformDeliverers(delivery, secrets: secrets)
        switch channel {
        case .x, .bluesky, .facebook:
            guard let deliverer = deliverers[channel] else {
                throw StoreError.invalid("\(channel.displayName) is not set up ([delivery.\(channel.slug)] in config.toml), so its posts are hand-offs; see \"Posting to platforms\" in the README.")
            }
            if let x = deliverer as? XDeliverer { return "X accepts the token: signed in as \(try x.check())." }
            if let bluesky = deliverer as? BlueskyDeliverer { return "Bluesky accepts the app password: signed in as \(try bluesky.check())." }
            if let facebook = deliverer as? FacebookDeliverer { return "Facebook accepts the Page token: the Page is \(try facebook.check())." }
            throw StoreError.invalid("\(channel.displayName) cannot be checked.")
        default:
            throw StoreError.invalid("OneVoice checks credentials only for x, bluesky and facebook; \(channel.slug) posts are delivered as files, by Mastodon's or the webhook's settings, or by hand.")
        }
    }
}
