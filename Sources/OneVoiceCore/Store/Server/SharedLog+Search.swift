import Foundation
import PostgresNIO

// Search on the shared server: `onevoice_search` holds every row of the search index, as a database file's
// `searchIndex` holds them (the same positions, so "newest first", dates and paging are the same position
// ranges), with the body's words as a tsvector under a GIN index. The words are cut by the index's own
// tokenizer (SearchTokenizer), on the way in and in the query, so both engines find the same items.
//
// The table moves with the log: each append writes the rows its change added or changed in the search index,
// in the same server transaction, and marks the table as reflecting the new head (`onevoice_head.search_hash`).
// A head the table does not reflect (a server written by an older OneVoice, or never filled) is filled anew from
// a working copy when a machine opens the record; until then searches are answered by each machine's copy.

/// One row of the search index, as it travels between a working copy and the server.
struct SearchRow: Sendable, Equatable {
    var position: Int64
    var type: String?
    var itemID: Int64?
    var incidentID: Int64?
    var time: Int64?
    var label: String?
    var body: String?
}

/// What a change did to the search index: the items whose rows it may have changed, and their rows now.
struct SearchChanges: Sendable {
    var items: [(type: String, itemID: Int64)]
    var rows: [SearchRow]
}

extension SharedLog {
    // MARK: - Schema

    /// The search table, made or brought up to date inside `prepareSchema`'s transaction (under its advisory lock).
    static func prepareSearchSchema(_ link: PostgresLink) throws {
        // Each open runs this: the DDL only where something is missing (an ALTER would lock the head even then).
        let present = try link.query("""
            SELECT to_regclass('onevoice_search') IS NOT NULL, EXISTS (SELECT 1 FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'onevoice_head' AND column_name = 'search_hash')
            """)
        let (hasTable, hasColumn) = try present.first?.decode((Bool, Bool).self) ?? (false, false)
        if !hasTable { try createSearchTable(link) }
        // The entry the search table reflects; NULL on a server written before it existed (filled on the next open).
        if !hasColumn { try link.query("ALTER TABLE onevoice_head ADD COLUMN search_hash text") }
        // An empty log has nothing to find: a database whose log was made anew keeps no earlier record's words.
        try link.query("""
            DELETE FROM onevoice_search WHERE EXISTS (SELECT 1 FROM onevoice_head WHERE id = 1 AND seq = 0
                AND search_hash IS DISTINCT FROM hash)
            """)
        try link.query("UPDATE onevoice_head SET search_hash = hash WHERE id = 1 AND seq = 0 AND search_hash IS DISTINCT FROM hash")
    }

    private static func createSearchTable(_ link: PostgresLink) throws {
        try link.query("""
            CREATE TABLE IF NOT EXISTS onevoice_search (
                position bigint PRIMARY KEY,
                type text,
                item_id bigint,
                incident_id bigint,
                time bigint,
                label text,
                body text,
                doc tsvector NOT NULL)
            """)
        try link.query("CREATE INDEX IF NOT EXISTS onevoice_search_doc ON onevoice_search USING gin (doc)")
        try link.query("CREATE INDEX IF NOT EXISTS onevoice_search_item ON onevoice_search (type, item_id)")
    }

    /// Whether the search table reflects the server's head (one small query).
    func searchIsCurrent() throws -> Bool {
        let rows = try link().query("SELECT COALESCE(search_hash = hash, false) FROM onevoice_head WHERE id = 1")
        return try rows.first?.decode(Bool.self) ?? false
    }

    /// Every item the search table holds, as "type #id", when it reflects the head (nil when it is behind, and
    /// is refilled on the next open): what `archive verify` holds to the copy's index.
    func searchItems() throws -> (head: String, items: Set<String>)? {
        let link = try link()
        return try link.exclusive {
            try link.query("BEGIN ISOLATION LEVEL REPEATABLE READ")
            defer { _ = try? link.query("ROLLBACK") }
            guard let head = try link.query("SELECT hash, COALESCE(search_hash = hash, false) FROM onevoice_head WHERE id = 1").first,
                  case let (hash, current) = try head.decode((String, Bool).self), current else {
                return nil
            }
            var items = Set<String>()
            for row in try link.query("SELECT type, item_id FROM onevoice_search") {
                let (type, id) = try row.decode((String?, Int64?).self)
                items.insert("\(type ?? "?") #\(id.map(String.init) ?? "?")")
            }
            return (hash, items)
        }
    }

