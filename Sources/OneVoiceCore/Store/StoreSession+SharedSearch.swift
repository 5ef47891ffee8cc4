import GRDB

// The working copy's side of the shared server's search table (Store/Server/SharedLog+Search.swift): the rows a
// change made in this copy's search index, and the whole index page by page.

extension StoreSession {
    /// Up to `limit` rows of the search index after `position`, in position order (nil: from the first).
    func searchRows(after position: Int64?, limit: Int) throws -> [SearchRow] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT rowid, type, itemID, incidentID, time, label, body FROM searchIndex
            \(position == nil ? "" : "WHERE rowid > ?") ORDER BY rowid LIMIT ?
            """, arguments: StatementArguments(position.map { [$0, Int64(limit)] } ?? [Int64(limit)]))
        return rows.map(Self.searchRow)
    }

    /// What the change that appended `entries` did to the search index: every item whose rows it may have made,
    /// changed or taken out (its own entries, the items their rows name, the items a disposal took out of the
    /// index), and those items' rows now. The server replaces its rows of these items with these.
    func searchChanges(for entries: [LogEntry]) throws -> SearchChanges {
        var items: [(type: String, itemID: Int64)] = []
        var seen = Set<String>()
        func add(_ type: SearchItemType, _ id: Int64) {
            if seen.insert("\(type.rawValue) \(id)").inserted { items.append((type.rawValue, id)) }
        }
        for entry in entries {
            add(.log, entry.seq)
            for image in RowImages.parse(entry.images) ?? [] {
                switch image.table {
                case "releaseRevision": add(.revision, image.id)
                case "post": add(.post, image.id)
                case "fact": add(.fact, image.id)
                case "rumor": add(.rumor, image.id)
                case "disposal":
                    // Disposal takes the item out of the index without changing the item's own row.
                    guard let json = image.json, let values = RowImageDecoder.values(json),
                          let kind = values["subjectType"].flatMap(String.fromDatabaseValue),
                          let subject = values["subjectID"].flatMap(Int64.fromDatabaseValue) else { continue }
                    switch kind {
                    case "release": for id in try revisionIDs(releaseID: subject) { add(.revision, id) }
                    case "post": add(.post, subject)
                    case "fact": add(.fact, subject)
                    case "rumor": add(.rumor, subject)
                    default: break
                    }
                default: break
                }
            }
        }
        var rows: [SearchRow] = []
        let sources = Dictionary(uniqueKeysWithValues: SearchIndexSQL.sources("r").map { ($0.type, $0) })
        let k = Self.searchRowsPerMillisecond
        for item in items {
            // The item's rows sit in its time's range of positions.
            guard let source = sources[item.type],
                  let time = try Int64.fetchOne(db, sql: "SELECT \(source.time) FROM \(source.table) AS r WHERE \(source.id) = ?",
                                                arguments: [item.itemID])
            else { continue }
            let (low, overflow) = time.multipliedReportingOverflow(by: k)
            // A time past what a position holds (beyond the year 2262): look through the whole index instead.
            let range = overflow || low > Int64.max - k ? "" : "rowid BETWEEN \(low) AND \(low + k - 1) AND"
            rows += try Row.fetchAll(db, sql: """
                SELECT rowid, type, itemID, incidentID, time, label, body FROM searchIndex
                WHERE \(range) type = ? AND itemID = ?
                """, arguments: [item.type, item.itemID]).map(Self.searchRow)
        }
        return SearchChanges(items: items, rows: rows)
    }

    private static func searchRow(_ row: Row) -> SearchRow {
        func value(_ index: Int) -> DatabaseValue { row[index] }
        return SearchRow(position: row[0], type: String.fromDatabaseValue(value(1)), itemID: Int64.fromDatabaseValue(value(2)),
                         incidentID: Int64.fromDatabaseValue(value(3)), time: Int64.fromDatabaseValue(value(4)),
                         label: String.fromDatabaseValue(value(5)), body: String.fromDatabaseValue(value(6)))
    }
}

extension StoreSession {
    /// Whether each row is what the tables of record put in the index for its item (its incident, time, label
    /// and text), and its item is not disposed of: one primary-key lookup a row.
    func searchRowsMatchRecord(_ rows: [SearchRow]) throws -> Bool {
        let sources = Dictionary(uniqueKeysWithValues: SearchIndexSQL.sources("x").map { ($0.type, $0) })
        for row in rows {
            guard let type = row.type, let itemID = row.itemID, let source = sources[type] else { return false }
            // Cached statements (one per kind of item): a page of 50 hits compiled 100 statements, most of its time.
            guard let record = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT \(source.incident), \(source.time), \(source.label), \(source.body) FROM \(source.table) AS x WHERE \(source.id) = ?
                """), arguments: [itemID]) else { return false }
            let incident: Int64? = record[0], time: Int64? = record[1], label: String? = record[2], body: String? = record[3]
            guard incident == row.incidentID, time == row.time, label == row.label, body == row.body else { return false }
            // Disposed of: out of search for good (a release's disposal takes its revisions out).
            let disposed = type == "revision"
                ? "SELECT 1 FROM disposal WHERE subjectType = 'release' AND subjectID = (SELECT releaseID FROM releaseRevision WHERE id = ?)"
                : "SELECT 1 FROM disposal WHERE subjectType = ? AND subjectID = ?"
            let arguments: StatementArguments = type == "revision" ? [itemID] : [type, itemID]
            if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(\(disposed))"), arguments: arguments) == true { return false }
        }
        return true
    }
}
