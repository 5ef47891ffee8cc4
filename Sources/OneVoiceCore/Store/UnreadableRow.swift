import GRDB

/// A stored row the code cannot read back (a date past the year 9999, text where a number belongs,
/// a value no enum case matches): only that row is unusable; lists skip it and say which it is.
public struct UnreadableRow: Sendable, Hashable, CustomStringConvertible {
    public var table: String
    public var id: Int64?
    public var detail: String

    public var description: String {
        "\(table) row \(id.map { "#\($0)" } ?? "without an id") cannot be read (\(detail)); restore it from a backup or ask for help"
    }
}

extension StoreSession {
    /// Fetches records one row at a time: rows that decode are returned, the others are named in `unreadable`.
    func fetchReadable<T: FetchableRecord>(_ type: T.Type, table: String, sql: String, arguments: StatementArguments = [],
                                           unreadable: inout [UnreadableRow]) throws -> [T] {
        var records: [T] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            do {
                records.append(try T(row: row))
            } catch {
                let id = Int64.fromDatabaseValue(row["id"] as DatabaseValue)
                unreadable.append(UnreadableRow(table: table, id: id, detail: Self.shortReason(error)))
            }
        }
        return records
    }

    /// The same, for callers that only need the readable rows.
    func fetchReadable<T: FetchableRecord>(_ type: T.Type, table: String, sql: String, arguments: StatementArguments = []) throws -> [T] {
        var ignored: [UnreadableRow] = []
        return try fetchReadable(type, table: table, sql: sql, arguments: arguments, unreadable: &ignored)
    }

    private static func shortReason(_ error: any Error) -> String {
        let text = String(describing: error)
        // GRDB's decoding errors name the column and the value first; the rest is the SQL and row dump.
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
        return firstLine.count > 160 ? String(firstLine.prefix(160)) + "…" : firstLine
    }
}

extension StoreSession {
    /// The incidents and waiting posts that cannot be read back: what the board and the schedule
    /// leave out, named so a screen can say so (one pass over the incidents, and over the posts
    /// still waiting to go out).
    public func unreadableRows() throws -> [UnreadableRow] {
        var unreadable: [UnreadableRow] = []
        _ = try fetchReadable(Incident.self, table: "incident", sql: "SELECT * FROM incident", unreadable: &unreadable)
        _ = try upcomingPosts(limit: 100_000, unreadable: &unreadable)
        return unreadable
    }
}
