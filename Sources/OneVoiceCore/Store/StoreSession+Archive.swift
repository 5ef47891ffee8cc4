import Foundation
import GRDB

// The archive's SQL: full-text search, the reads behind a records export, retention and disposal.
// The search index itself is kept in step by the triggers of the "v3-search" migration.

// MARK: - Search

extension StoreSession {
    /// Rows of `searchIndex` per millisecond of item time; the rowid is `time * searchRowsPerMillisecond + n`.
    static let searchRowsPerMillisecond: Int64 = 1_000_000

    /// Hits for an FTS5 expression (built by `SearchQuery`, never raw user text), newest first.
    /// Incident and dates narrow the match through the index (a scope token and a rowid range), never by a scan.
    ///
    /// `position` pages through the hits: with `newer` false, the hits after it in newest-first order (older ones);
    /// with `newer` true, the ones before it (newer), still returned newest first.
    public func search(expression: String, incidentID: Int64?, fromMilliseconds: Int64?, toMilliseconds: Int64?,
                       limit: Int, from position: Int64? = nil, newer: Bool = false) throws -> [SearchHit] {
        let (match, lowest, highest) = Self.searchBounds(expression: expression, incidentID: incidentID, fromMilliseconds: fromMilliseconds,
                                                         toMilliseconds: toMilliseconds, position: position, newer: newer)
        guard lowest <= highest else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT rowid, type, itemID, incidentID, time, label, snippet(searchIndex, 6, char(2), char(3), '…', 16) AS snippet
            FROM searchIndex
            WHERE searchIndex MATCH ? AND rowid BETWEEN ? AND ?
            ORDER BY rowid \(newer ? "ASC" : "DESC")
            LIMIT ?
            """, arguments: [match, lowest, highest, limit])
        // A row that cannot be read is left out of the hits rather than failing the whole search.
        let hits = rows.compactMap { row -> SearchHit? in
            do { return SearchHit(type: SearchItemType(rawValue: (try row.decode(forColumn: "type"))) ?? .log, id: (try row.decode(forColumn: "itemID")), incidentID: (try row.decode(forColumn: "incidentID")),
                      time: Timestamps.date(milliseconds: (try row.decode(forColumn: "time"))), label: (try row.decode(forColumn: "label")), markedSnippet: (try row.decode(forColumn: "snippet")),
                      position: (try row.decode(forColumn: "rowid"))) } catch { return nil }
        }
        return newer ? hits.reversed() : hits
    }

    /// How many items match, counting no further than `limit` (a common word can match most of the index).
    /// With `newerThan`, only the hits newer than that position: where a hit stands in the newest-first list.
    public func searchCount(expression: String, incidentID: Int64?, fromMilliseconds: Int64?, toMilliseconds: Int64?,
                            newerThan position: Int64? = nil, limit: Int) throws -> Int {
        let (match, lowest, highest) = Self.searchBounds(expression: expression, incidentID: incidentID, fromMilliseconds: fromMilliseconds,
                                                         toMilliseconds: toMilliseconds, position: position, newer: true)
        guard lowest <= highest else { return 0 }
        return try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM (SELECT 1 FROM searchIndex WHERE searchIndex MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?)
            """, arguments: [match, lowest, highest, limit]) ?? 0
    }

    /// The MATCH expression and the rowid range for a search: the incident is a scope token, the dates and a
    /// paging position are a rowid range, so neither forces a scan.
    static func searchBounds(expression: String, incidentID: Int64?, fromMilliseconds: Int64?, toMilliseconds: Int64?,
                                     position: Int64?, newer: Bool) -> (match: String, lowest: Int64, highest: Int64) {
        var match = expression
        if let incidentID { match = "scope : \"i\(incidentID)\" AND (\(expression))" }
        let k = Self.searchRowsPerMillisecond
        // Times past what a rowid can hold (beyond the year 2262) clamp to the ends instead of overflowing.
        func rowid(_ ms: Int64, plus extra: Int64) -> Int64 {
            let (product, overflow) = ms.multipliedReportingOverflow(by: k)
            if overflow { return ms < 0 ? Int64.min : Int64.max }
            let (sum, overflowSum) = product.addingReportingOverflow(extra)
            return overflowSum ? Int64.max : sum
        }
        var lowest = fromMilliseconds.map { rowid($0, plus: 0) } ?? Int64.min
        var highest = toMilliseconds.map { rowid($0, plus: k - 1) } ?? Int64.max
        if let position {
            if newer {
                if position == Int64.max { return (match, 1, 0) }
                lowest = max(lowest, position + 1)
            } else {
                if position == Int64.min { return (match, 1, 0) }
                highest = min(highest, position - 1)
            }
        }
        return (match, lowest, highest)
    }

    /// The release each of some revisions or posts belongs to (a hit names the item; a screen opens its release).
    public func releaseIDs(of type: SearchItemType, ids: [Int64]) throws -> [Int64: Int64] {
        let table: String
        switch type {
        case .revision: table = "releaseRevision"
        case .post: table = "post"
        case .fact, .rumor, .log: return [:]
        }
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db, sql: "SELECT id, releaseID FROM \(table) WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                    arguments: StatementArguments(ids))
        return Dictionary(rows.map { ($0["id"], $0["releaseID"]) }, uniquingKeysWith: { a, _ in a })
    }

    /// Takes a disposed item out of the search index (the index is derived data; the item and its log stay).
    /// Rare, so a scan of the index is acceptable here.
    func removeFromSearch(type: SearchItemType, itemIDs: [Int64]) throws {
        guard !itemIDs.isEmpty else { return }
        let placeholders = itemIDs.map { _ in "?" }.joined(separator: ",")
        var arguments: StatementArguments = [type.rawValue]
        arguments += StatementArguments(itemIDs)
        try db.execute(sql: "DELETE FROM searchIndex WHERE type = ? AND itemID IN (\(placeholders))", arguments: arguments)
    }

    /// Takes what a disposal of `kind` #`id` disposed of out of the search index: where it is disposed of, and on
    /// every machine whose working copy takes in the disposal (its rows say only that the tombstone was added).
    func removeDisposedFromSearch(kind: RecordKind, id: Int64) throws {
        switch kind {
        case .release: try removeFromSearch(type: .revision, itemIDs: revisionIDs(releaseID: id))
        case .post: try removeFromSearch(type: .post, itemIDs: [id])
        case .fact: try removeFromSearch(type: .fact, itemIDs: [id])
        case .rumor: try removeFromSearch(type: .rumor, itemIDs: [id])
        case .namedPerson, .incident, .attestation, .log: break
        }
    }

    /// Every item the search index holds, as "type #id" (held to a shared server's search table by verify).
    func searchIndexItems() throws -> Set<String> {
        Set(try Row.fetchAll(db, sql: "SELECT type, itemID FROM searchIndex").map { row -> String in
            let type: String = row[0], id: Int64 = row[1]
            return "\(type) #\(id)"
        })
    }

    /// How many rows the search index holds (tests, diagnostics).
    public func searchIndexCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchIndex") ?? 0
    }
}

