import Foundation

extension Scheduler {
    /// The scheduler as the CLI and the dashboard run it: files beside the database (outbox, feed,
    /// CAP, e-mail), and the network channels the agency configured in config.toml.
    public static func standard(workspace: Workspace, secrets: DeliverySecrets? = nil,
                                configuration: Configuration? = nil) throws -> Scheduler {
        let database = workspace.database
        let settings = workspace.settings
        let delivery = settings.delivery
        // The config already took the environment's secrets over the file's.
        let secrets = secrets ?? DeliverySecrets(webhookSecret: delivery.webhookSecret, mastodonToken: delivery.mastodonToken,
                                                 xToken: delivery.x?.secret, blueskyAppPassword: delivery.bluesky?.secret,
                                                 facebookToken: delivery.facebook?.secret)
        let agency = try workspace.agency()
        var config = configuration ?? Configuration()
        config.limits = settings.limits
        config.releaseURLPattern = settings.releaseURLPattern
        config.grace = TimeInterval(settings.graceMinutes * 60)
        config.anchors = workspace.anchors
        let layout = OutboxLayout(dataDirectory: database.folder)
        // Without a configured website, files still get well-formed ids and addresses under the reserved .invalid domain.
        let site = settings.agencyWebsite ?? "https://onevoice.invalid/"
        let host = URL(string: site)?.host ?? "onevoice.invalid"
        if configuration == nil { config.capSender = settings.capSender ?? (CAPAlertWriter.isValidToken(host) ? host : "onevoice") }
        let year = Calendar(identifier: .gregorian).component(.year, from: agency.createdAt)
        // The feed is published beside the site as feed.xml (its `self` link).
        let feedURL = settings.agencyWebsite.flatMap { URL(string: $0) }.map { $0.appendingPathComponent("feed.xml").absoluteString }
        let feed = AtomFeedSettings(tagAuthority: "\(host),\(year)", title: "\(agency.name): news releases", siteURL: site,
                                    feedURL: feedURL, authorName: agency.name, authorEmail: settings.agencyEmail)
        let capSender = config.capSender
        let pattern = config.releaseURLPattern
        let earlier: @Sendable (Bool) throws -> [AtomEntry] = { isExercise in
            try database.read { session in
                guard let agency = try session.agency() else { return [] }
                return try session.deliveredPosts(channel: .website, isExercise: isExercise, limit: feed.maximumEntries).reversed().compactMap { post in
                    guard let release = try session.release(id: post.releaseID),
                          let incident = try session.incident(id: post.incidentID) else { return nil }
                    let item = try DeliveryItem(post: post, release: release, incident: incident, agency: agency,
                                                sentAt: post.scheduledAt ?? post.deliveredAt ?? post.createdAt,
                                                capSender: capSender, releaseURLPattern: pattern, session: session)
                    return AtomEntry(item: item, settings: feed)
                }
            }
        }
        let contacts = try workspace.contacts().map(\.email)
        // The From name is each post's agency name: the host's, or every agency of a joint incident.
        let media = MediaListSettings(fromAddress: settings.mediaFrom ?? settings.agencyEmail ?? "pio@\(host)", fromName: nil,
                                      contacts: contacts)
        config.identities = PublishedIdentity.Minter(
            feedTagAuthority: feed.tagAuthority,
            mediaDomain: media.fromAddress.split(separator: "@").last.map(String.init) ?? host)
        // A LIVE release never goes out under a placeholder identity: the channels whose identity would be
        // one wait, held, for the setting named here. Exercises may use them.
        var placeholders: [Channel: String] = [:]
        if settings.capSender == nil && settings.agencyWebsite == nil { placeholders[.cap] = "cap_sender (or website)" }
        if settings.agencyWebsite == nil { placeholders[.website] = "website" }
        if settings.mediaFrom == nil && settings.agencyEmail == nil { placeholders[.media] = "media_from (or email)" }
        if configuration == nil { config.placeholderSettings = placeholders }
        // Read again at each delivery: contacts added while the scheduler runs get the next release.
        let currentContacts: @Sendable () throws -> [String] = { try database.read { try $0.contacts().map(\.email) } }
        let router = DeliveryRouter.standard(layout: layout, feed: feed, earlierFeedEntries: earlier, media: media,
                                             mediaContacts: currentContacts,
                                             sendmailPath: delivery.sendmail, mastodonInstance: delivery.mastodonInstance,
                                             webhookURL: delivery.webhookURL, secrets: secrets,
                                             platforms: platformDeliverers(delivery, secrets: secrets, timeout: config.retry.requestTimeout),
                                             policy: config.retry)
        return Scheduler(database: database, clock: workspace.clock, deliverer: router, configuration: config,
                         signer: workspace.identity)
    }

    /// X, Bluesky and Facebook clients for the accounts set up in config.toml (or, for X, by its token alone);
    /// a channel left out stays a hand-off.
    public static func platformDeliverers(_ delivery: AgencyConfig.Delivery, secrets: DeliverySecrets,
                                          timeout: TimeInterval = RetryPolicy.standard.requestTimeout) -> [Channel: any Deliverer] {
        var out: [Channel: any Deliverer] = [:]
        if let x = delivery.x {
            out[.x] = XDeliverer(apiBase: x.base ?? XDeliverer.defaultAPIBase, secrets: secrets, timeout: timeout)
        }
        if let bluesky = delivery.bluesky, let handle = bluesky.account {
            out[.bluesky] = BlueskyDeliverer(service: bluesky.base ?? BlueskyDeliverer.defaultService, handle: handle, secrets: secrets, timeout: timeout)
        }
        if let facebook = delivery.facebook, let page = facebook.account {
            out[.facebook] = FacebookDeliverer(graphBase: facebook.base ?? FacebookDeliverer.defaultGraphBase, pageID: page, secrets: secrets, timeout: timeout)
        }
        return out
    }
}
