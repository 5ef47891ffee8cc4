import Foundation
import GRDB

extension AppDatabase {
    /// A number that grows whenever anyone commits a change: another process (SQLite's `data_version`, which
    /// ignores this connection's own commits) or this process (`total_changes()` of the one writer connection
    /// that all of this process's writes go through: the dashboard's actions and its scheduler alike).
    /// Both only grow, so their sum moves whenever either does. Cheap enough to poll several times a second.
    public func changeStamp() throws -> Int {
        // On a shared server: take in what other machines appended first, so the stamp moves with it.
        if shared != nil { refreshFromServer() }
        do {
            return try writer.writeWithoutTransaction { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
                let own = try Int.fetchOne(db, sql: "SELECT total_changes()") ?? 0
                return version &+ own
            }
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }
}