// MARK: - Records export

extension StoreSession {
    private static func notDisposed(_ type: String, _ column: String) -> String {
        "NOT EXISTS (SELECT 1 FROM disposal d WHERE d.subjectType = '\(type)' AND d.subjectID = \(column))"
    }

    /// Which rows of a table an export of `scope` holds: one condition, shared by the export (whole records) and
    /// its outline (a few columns), so that the two cannot count different rows.
    struct ScopedRows {
        let table: String
        let condition: String
        let arguments: StatementArguments
    }

    static func factsInScope(_ scope: ExportScope) -> ScopedRows {
        ScopedRows(table: "fact", condition: "(? IS NULL OR incidentID = ?) AND recordedAt BETWEEN ? AND ? AND \(notDisposed("fact", "fact.id"))",
                   arguments: [scope.incidentID, scope.incidentID, scope.lowerBound, scope.upperBound])
    }

    static func rumorsInScope(_ scope: ExportScope) -> ScopedRows {
        ScopedRows(table: "rumor", condition: "(? IS NULL OR incidentID = ?) AND recordedAt BETWEEN ? AND ? AND \(notDisposed("rumor", "rumor.id"))",
                   arguments: [scope.incidentID, scope.incidentID, scope.lowerBound, scope.upperBound])
    }

    static func namedPeopleInScope(_ scope: ExportScope) -> ScopedRows {
        ScopedRows(table: "namedPerson",
                   condition: "(? IS NULL OR incidentID = ?) AND recordedAt BETWEEN ? AND ? AND \(notDisposed("named-person", "namedPerson.id"))",
                   arguments: [scope.incidentID, scope.incidentID, scope.lowerBound, scope.upperBound])
    }

    static func postsInScope(_ scope: ExportScope) -> ScopedRows {
        ScopedRows(table: "post", condition: "(? IS NULL OR incidentID = ?) AND createdAt BETWEEN ? AND ? AND \(notDisposed("post", "post.id"))",
                   arguments: [scope.incidentID, scope.incidentID, scope.lowerBound, scope.upperBound])
    }

