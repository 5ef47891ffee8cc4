import Foundation

extension DeliveryItem {
    /// What a deliverer needs to send one post, gathered from the record.
    ///
    /// Identifiers come from `publishedIdentity` where the release (or the one it follows) already went
    /// out: they are never computed again from today's settings.
    init(post: Post, release: Release, incident: Incident, agency: Agency, sentAt: Date, capSender: String,
                releaseURLPattern: String?, session: StoreSession) throws {
        // An update or correction points back to the CAP alert of the release it follows: the identifier
        // and sent time it actually went out with.
        let parentCAPIdentity = try release.parentID.flatMap { try session.publishedIdentity(releaseID: $0, channel: .cap) }
        let parentCAP = parentCAPIdentity != nil ? nil : try release.parentID.flatMap { parentID in
            try session.posts(releaseID: parentID).first { $0.channel == .cap && $0.state == .delivered }
        }
        let referencedCAP = parentCAPIdentity?.value ?? parentCAP.map { _ in
            CAPAlertWriter.identifier(sender: capSender, releaseID: release.parentID ?? 0, isExercise: incident.isExercise)
        }
        self.init(
            postID: post.id, channel: post.channel, text: post.text, idempotencyKey: post.idempotencyKey,
            releaseID: release.id, releaseKind: release.kind, releaseTitle: release.headline,
            referencedCAPIdentifier: referencedCAP,
            referencedSentAt: parentCAPIdentity?.sentAt ?? parentCAP.flatMap { $0.scheduledAt ?? $0.deliveredAt },
            referencedReleaseID: release.parentID,
            incidentID: incident.id, incidentTitle: incident.title, incidentKind: incident.kind,
            incidentLocation: incident.location, isExercise: incident.isExercise, sentAt: sentAt,
            // A joint incident's release goes out in the name of every agency taking part.
            agencyName: incident.participatingAgencies == [AgencyID.host]
                ? agency.name : AgencyDirectory.phrase(try session.agencyDirectory().names(of: incident)),
            agencySenderID: capSender, timeZoneIdentifier: agency.timeZoneIdentifier,
            webURL: releaseURLPattern.map { $0.replacingOccurrences(of: "{id}", with: "\(release.id)") },
            // A correction or update follows the post of the release it points back to on the same channel, as a reply.
            replyTo: Self.threadedChannels.contains(post.channel)
                ? try release.parentID.flatMap { try session.deliveredPost(releaseID: $0, channel: post.channel)?.platformReference } : nil)
        publishedID = try session.publishedIdentity(releaseID: release.id, channel: post.channel)?.value
        // The releases this one follows, nearest first, as far back as the record goes (a loop stops).
        var chain: [String] = []
        var visited: Set<Int64> = [release.id]
        var parentID = release.parentID
        while let id = parentID, visited.insert(id).inserted, let parent = try session.release(id: id) {
            if let identity = try session.publishedIdentity(releaseID: id, channel: post.channel) { chain.append(identity.value) }
            parentID = parent.parentID
        }
        referencedPublishedIDs = chain.isEmpty ? nil : chain.reversed()
        let revision = try session.revision(releaseID: release.id, number: post.revisionNumber)
        cap = revision?.cap ?? CAPFields.defaults(kind: incident.kind, releaseKind: release.kind, text: revision?.text ?? post.text)
    }

    /// The channels whose clients post a correction or update as a reply to the post it follows.
    static let threadedChannels: Set<Channel> = [.x, .bluesky, .facebook, .mastodon]
}