    // MARK: - Writing

    /// The statements that delete the server's rows of `items`.
    static func searchDeleteStatements(_ items: [(type: String, itemID: Int64)]) -> [PostgresStatement] {
        let perStatement = 1_000
        var statements: [PostgresStatement] = []
        var start = 0
        while start < items.count {
            let batch = items[start..<min(start + perStatement, items.count)]
            var binds: [PostgresBindable] = []
            let pairs = batch.map { item -> String in
                binds += [.text(item.type), .int(item.itemID)]
                return "($\(binds.count - 1), $\(binds.count))"
            }
            statements.append(PostgresStatement("DELETE FROM onevoice_search WHERE (type, item_id) IN (\(pairs.joined(separator: ", ")))", binds))
            start += perStatement
        }
        return statements
    }

    /// Inserts search rows, their words made into tsvectors.
    static func insertSearch(_ rows: [SearchRow], link: PostgresLink, tokenizer: SearchTokenizer) throws {
        try link.run(searchInsertStatements(rows, tokenizer: tokenizer))
    }

    /// The statements that insert search rows. A row whose position another item holds on the server takes the
    /// next free one in its millisecond: copies that took in the same entries can number the items of one
    /// millisecond differently (a replayed update re-indexes an item the writer's copy left in place), and no
    /// item may push another out of the table. The statement places such rows itself, after the highest position
    /// of their millisecond in order, so an append needs no answer before it commits.
    /// 10 values a row; a statement may bind at most 65,535.
    static func searchInsertStatements(_ rows: [SearchRow], tokenizer: SearchTokenizer) throws -> [PostgresStatement] {
        let perStatement = 1_000
        let k = StoreSession.searchRowsPerMillisecond
        var statements: [PostgresStatement] = []
        var start = 0
        while start < rows.count {
            let batch = Array(rows[start..<min(start + perStatement, rows.count)])
            let words = try tokenizer.words(batch.map(\.body))
            var values: [String] = []
            var binds: [PostgresBindable] = []
            values.reserveCapacity(batch.count)
            binds.reserveCapacity(batch.count * 10)
            for (row, words) in zip(batch, words) {
                let (quotient, remainder) = row.position.quotientAndRemainder(dividingBy: k)
                let (low, overflow) = (remainder < 0 ? quotient - 1 : quotient).multipliedReportingOverflow(by: k)
                let base = binds.count
                let types = ["bigint", "text", "bigint", "bigint", "bigint", "text", "text", "tsvector", "bigint", "bigint"]
                values.append("(" + types.enumerated().map { "$\(base + $0.offset + 1)::\($0.element)" }.joined(separator: ", ") + ")")
                binds += [.int(row.position), .text(row.type), .int(row.itemID), .int(row.incidentID), .int(row.time),
                          .text(row.label), .text(row.body), .text(SearchTokenizer.tsvector(words)),
                          .int(overflow ? Int64.min : low), .int(overflow ? row.position : low + (k - 1))]
            }
            statements.append(PostgresStatement("""
                WITH v (position, type, item_id, incident_id, time, label, body, doc, lo, hi) AS (VALUES \(values.joined(separator: ", "))),
                taken AS (SELECT v.*, EXISTS (SELECT 1 FROM onevoice_search AS s WHERE s.position = v.position) AS clash FROM v),
                tops AS (
                    SELECT w.lo, GREATEST((SELECT MAX(s.position) FROM onevoice_search AS s WHERE s.position BETWEEN w.lo AND w.hi),
                                          (SELECT MAX(f.position) FROM taken AS f WHERE NOT f.clash AND f.lo = w.lo)) AS top
                    FROM (SELECT DISTINCT lo, hi FROM taken WHERE clash) AS w)
                INSERT INTO onevoice_search (position, type, item_id, incident_id, time, label, body, doc)
                SELECT position, type, item_id, incident_id, time, label, body, doc FROM taken WHERE NOT clash
                UNION ALL
                SELECT tops.top + row_number() OVER (PARTITION BY c.lo ORDER BY c.position), c.type, c.item_id, c.incident_id,
                       c.time, c.label, c.body, c.doc
                FROM taken AS c JOIN tops ON tops.lo = c.lo WHERE c.clash
                """, binds))
            start += perStatement
        }
        return statements
    }

