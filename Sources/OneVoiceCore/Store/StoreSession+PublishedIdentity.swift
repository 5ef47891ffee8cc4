import Foundation
import GRDB

extension PublishedIdentity: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "publishedIdentity"
}

extension StoreSession {
    /// The identifier a release went out under on a channel, if it went out there.
    public func publishedIdentity(releaseID: Int64, channel: Channel) throws -> PublishedIdentity? {
        try PublishedIdentity.fetchOne(db, sql: "SELECT * FROM publishedIdentity WHERE releaseID = ? AND channel = ?",
                                       arguments: [releaseID, channel.rawValue])
    }

    public func insertPublishedIdentity(_ identity: inout PublishedIdentity) throws {
        try identity.insert(db)
    }
}

extension StoreSession {
    /// The times a release's schedule was changed (scheduled, held, rescheduled, sent now, cancelled), oldest first.
    public func scheduleChangeTimes(releaseID: Int64) throws -> [Date] {
        try Int64.fetchAll(db, sql: """
            SELECT time FROM logEntry
            WHERE subjectType = 'release' AND subjectID = ?
              AND action IN ('release.schedule', 'release.hold', 'release.reschedule', 'release.now', 'release.cancel')
            ORDER BY seq
            """, arguments: [releaseID]).map { Timestamps.date(milliseconds: $0) }
    }
}
