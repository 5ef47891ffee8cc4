import Foundation

extension DeliveryItem {
    /// What a deliverer needs to send one post, gathered from the record.
    init(post: Post, release: Release, incident: Incident, agency: Agency, sentAt: Date, capSender: String,
                releaseURLPattern: String?, session: StoreSession) throws {
        // An update or correction points back to the CAP alert of the release it follows.
        let parentCAP = try release.parentID.flatMap { parentID in
            try session.posts(releaseID: parentID).first { $0.channel == .cap && $0.state == .delivered }
        }
        self.init(
            postID: post.id, channel: post.channel, text: post.text, idempotencyKey: post.idempotencyKey,
            releaseID: release.id, releaseKind: release.kind, releaseTitle: release.title,
            referencedCAPIdentifier: parentCAP.map { _ in
                CAPAlertWriter.identifier(sender: capSender, releaseID: release.parentID ?? 0, isExercise: incident.isExercise)
            },
            referencedSentAt: parentCAP.flatMap { $0.scheduledAt ?? $0.deliveredAt }, referencedReleaseID: release.parentID,
            incidentID: incident.id, incidentTitle: incident.title, incidentKind: incident.kind,
            incidentLocation: incident.location, isExercise: incident.isExercise, sentAt: sentAt,
            agencyName: agency.name, agencySenderID: capSender, timeZoneIdentifier: agency.timeZoneIdentifier,
            webURL: releaseURLPattern.map { $0.replacingOccurrences(of: "{id}", with: "\(release.id)") })
    }
}
