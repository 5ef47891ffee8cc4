import Foundation
import GRDB

/// When a release's posts last went out and next go out.
public typealias ReleaseTimes = (lastDelivered: Date?, firstScheduled: Date?)

/// Windowed reads for the dashboard: every list is a keyset page (limit + cursor), never a whole table.
extension StoreSession {
    private static let rank = "CASE incident.status WHEN 'active' THEN 0 WHEN 'monitoring' THEN 1 ELSE 2 END"

    private static let boardSelect = """
        SELECT incident.*,
          (SELECT handle FROM person WHERE person.id = incident.spokespersonID) AS spokespersonHandle,
          (SELECT COUNT(*) FROM fact WHERE fact.incidentID = incident.id AND fact.status = 'unverified') AS unverifiedCount,
          (SELECT COUNT(*) FROM pressRelease WHERE pressRelease.incidentID = incident.id AND pressRelease.status = 'in_review') AS reviewCount,
          (SELECT MIN(scheduledAt) FROM post WHERE post.incidentID = incident.id AND post.state = 'scheduled') AS nextAt,
          (SELECT COUNT(*) FROM post WHERE post.incidentID = incident.id AND post.state IN ('missed', 'awaiting_confirmation', 'failed', 'hand_off_overdue', 'needs_check', 'credentials_expired')) AS attentionCount
        FROM incident
        """

