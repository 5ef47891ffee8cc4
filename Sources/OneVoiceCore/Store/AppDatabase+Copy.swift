import Foundation
import GRDB

// Moving a record between a database file and a shared server (`onevoice db copy`): the log is copied entry for
// entry, byte for byte, and the target's rows are made from the rows the entries carry, as a machine's working
// copy of a server is. Nothing is translated, so the signatures, the chain and its anchors hold on both sides.

extension AppDatabase {
    /// Copies this database's whole log to `target` (an empty server, or a file that does not exist yet) and
    /// opens it. The history before the signed log must be sealed: entries without rows cannot be replayed.
    public func copyLog(to target: DatabaseLocation, copies: URL) throws -> AppDatabase {
        switch target {
        case .server(let address):
            _ = try copyLogOntoServer(address)
            return try AppDatabase.open(target, copies: copies)
        case .file(let url):
            try checkCopyable()
            guard !FileManager.default.fileExists(atPath: url.path) else {
                throw StoreError.invalid("\(url.path) already exists; copy only into a new file (nothing was copied).")
            }
            let copy = try AppDatabase.open(at: url, create: true)
            let nextPage = logPages()
            do {
                while let page = try nextPage(), !page.isEmpty {
                    try copy.writer.write { db in try StoreSession(db: db).applyServerEntries(page, server: path) }
                }
            } catch {
                // Half a log is no copy: the new file goes.
                try? copy.writer.close()
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
                throw StoreError.wrap(error, path: url.path)
            }
            return copy
        }
    }

    /// Writes this database's whole log, and its search index, onto an empty server in one transaction (the
    /// first half of `copyLog(to:copies:)`, which then opens it); returns the number of entries written.
    func copyLogOntoServer(_ address: ServerAddress) throws -> Int64 {
        try checkCopyable()
        let nextPage = logPages()
        let shared = try SharedLog.open(address)
        defer { shared.close() }
        // The search index as this database has it: the server then finds what this database finds.
        var searchedTo: Int64?
        let nextSearchPage = { () throws -> [SearchRow]? in
            let page = try self.read { try $0.searchRows(after: searchedTo, limit: SharedLog.page) }
            searchedTo = page.last?.position ?? searchedTo
            return page
        }
        do { return try shared.importLog(nextPage, search: nextSearchPage) } catch { throw StoreError.wrap(error, path: address.description) }
    }

    /// The log in pages, oldest first; an empty page at the end.
    private func logPages() -> () throws -> [LogEntry]? {
        var after: Int64 = 0
        return {
            let page = try self.read { try $0.logEntries(after: after, limit: SharedLog.page) }
            after = page.last?.seq ?? after
            return page
        }
    }

    /// The history before the signed log must be sealed: entries without rows cannot be replayed.
    private func checkCopyable() throws {
        guard let format = try read({ try $0.lastEntryFormat() }) else {
            throw StoreError.invalid("The database at \(path) has no records log to copy; nothing was copied.")
        }
        guard format >= 2 else {
            throw StoreError.invalid("The database at \(path) still holds history from before the signed log, not yet sealed; sign one change with this OneVoice first (any change seals it), then copy it. Nothing was copied.")
        }
    }
}