    /// Empties the search table and fills it with the pages `next` hands over, then marks it as reflecting `hash`.
    static func replaceSearch(_ next: () throws -> [SearchRow]?, upTo hash: String, link: PostgresLink,
                              tokenizer: SearchTokenizer) throws {
        try link.query("DELETE FROM onevoice_search")
        while let page = try next(), !page.isEmpty {
            try insertSearch(page, link: link, tokenizer: tokenizer)
        }
        try link.query("UPDATE onevoice_head SET search_hash = $1 WHERE id = 1", [.text(hash)])
    }

    // MARK: - Searching

    /// A search's hits from the server, newest first, as `StoreSession.search` finds them in `searchIndex`; nil
    /// when the server cannot answer (it does not reflect its head yet, the query has a word too long for a
    /// tsvector, or it did not answer: the failure is noted), and the working copy must.
    /// `vouch` says whether rows the server sent are what this machine's copy of the signed record holds: when
    /// one is not (the table edited on the server), the failure is noted and the copy answers.
    func search(_ query: SearchQuery, incidentID: Int64?, lowest: Int64, highest: Int64, limit: Int,
                newer: Bool, vouch: ([SearchRow]) throws -> Bool) -> [SearchHit]? {
        answering {
            let tsquery: String
            switch try tokenizer.query(query) {
            case .unanswerable: return nil
            case .nothing: return []
            case .tsquery(let text): tsquery = text
            }
            let rows = try link().query("""
                SELECT COALESCE(h.search_hash = h.hash, false), s.position, s.type, s.item_id, s.incident_id, s.time, s.label, s.body
                FROM onevoice_head AS h LEFT JOIN LATERAL (
                    SELECT position, type, item_id, incident_id, time, label, body FROM onevoice_search
                    WHERE doc @@ $1::tsquery AND position BETWEEN $2 AND $3\(incidentID == nil ? "" : " AND incident_id = $5")
                    ORDER BY position \(newer ? "ASC" : "DESC") LIMIT $4) AS s ON true
                WHERE h.id = 1
                """, [.text(tsquery), .int(lowest), .int(highest), .int(Int64(limit))] + (incidentID.map { [.int($0)] } ?? []))
            // No row: the server has no head (not OneVoice's any more); the copy answers.
            guard !rows.isEmpty else { return nil }
            var found: [SearchRow] = []
            for row in rows {
                let (current, position, type, itemID, incident, time, label, body) = try row.decode(
                    (Bool, Int64?, String?, Int64?, Int64?, Int64?, String?, String?).self)
                guard current else { return nil }
                guard let position else { continue }
                found.append(SearchRow(position: position, type: type, itemID: itemID, incidentID: incident, time: time,
                                       label: label, body: body))
            }
            guard try vouch(found) else {
                throw StoreError.server(location: address.description, detail: "holds a search table that does not match its signed log; this machine's copy answered")
            }
            let snippets = try tokenizer.snippets(found.map(\.body), expression: query.expression)
            // As the copy does: a row that cannot be read is left out of the hits. So is one FTS5 does not match
            // (a phrase past the 16,383rd word, where a tsvector's positions stop counting).
            let hits = zip(found, snippets).compactMap { row, snippet -> SearchHit? in
                guard let type = row.type, let itemID = row.itemID, let time = row.time, let label = row.label,
                      let snippet else { return nil }
                return SearchHit(type: SearchItemType(rawValue: type) ?? .log, id: itemID, incidentID: row.incidentID,
                                 time: Timestamps.date(milliseconds: time), label: label, markedSnippet: snippet, position: row.position)
            }
            return newer ? hits.reversed() : hits
        }
    }

    /// Runs a look at the server: nil, with the failure noted, when it does not answer.
    private func answering<T>(_ body: () throws -> T?) -> T? {
        do {
            let result = try body()
            noteAnswered()
            return result
        } catch {
            noteFailure(error)
            return nil
        }
    }
}
