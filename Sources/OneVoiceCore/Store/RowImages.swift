import Foundation
import GRDB

/// The tables of record: every row of these is a projection of the signed log, and `archive verify`
/// compares each of them, row by row and column by column, with the replayed log. Everything else in the
/// file is operational and named in `operationalTables` (the README lists them too).
public enum RecordTables {
    public static let all: [String] = [
        "agency", "person", "incident", "fact", "pressRelease", "releaseRevision", "post", "attestation", "rumor",
        "namedPerson", "contact", "disposal", "publishedIdentity", "partnerAgency",
    ]

    /// Tables that are not records, and why: they are rebuilt, re-derived or hold no public record.
    public static let operational: [(table: String, why: String)] = [
        ("logEntry", "the log itself, checked by its hash chain and signatures"),
        ("logHead", "the chain's head, checked against the log's last entry"),
        ("schedulerLease", "which scheduler may deliver right now; expires by itself"),
        ("searchIndex", "full-text search, rebuilt from the tables of record and compared"),
    ]
}

/// The rows one change wrote, as the log records them: one line per row, `table<TAB>id<TAB>json`, sorted by
/// table and id, where `json` is the row's columns as canonical JSON (keys sorted; integers as numbers, text
/// as strings, NULL as null) or `null` when the row was deleted. JSON escapes every control character, so a
/// line never holds a raw tab or line feed inside its JSON.
public enum RowImages {
    public struct Image: Sendable, Equatable {
        public var table: String
        public var id: Int64
        /// The row's canonical JSON, or nil for a deleted row.
        public var json: String?
    }

    public static func text(_ images: [Image]) -> String {
        images.sorted { ($0.table, $0.id) < ($1.table, $1.id) }
            .map { "\($0.table)\t\($0.id)\t\($0.json ?? "null")" }
            .joined(separator: "\n")
    }

    /// The images of a log entry's `images` text; nil when it is not of that form.
    public static func parse(_ text: String) -> [Image]? {
        if text.isEmpty { return [] }
        // Byte by byte: the separators are ASCII, so every index found is also a character boundary.
        let bytes = text.utf8
        var result: [Image] = []
        var lineStart = bytes.startIndex
        while true {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            guard let tab = bytes[lineStart..<lineEnd].firstIndex(of: 0x09), tab > lineStart,
                  let secondTab = bytes[bytes.index(after: tab)..<lineEnd].firstIndex(of: 0x09),
                  let id = Int64(text[bytes.index(after: tab)..<secondTab]) else { return nil }
            let json = text[bytes.index(after: secondTab)..<lineEnd]
            result.append(Image(table: String(text[lineStart..<tab]), id: id, json: json == "null" ? nil : String(json)))
            guard lineEnd < bytes.endIndex else { return result }
            lineStart = bytes.index(after: lineEnd)
        }
    }

    /// A stored row as canonical JSON.
    static func json(_ row: Row) -> String {
        var columns: [(String, DatabaseValue)] = []
        for (name, value) in row { columns.append((name, value)) }
        columns.sort { $0.0 < $1.0 }
        return json(sorted: columns)
    }

    /// Columns already in name order, as canonical JSON.
    static func json(sorted columns: [(String, DatabaseValue)]) -> String {
        var out = "{"
        for (index, (name, value)) in columns.enumerated() {
            if index > 0 { out += "," }
            appendString(name, to: &out)
            out += ":"
            appendValue(value, to: &out)
        }
        return out + "}"
    }

    static func appendValue(_ value: DatabaseValue, to out: inout String) {
        switch value.storage {
        case .null: out += "null"
        case .int64(let int): out += String(int)
        case .double(let double): out += "{\"real\":\"\(double.bitPattern)\"}"
        case .string(let string): appendString(string, to: &out)
        case .blob(let data): out += "{\"blob\":\"\(data.base64EncodedString())\"}"
        }
    }

