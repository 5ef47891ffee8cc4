import Foundation
import GRDB

/// A post as an incident's posts tab lists it: only the columns the row shows.
public struct PostListing: Sendable, Equatable {
    public var id: Int64
    public var releaseID: Int64
    public var channel: Channel
    public var text: String
    public var state: PostState
    public var scheduledAt: Date?
    public var deliveredAt: Date?
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var publicURL: String?
}

/// A fact as an incident's facts tab lists it.
public struct FactListing: Sendable, Equatable {
    public var id: Int64
    public var text: String
    public var source: String
    public var sourceKind: SourceKind
    public var status: FactStatus
    public var statusBy: Int64?
    public var clearedForRelease: Bool
}

/// The incident tabs' lists, read column by column in the order they are shown, `limit` at most. The large
/// incident's 500 posts took 5 ms through the records' Decodable conformances, most of the time Enter takes.
/// A row whose columns cannot be read is passed over, as every list passes over unreadable rows.
extension StoreSession {
    /// Soonest first; posts with no time last.
    public func postListings(incidentID: Int64, limit: Int) throws -> [PostListing] {
        try postListings(sql: """
            SELECT id, releaseID, channel, text, state, scheduledAt, deliveredAt, nextAttemptAt, lastError, publicURL
            FROM post WHERE incidentID = ? ORDER BY scheduledAt IS NULL, scheduledAt, id LIMIT ?
            """, arguments: [incidentID, limit])
    }

    /// An incident's posts in the states that need a person (`PostState.needsPerson`), latest time first, as
    /// `posts(incidentID:)` orders them: what a board row's alert names. The large incident has 500 posts.
    public func postsNeedingAPerson(incidentID: Int64) throws -> [PostListing] {
        let states = PostState.allCases.filter(\.needsPerson).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try postListings(sql: """
            SELECT id, releaseID, channel, text, state, scheduledAt, deliveredAt, nextAttemptAt, lastError, publicURL
            FROM post WHERE incidentID = ? AND state IN (\(states)) ORDER BY scheduledAt DESC, id DESC
            """, arguments: [incidentID])
    }

    private func postListings(sql: String, arguments: StatementArguments) throws -> [PostListing] {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var listings: [PostListing] = []
        while let row = try cursor.next() {
            guard let channel = Channel(rawValue: (try? row.decode(String.self, atIndex: 2)) ?? ""),
                  let state = PostState(rawValue: (try? row.decode(String.self, atIndex: 4)) ?? "") else { continue }
            do {
                listings.append(PostListing(
                    id: try row.decode(Int64.self, atIndex: 0), releaseID: try row.decode(Int64.self, atIndex: 1),
                    channel: channel, text: try row.decode(String.self, atIndex: 3), state: state,
                    scheduledAt: try row.decode(Date?.self, atIndex: 5), deliveredAt: try row.decode(Date?.self, atIndex: 6),
                    nextAttemptAt: try row.decode(Date?.self, atIndex: 7), lastError: try row.decode(String?.self, atIndex: 8),
                    publicURL: try row.decode(String?.self, atIndex: 9)))
            } catch {
                continue
            }
        }
        return listings
    }

    /// Unverified first, then verified, disputed and retracted; oldest first within each.
    public func factListings(incidentID: Int64, limit: Int) throws -> [FactListing] {
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT id, text, source, sourceKind, status, statusBy, clearedForRelease FROM fact WHERE incidentID = ?
            ORDER BY CASE status WHEN 'unverified' THEN 0 WHEN 'verified' THEN 1 WHEN 'disputed' THEN 2 ELSE 3 END, id LIMIT ?
            """, arguments: [incidentID, limit])
        var listings: [FactListing] = []
        while let row = try cursor.next() {
            guard let sourceKind = SourceKind(rawValue: (try? row.decode(String.self, atIndex: 3)) ?? ""),
                  let status = FactStatus(rawValue: (try? row.decode(String.self, atIndex: 4)) ?? "") else { continue }
            do {
                listings.append(FactListing(
                    id: try row.decode(Int64.self, atIndex: 0), text: try row.decode(String.self, atIndex: 1),
                    source: try row.decode(String.self, atIndex: 2), sourceKind: sourceKind, status: status,
                    statusBy: try row.decode(Int64?.self, atIndex: 5), clearedForRelease: try row.decode(Bool.self, atIndex: 6)))
            } catch {
                continue
            }
        }
        return listings
    }
}
