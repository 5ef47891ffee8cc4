import Foundation
import GRDB

// The reads behind `archive verify`'s replay: every stored row of record as canonical JSON (the form the
// log's images take), each table's column defaults, and rows of record decoded from an image.

extension StoreSession {
    /// Every row of `table` in rowid order, as the log would image it.
    func forEachStoredRow(table: String, _ body: (Int64, String) throws -> Void) throws {
        precondition(RecordTables.all.contains(table))
        let cursor = try Row.fetchCursor(db, sql: "SELECT rowid AS \"__rowid\", * FROM main.\(table) ORDER BY rowid")
        // The table's columns in name order, found once: every row of the cursor has the same.
        let names = cursor.columnNames
        let order = names.indices.filter { names[$0] != "__rowid" }.sorted { names[$0] < names[$1] }
        var columns: [(String, DatabaseValue)] = []
        columns.reserveCapacity(order.count)
        while let row = try cursor.next() {
            columns.removeAll(keepingCapacity: true)
            for index in order { columns.append((names[index], row[index])) }
            try body(row[0], RowImages.json(sorted: columns))
        }
    }

    /// Each column's default as canonical JSON (`null` when it has none): a column added by a later schema
    /// step holds its default in rows no entry has written since.
    func columnDefaults(table: String) throws -> [String: String] {
        var defaults: [String: String] = [:]
        for column in try Row.fetchAll(db, sql: "SELECT name, dflt_value FROM pragma_table_info(?)", arguments: [table]) {
            let name: String = column["name"]
            if let literal: String = column["dflt_value"],
               let value = try DatabaseValue.fetchOne(db, sql: "SELECT \(literal)") {
                var out = ""
                RowImages.appendValue(value, to: &out)
                defaults[name] = out
            } else {
                defaults[name] = "null"
            }
        }
        return defaults
    }
}

/// A row of record decoded from its image (canonical JSON of its columns).
enum RowImageDecoder {
    static func decode<T: FetchableRecord>(_ type: T.Type, _ json: String) -> T? {
        guard let values = values(json) else { return nil }
        // The hand-written decoders (ImageRecords.swift) for the hot tables, when every column is the record's own.
        if let fast = T.self as? any ImageDecodable.Type, values.keys.allSatisfy(fast.imageColumns.contains),
           let record = try? fast.init(image: ImageColumns(values: values)) as? T {
            return record
        }
        return row(values: values).flatMap { try? T(row: $0) }
    }

    /// `decode` through GRDB's Decodable path alone: what the hand-written decoders are held to.
    static func decodeByRow<T: FetchableRecord>(_ type: T.Type, _ json: String) -> T? {
        guard let row = row(json) else { return nil }
        return try? T(row: row)
    }

    /// The columns of an image, as a GRDB row.
    static func row(_ json: String) -> Row? {
        values(json).flatMap(row(values:))
    }

    /// A GRDB row of these columns, or nil when two of them differ only in case. No table has such columns, and
    /// GRDB would read whichever of the two a dictionary happened to list first: an answer that changed from run
    /// to run (a tampered image, `PUBLICKEY` beside `publicKey`, decoded one way or the other).
    static func row(values: [String: DatabaseValue]) -> Row? {
        var names = Set<String>(minimumCapacity: values.count)
        for name in values.keys where !names.insert(name.lowercased()).inserted { return nil }
        return Row(values)
    }

    /// The columns of an image, as GRDB values by name.
    static func values(_ json: String) -> [String: DatabaseValue]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        var values: [String: DatabaseValue] = [:]
        values.reserveCapacity(object.count)
        for (name, value) in object {
            // The kinds exclude each other; the commonest comes first (each cast that fails costs a lookup).
            switch value {
            case let string as String: values[name] = string.databaseValue
            case let number as NSNumber: values[name] = number.int64Value.databaseValue
            case is NSNull: values[name] = .null
            case let tagged as [String: String]:
                if let bits = tagged["real"].flatMap(UInt64.init) {
                    values[name] = Double(bitPattern: bits).databaseValue
                } else if let data = tagged["blob"].flatMap({ Data(base64Encoded: $0) }) {
                    values[name] = data.databaseValue
                } else {
                    return nil
                }
            default: return nil
            }
        }
        return values
    }

    /// One column's value as canonical JSON text, or nil when the image has no such column.
    static func columns(_ json: String) -> [String: String]? {
        guard let values = values(json) else { return nil }
        var result: [String: String] = [:]
        for (name, value) in values {
            var out = ""
            RowImages.appendValue(value, to: &out)
            result[name] = out
        }
        return result
    }
}

/// A stored value as a tamper test needs to know it: its SQL type and its text.
public enum DatabaseValueDescription: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob
}

extension StoreSession {
    /// Every row of every table of record with its columns' values (for tests that tamper with each in turn).
    public func describeRowsOfRecord() throws -> [(table: String, id: Int64, columns: [(name: String, value: DatabaseValueDescription)])] {
        var result: [(table: String, id: Int64, columns: [(name: String, value: DatabaseValueDescription)])] = []
        for table in RecordTables.all {
            for row in try Row.fetchAll(db, sql: "SELECT rowid AS \"__rowid\", * FROM main.\(table) ORDER BY rowid") {
                var columns: [(name: String, value: DatabaseValueDescription)] = []
                for (name, value) in row where name != "__rowid" {
                    switch value.storage {
                    case .null: columns.append((name, .null))
                    case .int64(let int): columns.append((name, .integer(int)))
                    case .double(let double): columns.append((name, .real(double)))
                    case .string(let string): columns.append((name, .text(string)))
                    case .blob: columns.append((name, .blob))
                    }
                }
                result.append((table, row["__rowid"], columns))
            }
        }
        return result
    }
}

extension StoreSession {
    /// The entries after `seq`, in chain order.
    func forEachLogEntry(after seq: Int64, _ body: (LogEntry) throws -> Void) throws {
        let cursor = try LogEntry.fetchCursor(db, sql: "SELECT * FROM logEntry WHERE seq > ? ORDER BY seq", arguments: [seq])
        while let entry = try cursor.next() { try body(entry) }
    }

    /// One stored row of record as the log would image it, or nil when there is none.
    func storedRowJSON(table: String, id: Int64) throws -> String? {
        precondition(RecordTables.all.contains(table))
        return try Row.fetchOne(db, sql: "SELECT * FROM main.\(table) WHERE rowid = ?", arguments: [id]).map(RowImages.json)
    }
}