    /// Releases with at least one revision in the scope's dates.
    static func releasesInScope(_ scope: ExportScope) -> ScopedRows {
        ScopedRows(table: "pressRelease", condition: """
            (? IS NULL OR incidentID = ?) AND \(notDisposed("release", "pressRelease.id"))
              AND EXISTS (SELECT 1 FROM releaseRevision r WHERE r.releaseID = pressRelease.id AND r.createdAt BETWEEN ? AND ?)
            """, arguments: [scope.incidentID, scope.incidentID, scope.lowerBound, scope.upperBound])
    }

    static func disposalsInScope(_ scope: ExportScope) -> ScopedRows {
        ScopedRows(table: "disposal", condition: "(? IS NULL OR incidentID = ?) AND disposedAt BETWEEN ? AND ?",
                   arguments: [scope.incidentID, scope.incidentID, scope.lowerBound, scope.upperBound])
    }

    private func fetchAll<T: FetchableRecord>(_ type: T.Type, _ rows: ScopedRows) throws -> [T] {
        try T.fetchAll(db, sql: "SELECT * FROM \(rows.table) WHERE \(rows.condition) ORDER BY id", arguments: rows.arguments)
    }

    public func exportFacts(_ scope: ExportScope) throws -> [Fact] { try fetchAll(Fact.self, Self.factsInScope(scope)) }
    public func exportRumors(_ scope: ExportScope) throws -> [Rumor] { try fetchAll(Rumor.self, Self.rumorsInScope(scope)) }
    public func exportNamedPeople(_ scope: ExportScope) throws -> [NamedPerson] { try fetchAll(NamedPerson.self, Self.namedPeopleInScope(scope)) }
    public func exportPosts(_ scope: ExportScope) throws -> [Post] { try fetchAll(Post.self, Self.postsInScope(scope)) }

    /// Releases with at least one revision in the scope's dates, each with those revisions (every one when undated).
    public func exportReleases(_ scope: ExportScope) throws -> [(release: Release, revisions: [ReleaseRevision])] {
        let releases = try fetchAll(Release.self, Self.releasesInScope(scope))
        return try releases.map { release in
            let revisions = try ReleaseRevision.fetchAll(db, sql: """
                SELECT * FROM releaseRevision WHERE releaseID = ? AND createdAt BETWEEN ? AND ? ORDER BY number
                """, arguments: [release.id, scope.lowerBound, scope.upperBound])
            return (release, revisions)
        }
    }

    /// Attestations in scope. For one incident: those whose own log entry belongs to the incident
    /// (`Workspace.attest` logs each one with its subject's incident), so agency-wide ones stay out.
    static func attestationsInScope(_ scope: ExportScope) -> ScopedRows {
        if let incidentID = scope.incidentID {
            return ScopedRows(table: "attestation", condition: """
                id IN (SELECT l.subjectID FROM logEntry l WHERE l.incidentID = ? AND l.subjectType = 'attestation'
                       AND l.action LIKE 'attest.%') AND createdAt BETWEEN ? AND ?
                """, arguments: [incidentID, scope.lowerBound, scope.upperBound])
        }
        return ScopedRows(table: "attestation", condition: "createdAt BETWEEN ? AND ?", arguments: [scope.lowerBound, scope.upperBound])
    }

    public func exportAttestations(_ scope: ExportScope) throws -> [Attestation] {
        try fetchAll(Attestation.self, Self.attestationsInScope(scope))
    }

    /// The incidents an export of `scope` holds: the one asked for, or those opened in its dates plus the ones
    /// listed (those that own an exported item), in number order.
    func exportIncidentIDs(_ scope: ExportScope, owning ids: Set<Int64>) throws -> [Int64] {
        if let incidentID = scope.incidentID { return [incidentID] }
        let opened = try Int64.fetchAll(db, sql: "SELECT id FROM incident WHERE openedAt BETWEEN ? AND ?",
                                        arguments: [scope.lowerBound, scope.upperBound])
        return ids.union(opened).sorted()
    }

    public func exportIncidents(_ scope: ExportScope, owning ids: Set<Int64>) throws -> [Incident] {
        let wanted = try exportIncidentIDs(scope, owning: ids)
        guard !wanted.isEmpty else { return [] }
        return try Incident.fetchAll(db, sql: "SELECT * FROM incident WHERE id IN (\(Self.placeholders(wanted.count))) ORDER BY id",
                                     arguments: StatementArguments(wanted))
    }

    /// Tombstones in scope: for one incident, that incident's; otherwise those made in the dates.
    public func exportDisposals(_ scope: ExportScope) throws -> [Disposal] { try fetchAll(Disposal.self, Self.disposalsInScope(scope)) }