    public func incidentCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident") ?? 0
    }

    /// Up to `limit` board entries after (or before) `cursor`, in board order.
    public func boardPage(after cursor: BoardPosition?, backward: Bool = false, limit: Int, matching text: String? = nil) throws -> [BoardEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let cursor {
            // (rank, -openedAt, id) compared as a tuple, in the direction asked.
            let op = backward ? "<" : ">"
            let dateOp = backward ? ">" : "<"
            conditions.append("""
                (\(Self.rank) \(op) ? OR (\(Self.rank) = ? AND (incident.openedAt \(dateOp) ? OR (incident.openedAt = ? AND incident.id \(op) ?))))
                """)
            arguments += [cursor.rank, cursor.rank, cursor.openedAt, cursor.openedAt, cursor.id]
        }
        if let text, !text.isEmpty {
            conditions.append("(incident.title LIKE ? ESCAPE '\\' OR incident.kind LIKE ? ESCAPE '\\' OR CAST(incident.id AS TEXT) = ?)")
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            arguments += [pattern, pattern, text]
        }
        let order = backward ? "\(Self.rank) DESC, incident.openedAt ASC, incident.id DESC" : "\(Self.rank), incident.openedAt DESC, incident.id"
        let sql = Self.boardSelect + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")) + " ORDER BY \(order) LIMIT ?"
        arguments += [limit]
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        // One unreadable row (a time no calendar can show, text where a number belongs) costs only its
        // own line: the board shows the rest; `unreadableRows()` names it.
        let entries = rows.compactMap { row -> BoardEntry? in
            guard let incident = try? Incident(row: row) else { return nil }
            let nextAt = Date.fromDatabaseValue(row["nextAt"] as DatabaseValue)
            return BoardEntry(incident: incident, spokesperson: try? row.decode(forColumn: "spokespersonHandle"),
                              unverifiedFacts: (try? row.decode(forColumn: "unverifiedCount")) ?? 0,
                              awaitingSignOff: (try? row.decode(forColumn: "reviewCount")) ?? 0, nextReleaseAt: nextAt,
                              postsNeedingAttention: (try? row.decode(forColumn: "attentionCount")) ?? 0)
        }
        return backward ? entries.reversed() : entries
    }

    /// How many incidents come before `cursor` on the board.
    public func boardRowsBefore(_ cursor: BoardPosition) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM incident WHERE \(Self.rank) < ? OR (\(Self.rank) = ? AND (incident.openedAt > ? OR (incident.openedAt = ? AND incident.id < ?)))
            """, arguments: [cursor.rank, cursor.rank, cursor.openedAt, cursor.openedAt, cursor.id]) ?? 0
    }

    /// Counts of an incident's facts by status and releases by status, and its number of posts.
    public func incidentCounts(incidentID: Int64) throws -> (facts: [FactStatus: Int], releases: [ReleaseStatus: Int], posts: Int) {
        var facts: [FactStatus: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM fact WHERE incidentID = ? GROUP BY status", arguments: [incidentID]) {
            if let status = FactStatus(rawValue: (try row.decode(forColumn: "status"))) { facts[status] = (try row.decode(forColumn: "n")) }
        }
        var releases: [ReleaseStatus: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM pressRelease WHERE incidentID = ? GROUP BY status", arguments: [incidentID]) {
            if let status = ReleaseStatus(rawValue: (try row.decode(forColumn: "status"))) { releases[status] = (try row.decode(forColumn: "n")) }
        }
        let posts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post WHERE incidentID = ?", arguments: [incidentID]) ?? 0
        return (facts, releases, posts)
    }

    /// Up to `limit` log entries, newest first, after (older than) or before (newer than) a sequence number;
    /// of one incident and between two times (inclusive) when given, as an export of that scope would hold them.
    public func logWindow(incidentID: Int64?, from seq: Int64?, backward: Bool, limit: Int,
                          since: Date? = nil, until: Date? = nil) throws -> [LogEntry] {
        var (conditions, arguments) = Self.logConditions(incidentID: incidentID, since: since, until: until)
        if let seq {
            conditions.append(backward ? "seq > ?" : "seq < ?")
            arguments += [seq]
        }
        let sql = "SELECT * FROM logEntry" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY seq \(backward ? "ASC" : "DESC") LIMIT ?"
        arguments += [limit]
        let entries = try LogEntry.fetchAll(db, sql: sql, arguments: arguments)
        return backward ? entries.reversed() : entries
    }

    public func logCount(incidentID: Int64?, since: Date? = nil, until: Date? = nil) throws -> Int {
        if incidentID == nil && since == nil && until == nil {
            // The log is append-only and numbered from 1 without gaps, so the head is the count (an intact log).
            return Int(try logHead()?.seq ?? 0)
        }
        let (conditions, arguments) = Self.logConditions(incidentID: incidentID, since: since, until: until, counting: true)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM logEntry WHERE " + conditions.joined(separator: " AND "), arguments: arguments) ?? 0
    }

    /// How many entries are newer than `seq` (its position in newest-first order), of one incident and between two times when given.
    public func logEntriesNewer(than seq: Int64, incidentID: Int64?, since: Date? = nil, until: Date? = nil) throws -> Int {
        if incidentID == nil && since == nil && until == nil {
            return max(0, Int((try logHead()?.seq ?? 0) - seq))
        }
        var (conditions, arguments) = Self.logConditions(incidentID: incidentID, since: since, until: until, counting: true)
        conditions.append("seq > ?")
        arguments += [seq]
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM logEntry WHERE " + conditions.joined(separator: " AND "), arguments: arguments) ?? 0
    }

    /// The WHERE terms for an incident and a time range. Paging reads in `seq` order: the dates first narrow
    /// `seq` to the span between the first and last entry in them (a range of `logEntry_on_time`), and the
    /// time test itself is kept off that index (`+time`) so SQLite walks the primary key in order instead of
    /// sorting every entry in the dates. Counting uses the index directly.
    private static func logConditions(incidentID: Int64?, since: Date?, until: Date?, counting: Bool = false) -> ([String], StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let incidentID {
            conditions.append("incidentID = ?")
            arguments += [incidentID]
        }
        if since != nil || until != nil {
            let low = Timestamps.milliseconds(since ?? ExportScope.earliest)
            let high = Timestamps.milliseconds(until ?? ExportScope.latest)
            if counting {
                conditions.append("time BETWEEN ? AND ?")
                arguments += [low, high]
            } else if incidentID != nil {
                // The incident's own index already keeps the walk short.
                conditions.append("+time BETWEEN ? AND ?")
                arguments += [low, high]
            } else {
                conditions.append("""
                    seq BETWEEN IFNULL((SELECT MIN(seq) FROM logEntry WHERE time BETWEEN ? AND ?), 0)
                        AND IFNULL((SELECT MAX(seq) FROM logEntry WHERE time BETWEEN ? AND ?), -1) AND +time BETWEEN ? AND ?
                    """)
                arguments += [low, high, low, high, low, high]
            }
        }
        return (conditions, arguments)
    }

    /// The next scheduled post and its release, for the top bar's countdown.
    /// A post whose time cannot be read back is passed over (the scheduler names it).
    public func nextScheduledPost() throws -> (post: Post, release: Release)? {
        let posts = try fetchReadable(Post.self, table: "post",
                                      sql: "SELECT * FROM post WHERE state = 'scheduled' ORDER BY scheduledAt LIMIT 20")
        guard let post = posts.min(by: { ($0.scheduledAt ?? .distantFuture) < ($1.scheduledAt ?? .distantFuture) }),
              let release = try release(id: post.releaseID) else { return nil }
        return (post, release)
    }

    /// When each release of an incident last went out and next goes out, from its posts' times alone: the
    /// releases tab needs these two dates, not 500 whole posts. A post whose times cannot be read is passed over,
    /// as the posts tab passes it over.
    public func releaseTimes(incidentID: Int64) throws -> [Int64: ReleaseTimes] {
        var times: [Int64: ReleaseTimes] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT releaseID, deliveredAt, scheduledAt FROM post WHERE incidentID = ?",
                                         arguments: [incidentID])
        while let row = try cursor.next() {
            let releaseID: Int64, delivered: Date?, scheduled: Date?
            do {
                releaseID = try row.decode(Int64.self, atIndex: 0)
                delivered = try row.decode(Date?.self, atIndex: 1)
                scheduled = try row.decode(Date?.self, atIndex: 2)
            } catch {
                continue
            }
            var entry = times[releaseID] ?? (nil, nil)
            if let delivered, entry.lastDelivered.map({ delivered > $0 }) ?? true { entry.lastDelivered = delivered }
            if let scheduled, entry.firstScheduled.map({ scheduled < $0 }) ?? true { entry.firstScheduled = scheduled }
            times[releaseID] = entry
        }
        return times
    }

    /// Who made the current approval of each release of an incident. CROSS JOIN keeps SQLite starting
    /// from the incident's releases; the other way round it walks every release attestation of the agency.
    public func approvers(incidentID: Int64) throws -> [Int64: String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT attestation.subjectID, attestation.actorHandle FROM pressRelease
            CROSS JOIN attestation ON attestation.subjectType = 'release' AND attestation.subjectID = pressRelease.id
            WHERE pressRelease.incidentID = ? AND attestation.verdict = 'approved' AND attestation.supersededAt IS NULL
            ORDER BY attestation.id
            """, arguments: [incidentID])
        return Dictionary(try rows.map { (try $0.decode(Int64.self, atIndex: 0), try $0.decode(String.self, atIndex: 1)) },
                          uniquingKeysWith: { _, last in last })
    }
}
