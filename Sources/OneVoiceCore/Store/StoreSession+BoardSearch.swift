import Foundation
import GRDB

/// The board's `/` search counts its matches ("match 2 of 5") with the same test as `boardPage(matching:)`.
extension StoreSession {
    private static let boardRank = "CASE incident.status WHEN 'active' THEN 0 WHEN 'monitoring' THEN 1 ELSE 2 END"

    /// How many incidents match `text` (title or kind contains it, case-insensitively, or it is the id);
    /// with `before`, only those before that position in board order.
    public func boardMatchCount(matching text: String, before cursor: BoardPosition? = nil) throws -> Int {
        let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        var sql = "SELECT COUNT(*) FROM incident WHERE (incident.title LIKE ? ESCAPE '\\' OR incident.kind LIKE ? ESCAPE '\\' OR CAST(incident.id AS TEXT) = ?)"
        var arguments: StatementArguments = [pattern, pattern, text]
        if let cursor {
            sql += """
                 AND (\(Self.boardRank) < ? OR (\(Self.boardRank) = ? AND (incident.openedAt > ? OR (incident.openedAt = ? AND incident.id < ?))))
                """
            arguments += [cursor.rank, cursor.rank, cursor.openedAt, cursor.openedAt, cursor.id]
        }
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }
}