    /// The revisions an export holds: those of its releases made in its dates.
    static func revisionsInScope(_ scope: ExportScope) -> ScopedRows {
        let releases = releasesInScope(scope)
        return ScopedRows(table: "releaseRevision",
                          condition: "releaseID IN (SELECT id FROM \(releases.table) WHERE \(releases.condition)) AND createdAt BETWEEN ? AND ?",
                          arguments: releases.arguments + [scope.lowerBound, scope.upperBound])
    }

    /// How many rows `rows` holds, and the incidents and people a few of their columns name (`incident`, then
    /// `people`): an export's outline, without reading the records.
    func countScoped(_ rows: ScopedRows, incident: String?, people: [String]) throws -> (count: Int, incidentIDs: Set<Int64>, personIDs: Set<Int64>) {
        let columns = (incident.map { [$0] } ?? []) + people
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns.isEmpty ? "1" : columns.joined(separator: ", ")) FROM \(rows.table) WHERE \(rows.condition)",
                                         arguments: rows.arguments)
        var result: (count: Int, incidentIDs: Set<Int64>, personIDs: Set<Int64>) = (0, [], [])
        while let row = try cursor.next() {
            result.count += 1
            for index in columns.indices {
                guard let id = (try? row.decode(Int64?.self, atIndex: index)) ?? nil else { continue }
                if index == 0, incident != nil { result.incidentIDs.insert(id) } else { result.personIDs.insert(id) }
            }
        }
        return result
    }

    /// Of these incidents, how many exist, and who opened them and speaks for them.
    func incidentPeople(ids: [Int64]) throws -> (found: Int, personIDs: Set<Int64>) {
        guard !ids.isEmpty else { return (0, []) }
        let rows = try Row.fetchAll(db, sql: "SELECT openedBy, spokespersonID FROM incident WHERE id IN (\(Self.placeholders(ids.count)))",
                                    arguments: StatementArguments(ids))
        var people: Set<Int64> = []
        for row in rows {
            for index in 0..<2 { if let id = (try? row.decode(Int64?.self, atIndex: index)) ?? nil { people.insert(id) } }
        }
        return (rows.count, people)
    }

    /// How many of these people are on the roster (as `people(ids:)` would read them).
    func personCount(ids: Set<Int64>) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person WHERE id IN (\(Self.placeholders(ids.count)))",
                                arguments: StatementArguments(Array(ids))) ?? 0
    }

    private static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ",") }

    /// Walks the log entries in scope in chain order. For one incident, entries without an incident are left out.
    public func forEachExportLogEntry(_ scope: ExportScope, _ body: (LogEntry) throws -> Void) throws {
        let from = Timestamps.milliseconds(scope.lowerBound)
        let to = Timestamps.milliseconds(scope.upperBound)
        let sql: String
        let arguments: StatementArguments
        if let incidentID = scope.incidentID {
            sql = "SELECT * FROM logEntry WHERE incidentID = ? AND time BETWEEN ? AND ? ORDER BY seq"
            arguments = [incidentID, from, to]
        } else {
            sql = "SELECT * FROM logEntry WHERE time BETWEEN ? AND ? ORDER BY seq"
            arguments = [from, to]
        }
        let cursor = try LogEntry.fetchCursor(db, sql: sql, arguments: arguments)
        while let entry = try cursor.next() { try body(entry) }
    }

    /// The log entries in scope summed up in one pass, without reading their changes: how many, the first and
    /// last numbers, the last one's time, and the incidents and people they name (for an export's plan).
    func exportLogSummary(_ scope: ExportScope) throws -> (count: Int, firstSeq: Int64?, lastSeq: Int64?, lastTime: Int64?,
                                                           incidentIDs: Set<Int64>, actorIDs: Set<Int64>) {
        var arguments: StatementArguments = []
        var condition = "time BETWEEN ? AND ?"
        if let incidentID = scope.incidentID {
            condition = "incidentID = ? AND " + condition
            arguments += [incidentID]
        }
        arguments += [Timestamps.milliseconds(scope.lowerBound), Timestamps.milliseconds(scope.upperBound)]
        guard let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS n, MIN(seq) AS first, MAX(seq) AS last,
                   group_concat(DISTINCT incidentID) AS incidents, group_concat(DISTINCT actorID) AS actors
            FROM logEntry WHERE \(condition)
            """, arguments: arguments) else { return (0, nil, nil, nil, [], []) }
        func ids(_ list: String?) -> Set<Int64> { Set((list ?? "").split(separator: ",").compactMap { Int64($0) }) }
        let last: Int64? = (try row.decode(forColumn: "last"))
        let lastTime = try last.flatMap { try Int64.fetchOne(db, sql: "SELECT time FROM logEntry WHERE seq = ?", arguments: [$0]) }
        return ((try row.decode(forColumn: "n")), (try row.decode(forColumn: "first")), last, lastTime, ids((try row.decode(forColumn: "incidents"))), ids((try row.decode(forColumn: "actors"))))
    }

    public func people(ids: Set<Int64>) throws -> [Person] {
        guard !ids.isEmpty else { return [] }
        let sorted = ids.sorted()
        return try Person.fetchAll(db, sql: "SELECT * FROM person WHERE id IN (\(sorted.map { _ in "?" }.joined(separator: ","))) ORDER BY id",
                                   arguments: StatementArguments(sorted))
    }
}

// MARK: - Retention and disposal

extension StoreSession {
    /// Items of one kind whose retention clock started before `cutoff` (and whose incident is closed), not yet disposed.
    /// The clock starts at the later of the item's last change and its incident's closing.
    public func retentionCandidates(kind: RecordKind, startedBefore cutoff: Date) throws -> [RetentionItem] {
        let sql: String
        switch kind {
        case .release:
            sql = """
                SELECT 'release' AS type, x.id AS id, x.incidentID AS incidentID, x.title AS summary,
                       MAX(IFNULL((SELECT MAX(createdAt) FROM releaseRevision WHERE releaseID = x.id), x.createdAt), i.closedAt) AS basis
                FROM pressRelease x JOIN incident i ON i.id = x.incidentID
                """
        case .post:
            sql = """
                SELECT 'post' AS type, x.id AS id, x.incidentID AS incidentID, substr(x.text, 1, 80) AS summary,
                       MAX(x.createdAt, IFNULL(x.deliveredAt, x.createdAt), i.closedAt) AS basis
                FROM post x JOIN incident i ON i.id = x.incidentID
                """
        case .fact:
            sql = """
                SELECT 'fact' AS type, x.id AS id, x.incidentID AS incidentID, substr(x.text, 1, 80) AS summary,
                       MAX(x.recordedAt, IFNULL(x.statusAt, x.recordedAt), i.closedAt) AS basis
                FROM fact x JOIN incident i ON i.id = x.incidentID
                """
        case .rumor:
            sql = """
                SELECT 'rumor' AS type, x.id AS id, x.incidentID AS incidentID, substr(x.text, 1, 80) AS summary,
                       MAX(x.recordedAt, i.closedAt) AS basis
                FROM rumor x JOIN incident i ON i.id = x.incidentID
                """
        case .namedPerson:
            sql = """
                SELECT 'named-person' AS type, x.id AS id, x.incidentID AS incidentID, x.category AS summary,
                       MAX(x.recordedAt, IFNULL(x.notifiedAt, x.recordedAt), i.closedAt) AS basis
                FROM namedPerson x JOIN incident i ON i.id = x.incidentID
                """
        case .incident, .log, .attestation:
            return []
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM (\(sql) WHERE i.closedAt IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM disposal d WHERE d.subjectType = '\(kind.rawValue)' AND d.subjectID = x.id))
            WHERE basis < ? ORDER BY basis, id
            """, arguments: [cutoff])
        return rows.compactMap { row -> RetentionItem? in
            do { return RetentionItem(kind: kind, id: (try row.decode(forColumn: "id")), incidentID: (try row.decode(forColumn: "incidentID")), summary: (try row.decode(forColumn: "summary")) ?? "",
                          retainedSince: (try row.decode(forColumn: "basis")), disposableFrom: (try row.decode(forColumn: "basis"))) } catch { return nil }
        }
    }

    public func disposal(subjectType: String, subjectID: Int64) throws -> Disposal? {
        try Disposal.fetchOne(db, sql: "SELECT * FROM disposal WHERE subjectType = ? AND subjectID = ?", arguments: [subjectType, subjectID])
    }

    public func insertDisposal(_ disposal: inout Disposal) throws {
        try disposal.insert(db)
    }

    /// The revision ids of a release (for taking them out of the search index).
    func revisionIDs(releaseID: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM releaseRevision WHERE releaseID = ?", arguments: [releaseID])
    }
}

extension Disposal: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "disposal"
}

// MARK: - Verification

extension StoreSession {
    /// One log entry by its number (for naming an entry that failed a check).
    public func logEntry(seq: Int64) throws -> LogEntry? {
        try LogEntry.fetchOne(db, sql: "SELECT * FROM logEntry WHERE seq = ?", arguments: [seq])
    }
}
