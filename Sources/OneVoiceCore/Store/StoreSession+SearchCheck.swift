import Crypto
import Foundation
import GRDB
import GRDBSQLite

// `archive verify`'s check of the search index: the index as it stands against what the tables of record
// say it should hold. Both sides are read once, straight through SQLite's C interface, and compared as
// multisets of row digests. Two SQL `EXCEPT`s (one each way) computed the expected rows twice and sorted
// every row's text: 2.8 s at 100,000 entries, alone on one core at the end of the verification.

/// One row of the search index, or one the tables of record call for, that the other side lacks.
struct SearchIndexDifference: Equatable {
    let type: String
    /// The row's item id as stored (text when someone wrote text there).
    let itemID: String
    let problem: String

    static let missing = "is missing from the search index or differs from its record"
    static let extra = "is in the search index but no record says so"
}

/// SHA-256 of one row: every column's storage class and bytes, so `1`, `1.0` and `'1'` differ.
private struct RowDigest: Hashable, Comparable {
    let a: UInt64, b: UInt64, c: UInt64, d: UInt64

    static func < (l: RowDigest, r: RowDigest) -> Bool { (l.a, l.b, l.c, l.d) < (r.a, r.b, r.c, r.d) }
}

extension StoreSession {
    /// The rows that differ, named by type and item id: up to `limit` the tables call for and the index lacks
    /// (or holds otherwise), and up to `limit` the index holds that no record calls for. A row copied in the
    /// index counts as one too many. Disposed items are left out of what the tables call for.
    func searchIndexDifferences(limit: Int = 20) throws -> [SearchIndexDifference] {
        let columns = "type, itemID, incidentID, time, label, scope, body"
        // A release's disposal takes every revision of it out of search (Workspace+Retention).
        let expected = """
            SELECT \(columns) FROM (\(SearchIndexSQL.expectedRows(alias: "x"))) AS e
            WHERE NOT EXISTS (SELECT 1 FROM disposal d WHERE (d.subjectType = e.type AND d.subjectID = e.itemID)
                OR (e.type = 'revision' AND d.subjectType = 'release'
                    AND d.subjectID = (SELECT r.releaseID FROM releaseRevision r WHERE r.id = e.itemID)))
            """
        let stored = "SELECT \(columns) FROM searchIndex"
        var want: [RowDigest] = []
        var have: [RowDigest] = []
        try forEachRowDigest(sql: expected) { digest, _ in want.append(digest) }
        try forEachRowDigest(sql: stored) { digest, _ in have.append(digest) }
        want.sort()
        have.sort()
        var missing: [RowDigest: Int] = [:]
        var extra: [RowDigest: Int] = [:]
        var i = 0, j = 0
        while i < want.count || j < have.count {
            if j == have.count || (i < want.count && want[i] < have[j]) {
                missing[want[i], default: 0] += 1
                i += 1
            } else if i == want.count || have[j] < want[i] {
                extra[have[j], default: 0] += 1
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
        guard !missing.isEmpty || !extra.isEmpty else { return [] }
        // Something differs: read again, only to name the rows.
        var found: [SearchIndexDifference] = []
        for (sql, var left, problem) in [(expected, missing, SearchIndexDifference.missing), (stored, extra, SearchIndexDifference.extra)] {
            var named = 0
            try forEachRowDigest(sql: sql) { digest, row in
                guard named < limit, let count = left[digest], count > 0 else { return }
                left[digest] = count - 1
                named += 1
                found.append(SearchIndexDifference(type: Self.columnText(row, 0), itemID: Self.columnText(row, 1), problem: problem))
            }
        }
        return found
    }

    /// Each row of `sql` hashed as its columns' storage classes and bytes; `body` may read the row meanwhile.
    private func forEachRowDigest(sql: String, _ body: (RowDigest, OpaquePointer) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        let row = statement.sqliteStatement
        defer { sqlite3_reset(row) }
        let count = sqlite3_column_count(row)
        var input: [UInt8] = []
        input.reserveCapacity(4096)
        while true {
            let code = sqlite3_step(row)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
            input.removeAll(keepingCapacity: true)
            for index in 0..<count {
                let type = sqlite3_column_type(row, index)
                input.append(UInt8(type))
                switch type {
                case SQLITE_INTEGER:
                    withUnsafeBytes(of: sqlite3_column_int64(row, index).littleEndian) { input.append(contentsOf: $0) }
                case SQLITE_FLOAT:
                    withUnsafeBytes(of: sqlite3_column_double(row, index).bitPattern.littleEndian) { input.append(contentsOf: $0) }
                case SQLITE_TEXT, SQLITE_BLOB:
                    let start = type == SQLITE_TEXT ? UnsafeRawPointer(sqlite3_column_text(row, index)) : sqlite3_column_blob(row, index)
                    let length = Int(sqlite3_column_bytes(row, index))
                    // The length first, so no two columns' bytes can be cut into others.
                    withUnsafeBytes(of: UInt64(length).littleEndian) { input.append(contentsOf: $0) }
                    if let start, length > 0 { input.append(contentsOf: UnsafeRawBufferPointer(start: start, count: length)) }
                default:
                    break
                }
            }
            let digest = SHA256.hash(data: input)
            let key = digest.withUnsafeBytes { bytes in
                RowDigest(a: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self), b: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                          c: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self), d: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
            }
            try body(key, row)
        }
    }

    /// A column as text, whatever its storage class, for naming a row.
    private static func columnText(_ row: OpaquePointer, _ index: Int32) -> String {
        guard sqlite3_column_type(row, index) != SQLITE_NULL, let text = sqlite3_column_text(row, index) else { return "NULL" }
        return String(cString: text)
    }
}
