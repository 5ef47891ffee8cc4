import Foundation
import GRDB
import GRDBSQLite

// The verifier's hot loop: the records log read straight through SQLite's C interface. GRDB's rows
// wrap each column in a Data or a DatabaseValue; at a million entries that wrapping, not SHA-256,
// was most of `archive verify`'s time.

/// One records-log entry as the bytes stored. The buffers point into SQLite's row and a reused buffer
/// and are valid only during the call that hands them out.
public struct RawLogEntry {
    public let seq: Int64
    /// Exactly the bytes `LogEntry.hashInput` is made of.
    public let hashInput: UnsafeRawBufferPointer
    public let prevHash: UnsafeRawBufferPointer
    public let hash: UnsafeRawBufferPointer
    /// 1 or 2 (signed).
    public let format: Int64
    /// Format 2: the bytes the actor signed (the hash input without the signature), the signature and the key
    /// (base64 text); empty in format 1.
    public let signedPayload: UnsafeRawBufferPointer
    public let signature: UnsafeRawBufferPointer
    public let actorKey: UnsafeRawBufferPointer
}

extension StoreSession {
    /// The range of entry numbers the log holds, whatever the recorded head says; nil when it is empty.
    public func logSeqBounds() throws -> ClosedRange<Int64>? {
        guard let row = try Row.fetchOne(db, sql: "SELECT MIN(seq), MAX(seq) FROM logEntry"),
              let low: Int64 = row[0], let high: Int64 = row[1] else { return nil }
        return low...high
    }

    /// Walks the log (or the entries numbered `seqs`) in chain order without making a String, a Data or
    /// a `LogEntry` per row: the hashed form is assembled from the columns' bytes into one reused buffer.
    /// Integer columns are written in decimal and a NULL as nothing, as `LogEntry.hashInput` does.
    public func forEachRawLogEntry(seqs: ClosedRange<Int64>? = nil, _ body: (RawLogEntry) throws -> Void) throws {
        // Pages read through a memory map instead of one pread copy each: about a tenth of the walk's
        // time at a million entries. Only for this walk, on this connection, and undone after it: a
        // mapped file that another program truncates meanwhile would fault instead of failing a read.
        try db.execute(sql: "PRAGMA mmap_size = \(Self.walkMapSize)")
        defer { try? db.execute(sql: "PRAGMA mmap_size = 0") }
        let statement = try db.makeStatement(sql: """
            SELECT seq, time, actorHandle, action, subjectType, subjectID, incidentID, change, prevHash, hash,
                   format, actorID, actorKey, images, signature
            FROM logEntry WHERE seq BETWEEN ? AND ? ORDER BY seq
            """)
        try statement.setArguments([seqs?.lowerBound ?? Int64.min, seqs?.upperBound ?? Int64.max])
        let row = statement.sqliteStatement
        defer { sqlite3_reset(row) }
        var input = HashInputBuffer()
        defer { input.deallocate() }
        // Integer columns: seq, time and subjectID are NOT NULL; only incidentID needs the NULL check.
        let columnsBeforePrevHash: [(index: Int32, isInteger: Bool, nullable: Bool)] = [
            (0, true, false), (1, true, false), (2, false, false), (3, false, false), (4, false, false),
            (5, true, false), (6, true, true), (7, false, false),
        ]
        while true {
            let code = sqlite3_step(row)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
            }
            input.clear()
            for column in columnsBeforePrevHash {
                if column.isInteger {
                    if !column.nullable || sqlite3_column_type(row, column.index) != SQLITE_NULL {
                        input.appendDecimal(sqlite3_column_int64(row, column.index))
                    }
                } else {
                    input.append(Self.text(row, column.index))
                }
                input.appendSeparator()
            }
            let prevStart = input.count
            input.append(Self.text(row, 8))
            let prevEnd = input.count
            let hash = Self.text(row, 9)
            let format = sqlite3_column_int64(row, 10)
            // Format 2 (LogEntry.signedPayload, then the signature): the format, the actor's id and key, the rows.
            var payloadEnd = input.count
            var signature = UnsafeRawBufferPointer(start: nil, count: 0)
            if format >= 2 {
                input.appendSeparator()
                input.appendDecimal(2)
                input.appendSeparator()
                if sqlite3_column_type(row, 11) != SQLITE_NULL { input.appendDecimal(sqlite3_column_int64(row, 11)) }
                input.appendSeparator()
                input.append(Self.text(row, 12))
                input.appendSeparator()
                input.append(Self.text(row, 13))
                payloadEnd = input.count
                signature = Self.text(row, 14)
                input.appendSeparator()
                input.append(signature)
            }
            let actorKey = format >= 2 ? Self.text(row, 12) : UnsafeRawBufferPointer(start: nil, count: 0)
            try input.withBytes { bytes in
                try body(RawLogEntry(seq: sqlite3_column_int64(row, 0), hashInput: bytes,
                                     prevHash: UnsafeRawBufferPointer(rebasing: bytes[prevStart..<prevEnd]), hash: hash,
                                     format: format,
                                     signedPayload: format >= 2 ? UnsafeRawBufferPointer(rebasing: bytes[..<payloadEnd]) : UnsafeRawBufferPointer(start: nil, count: 0),
                                     signature: signature, actorKey: actorKey))
            }
        }
    }

    /// The most of the file the walk maps (SQLite maps no more than the file holds).
    private static let walkMapSize: Int64 = 1 << 40

    /// A text column's UTF-8 bytes, as SQLite holds them (empty for NULL).
    private static func text(_ row: OpaquePointer, _ index: Int32) -> UnsafeRawBufferPointer {
        guard let start = sqlite3_column_text(row, index) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(row, index)))
    }
}

/// A growable byte buffer that is never copied on write: the one hash input the walk reuses per row.
private struct HashInputBuffer {
    private var storage = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 8)
    private var capacity = 4096
    private(set) var count = 0

    mutating func clear() { count = 0 }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        if let base = bytes.baseAddress { (storage + count).copyMemory(from: base, byteCount: bytes.count) }
        count += bytes.count
    }

    mutating func appendSeparator() {
        reserve(1)
        storage.storeBytes(of: 0x1F, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// `value` in decimal, as `String(value)` writes it.
    mutating func appendDecimal(_ value: Int64) {
        reserve(20)
        if value < 0 {
            storage.storeBytes(of: UInt8(ascii: "-"), toByteOffset: count, as: UInt8.self)
            count += 1
        }
        var magnitude = value.magnitude
        var digits = 0
        repeat { digits += 1; magnitude /= 10 } while magnitude > 0
        magnitude = value.magnitude
        for offset in stride(from: count + digits - 1, through: count, by: -1) {
            storage.storeBytes(of: UInt8(ascii: "0") + UInt8(magnitude % 10), toByteOffset: offset, as: UInt8.self)
            magnitude /= 10
        }
        count += digits
    }

    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    func deallocate() { storage.deallocate() }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
        bigger.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = bigger
        capacity = grown
    }
}
