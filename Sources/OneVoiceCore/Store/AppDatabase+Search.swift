import Foundation

// Search, on a file or a shared server: a server answers from its own search table (tsvector under GIN,
// Store/Server/SharedLog+Search.swift), which finds what `searchIndex` finds; when it cannot (it does not answer,
// or its table is behind its log), this machine's copy answers, as every read falls back to it.

extension AppDatabase {
    /// Hits for `query`, newest first, within the incident, the time range (ms) and the paging position given.
    func search(_ query: SearchQuery, incidentID: Int64?, fromMilliseconds: Int64?, toMilliseconds: Int64?, limit: Int,
                from position: Int64?, newer: Bool) throws -> [SearchHit] {
        if let shared {
            let (_, lowest, highest) = StoreSession.searchBounds(expression: query.expression, incidentID: incidentID,
                                                                 fromMilliseconds: fromMilliseconds, toMilliseconds: toMilliseconds,
                                                                 position: position, newer: newer)
            guard lowest <= highest else { return [] }
            // Every row the server sends must be what the signed record says of that item: a row edited or added
            // on the server (a hit showing words nobody signed) is caught here, and the copy answers instead.
            let vouch = { (rows: [SearchRow]) in try self.readWithoutLooking { try $0.searchRowsMatchRecord(rows) } }
            if let hits = shared.search(query, incidentID: incidentID, lowest: lowest, highest: highest, limit: limit, newer: newer,
                                        vouch: vouch) {
                return hits
            }
        }
        return try readWithoutLooking { session in
            try session.search(expression: query.expression, incidentID: incidentID, fromMilliseconds: fromMilliseconds,
                               toMilliseconds: toMilliseconds, limit: limit, from: position, newer: newer)
        }
    }

    /// How many items match, counting no further than `limit`; with `newerThan`, only those newer than it.
    /// On a server this machine's copy counts, once brought up to the server's head: FTS5 counts from its index
    /// alone, where PostgreSQL visits each matching row (146 ms for a common word at a million entries, against
    /// 3 ms), and a count the copy makes from the signed record is one the server cannot shade.
    func searchCount(_ query: SearchQuery, incidentID: Int64?, fromMilliseconds: Int64?, toMilliseconds: Int64?,
                     newerThan position: Int64?, limit: Int) throws -> Int {
        try read { session in
            try session.searchCount(expression: query.expression, incidentID: incidentID, fromMilliseconds: fromMilliseconds,
                                    toMilliseconds: toMilliseconds, newerThan: position, limit: limit)
        }
    }

    /// Reads this machine's database as it stands: the caller has just looked at the server (or it did not answer).
    private func readWithoutLooking<T>(_ body: (StoreSession) throws -> T) throws -> T {
        do {
            return try writer.read { try body(StoreSession(db: $0)) }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Fills the server's search table from this copy when it does not reflect the server's log (a server written
    /// before the table existed, or by an older OneVoice since), while holding the head so no append comes between.
    /// A failure is noted, not thrown: searches are then answered by the copy.
    func fillServerSearchIfBehind() {
        guard let shared else { return }
        do {
            guard try !shared.searchIsCurrent() else { return }
            try writer.write { db in
                let session = StoreSession(db: db)
                try shared.withHeadLock({ lock in
                    guard !lock.searchIsCurrent else { return }
                    try takeIn(lock, session)
                    var after: Int64?
                    try SharedLog.replaceSearch({
                        let page = try session.searchRows(after: after, limit: SharedLog.page)
                        after = page.last?.position ?? after
                        return page
                    }, upTo: lock.head.hash, link: lock.link, tokenizer: lock.tokenizer)
                })
            }
            shared.refreshStatistics()
        } catch {
            shared.noteFailure(error)
        }
    }
}