    /// A JSON string: quote, backslash and every control character escaped, everything else as it is.
    /// Byte by byte, copying the runs between escapes whole: every row of record goes through here on each
    /// write and again when `archive verify` compares the stored rows.
    static func appendString(_ string: String, to out: inout String) {
        var bytes: [UInt8] = [0x22]
        Array(string.utf8).withUnsafeBufferPointer { input in
            bytes.reserveCapacity(input.count + 2)
            var index = 0
            var runStart = 0
            func escape(_ scalarLength: Int, _ text: String) {
                bytes.append(contentsOf: input[runStart..<index])
                bytes.append(contentsOf: text.utf8)
                index += scalarLength
                runStart = index
            }
            while index < input.count {
                let byte = input[index]
                switch byte {
                case 0x22: escape(1, "\\\"")
                case 0x5C: escape(1, "\\\\")
                case 0x0A: escape(1, "\\n")
                case 0x0D: escape(1, "\\r")
                case 0x09: escape(1, "\\t")
                case 0x00..<0x20, 0x7F: escape(1, hexEscape(UInt32(byte)))
                // U+0080...U+009F (C1 controls) are C2 80...C2 9F; U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                case 0xC2 where index + 1 < input.count && (0x80...0x9F).contains(input[index + 1]):
                    escape(2, hexEscape(UInt32(input[index + 1])))
                case 0xE2 where index + 2 < input.count && input[index + 1] == 0x80 && (input[index + 2] == 0xA8 || input[index + 2] == 0xA9):
                    escape(3, hexEscape(input[index + 2] == 0xA8 ? 0x2028 : 0x2029))
                default: index += 1
                }
            }
            bytes.append(contentsOf: input[runStart..<input.count])
        }
        bytes.append(0x22)
        out += String(decoding: bytes, as: UTF8.self)
    }

    private static func hexEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

// MARK: - Capturing what a change writes

extension StoreSession {
    /// Makes sure this (writer) connection notes every row of a table of record that a statement writes, in a
    /// temporary table of its own: temporary triggers, so nothing of it is in the file.
    func installRowCapture() throws {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM temp.sqlite_master WHERE name = 'pendingRow')") == true {
            return
        }
        try db.execute(sql: "CREATE TEMP TABLE pendingRow (tbl TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (tbl, rid)) WITHOUT ROWID")
        for table in RecordTables.all {
            try db.execute(sql: """
                CREATE TEMP TRIGGER capture_\(table)_insert AFTER INSERT ON main.\(table) BEGIN
                    INSERT OR IGNORE INTO pendingRow VALUES ('\(table)', NEW.rowid);
                END;
                CREATE TEMP TRIGGER capture_\(table)_update AFTER UPDATE ON main.\(table) BEGIN
                    INSERT OR IGNORE INTO pendingRow VALUES ('\(table)', OLD.rowid);
                    INSERT OR IGNORE INTO pendingRow VALUES ('\(table)', NEW.rowid);
                END;
                CREATE TEMP TRIGGER capture_\(table)_delete AFTER DELETE ON main.\(table) BEGIN
                    INSERT OR IGNORE INTO pendingRow VALUES ('\(table)', OLD.rowid);
                END;
                """)
        }
    }

    /// The rows written since the last log entry, as they stand now, and forgets them.
    func takePendingImages() throws -> [RowImages.Image] {
        let pending = try Row.fetchAll(db, sql: "SELECT tbl, rid FROM temp.pendingRow ORDER BY tbl, rid")
        guard !pending.isEmpty else { return [] }
        var images: [RowImages.Image] = []
        images.reserveCapacity(pending.count)
        for row in pending {
            let table: String = row[0]
            let id: Int64 = row[1]
            guard RecordTables.all.contains(table) else { continue }
            let stored = try Row.fetchOne(db, sql: "SELECT * FROM main.\(table) WHERE rowid = ?", arguments: [id])
            images.append(RowImages.Image(table: table, id: id, json: stored.map(RowImages.json)))
        }
        try db.execute(sql: "DELETE FROM temp.pendingRow")
        return images
    }

    /// Rows written that no log entry recorded yet (a change must end with its entry).
    func unloggedRows() throws -> [(table: String, id: Int64)] {
        try Row.fetchAll(db, sql: "SELECT tbl, rid FROM temp.pendingRow ORDER BY tbl, rid LIMIT 5").map { ($0[0], $0[1]) }
    }

    /// Forgets captured rows (a rolled-back transaction's).
    func clearPendingImages() throws {
        try db.execute(sql: "DELETE FROM temp.pendingRow")
    }
}
