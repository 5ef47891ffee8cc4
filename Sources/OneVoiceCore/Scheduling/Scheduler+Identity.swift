import Foundation

/// Two checks of issue #13 that the scheduler runs around a delivery, kept apart from its claim and
/// record logic: a LIVE post never goes out under a placeholder identity, and the identifier a release
/// went out under on a channel is stored at its first delivery.
extension Scheduler {
    /// Holds a LIVE post whose channel would go out under a placeholder identity (a CAP sender, feed id
    /// or mail domain under `onevoice.invalid`), with a reason that names the setting to fill. Returns
    /// true when it held the post. Exercises may use placeholders.
    func holdForPlaceholderIdentity(_ post: inout Post, incident: Incident, session: StoreSession, now: Date) throws -> Bool {
        guard !incident.isExercise, let setting = configuration.placeholderSettings[post.channel] else { return false }
        post.state = .held
        post.nextAttemptAt = nil
        post.lastError = "Held: a LIVE release does not go out on \(post.channel.displayName) under a placeholder identity; "
            + "set \(setting) in the [agency] table of config.toml, then send it with `onevoice release now \(post.releaseID)`."
        try session.updatePost(post)
        try session.appendLog(actor: nil, action: "post.held", subjectType: "post", subjectID: post.id, incidentID: post.incidentID,
                              change: PostOutcome(state: post.state.rawValue, detail: post.lastError ?? ""), at: now)
        return true
    }

    /// Stores the identifier a release went out under on the post's channel, the first time it goes out there.
    func storePublishedIdentity(post: Post, item: DeliveryItem, receipt: DeliveryReceipt, session: StoreSession, now: Date) throws {
        guard PublishedIdentity.channels.contains(post.channel),
              try session.publishedIdentity(releaseID: post.releaseID, channel: post.channel) == nil,
              let value = item.publishedID ?? receipt.externalID ?? configuration.identities?.identifier(for: item)
        else { return }
        var identity = PublishedIdentity(releaseID: post.releaseID, channel: post.channel, value: value, sentAt: item.sentAt,
                                         postID: post.id, createdAt: now)
        try session.insertPublishedIdentity(&identity)
        try session.appendLog(actor: nil, action: "post.identity", subjectType: "post", subjectID: post.id, incidentID: post.incidentID,
                              change: identity, at: now)
    }
}
