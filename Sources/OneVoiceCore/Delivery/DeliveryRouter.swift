import Foundation

/// Picks the deliverer for an item's channel, with live and exercise kept apart in one place.
///
/// An exercise item is only ever given to the `exercise` table, which should hold file deliverers
/// (outbox, exercise feed, CAP file with status Exercise, `.eml` file); a channel missing from a
/// table goes to the JSON outbox of its mode. The network deliverers also refuse exercise items
/// themselves, so a wrong table still cannot reach the public.
public struct DeliveryRouter: Deliverer {
    public var layout: OutboxLayout
    public var live: [Channel: any Deliverer]
    public var exercise: [Channel: any Deliverer]

    public init(layout: OutboxLayout, live: [Channel: any Deliverer], exercise: [Channel: any Deliverer]) {
        self.layout = layout
        self.live = live
        self.exercise = exercise
    }

    /// The usual wiring: the website feed, CAP file and media `.eml` in both modes; Mastodon,
    /// webhook and sendmail (when configured) only live; everything else to the outbox.
    public static func standard(layout: OutboxLayout, feed: AtomFeedSettings?, earlierFeedEntries: @escaping @Sendable (Bool) throws -> [AtomEntry],
                                media: MediaListSettings?, mediaContacts: (@Sendable () throws -> [String])? = nil,
                                sendmailPath: String? = nil,
                                mastodonInstance: URL? = nil, webhookURL: URL? = nil, secrets: DeliverySecrets,
                                platforms: [Channel: any Deliverer] = [:],
                                policy: RetryPolicy = .standard) -> DeliveryRouter {
        var files: [Channel: any Deliverer] = [.cap: CAPDeliverer(layout: layout)]
        if let feed { files[.website] = WebsiteFeedDeliverer(layout: layout, settings: feed, earlierEntries: earlierFeedEntries) }
        if let media { files[.media] = MediaListDeliverer(layout: layout, settings: media, contactSource: mediaContacts) }
        var live = files
        if let media, let sendmailPath {
            live[.media] = SendmailDeliverer(layout: layout, settings: media, commandPath: sendmailPath, contactSource: mediaContacts)
        }
        if let mastodonInstance {
            live[.mastodon] = MastodonDeliverer(instance: mastodonInstance, secrets: secrets, timeout: policy.requestTimeout)
        }
        if let webhookURL { live[.webhook] = WebhookDeliverer(url: webhookURL, secrets: secrets, timeout: policy.requestTimeout) }
        // X, Bluesky and Facebook (when their settings are there): live only, and each refuses exercise items itself.
        for (channel, deliverer) in platforms { live[channel] = deliverer }
        return DeliveryRouter(layout: layout, live: live, exercise: files)
    }

    public func deliverer(for item: DeliveryItem) -> any Deliverer {
        (item.isExercise ? exercise : live)[item.channel] ?? OutboxDeliverer(layout: layout)
    }

    /// A live item on a channel with no deliverer is a hand-off: its outbox file is written and a person posts it.
    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        guard let chosen = (item.isExercise ? exercise : live)[item.channel] else {
            var receipt = try OutboxDeliverer(layout: layout).deliver(item)
            receipt.isHandOff = !item.isExercise
            return receipt
        }
        return try chosen.deliver(item)
    }

    public func dropsRepeats(on channel: Channel, isExercise: Bool) -> Bool {
        (isExercise ? exercise : live)[channel]?.dropsRepeats(on: channel, isExercise: isExercise) ?? true
    }

    /// True when a live post on `channel` goes to a person (no deliverer is set up for it).
    public func handsOff(_ channel: Channel) -> Bool { live[channel] == nil }
}
