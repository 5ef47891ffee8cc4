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
