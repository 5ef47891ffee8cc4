import Foundation
import GRDB

// The hot tables of `archive verify`'s replay (posts, facts, attestations, releases) decoded straight from an
// image's columns, without building a GRDB row and going through Decodable: that path looks every column up
// by a case-insensitive scan and was a fifth of the whole verification. Each value is converted by the very
// GRDB conversion the Decodable path uses (`fromDatabaseValue`), and `RowImageDecoder.decode` takes this path
// only for an image whose column names are all the record's own, exactly; anything else (a missing column, a
// value of another type, an unknown column) falls back to the Decodable path, so the result is always the
// Decodable path's. `ImageRecordsTests` holds the two paths to each other over a whole agency's log.

/// A record decodable from an image's columns by hand.
protocol ImageDecodable {
    /// Every column of the record's table, spelled exactly as the table spells it.
    static var imageColumns: Set<String> { get }
    /// Throws on anything the fast path does not decode itself; the caller then falls back to Decodable.
    init(image: ImageColumns) throws
}

/// An image's column values, as GRDB values, looked up by their exact names.
struct ImageColumns {
    let values: [String: DatabaseValue]

    struct NotDecoded: Error {}

    /// A column that must hold a value: missing, NULL or not convertible throws.
    func value<T: DatabaseValueConvertible>(_ name: String) throws -> T {
        guard let stored = values[name], let value = T.fromDatabaseValue(stored) else { throw NotDecoded() }
        return value
    }

    /// An optional column: missing or NULL is nil; a value that does not convert throws.
    func optional<T: DatabaseValueConvertible>(_ name: String) throws -> T? {
        guard let stored = values[name], !stored.isNull else { return nil }
        guard let value = T.fromDatabaseValue(stored) else { throw NotDecoded() }
        return value
    }

    /// A column holding one of a string enum's raw values.
    func raw<T: RawRepresentable>(_ name: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try self.value(name) as String) else { throw NotDecoded() }
        return value
    }
}

extension ImageDecodable where Self: FetchableRecord {
    /// A stored row decoded by hand when it holds exactly the record's columns, through Decodable otherwise: the
    /// same record either way (`ImageRecordsTests`), at a fraction of the cost for a list of hundreds.
    static func decodeStored(_ row: Row) throws -> Self {
        var values: [String: DatabaseValue] = [:]
        values.reserveCapacity(row.count)
        for (name, value) in row { values[name] = value }
        if values.count == imageColumns.count, values.keys.allSatisfy(imageColumns.contains),
           let record = try? Self(image: ImageColumns(values: values)) {
            return record
        }
        return try Self(row: row)
    }
}

extension Post: ImageDecodable {
    static let imageColumns: Set<String> = [
        "id", "releaseID", "incidentID", "revisionNumber", "channel", "text", "scheduledAt", "state", "attempts",
        "nextAttemptAt", "deliveredAt", "externalID", "lastError", "idempotencyKey", "isExercise", "createdAt",
        "claimedBy", "claimedAt", "publicURL", "externalCID", "threadRootID", "threadRootCID",
    ]

    init(image c: ImageColumns) throws {
        self.init(id: try c.value("id"), releaseID: try c.value("releaseID"), incidentID: try c.value("incidentID"),
                  revisionNumber: try c.value("revisionNumber"), channel: try c.raw("channel"), text: try c.value("text"),
                  scheduledAt: try c.optional("scheduledAt"), state: try c.raw("state"), attempts: try c.value("attempts"),
                  nextAttemptAt: try c.optional("nextAttemptAt"), deliveredAt: try c.optional("deliveredAt"),
                  externalID: try c.optional("externalID"), lastError: try c.optional("lastError"),
                  idempotencyKey: try c.value("idempotencyKey"), isExercise: try c.value("isExercise"),
                  createdAt: try c.value("createdAt"))
        claimedBy = try c.optional("claimedBy")
        claimedAt = try c.optional("claimedAt")
        publicURL = try c.optional("publicURL")
        externalCID = try c.optional("externalCID")
        threadRootID = try c.optional("threadRootID")
        threadRootCID = try c.optional("threadRootCID")
    }
}

extension Fact: ImageDecodable {
    static let imageColumns: Set<String> = [
        "id", "incidentID", "key", "text", "source", "sourceKind", "status", "recordedBy", "recordedAt", "statusBy",
        "statusAt", "clearedForRelease",
    ]

    init(image c: ImageColumns) throws {
        self.init(id: try c.value("id"), incidentID: try c.value("incidentID"), key: try c.optional("key"),
                  text: try c.value("text"), source: try c.value("source"), sourceKind: try c.raw("sourceKind"),
                  status: try c.raw("status"), recordedBy: try c.value("recordedBy"), recordedAt: try c.value("recordedAt"),
                  statusBy: try c.optional("statusBy"), statusAt: try c.optional("statusAt"),
                  clearedForRelease: try c.value("clearedForRelease"))
    }
}

extension Attestation: ImageDecodable {
    static let imageColumns: Set<String> = [
        "id", "actorID", "actorHandle", "role", "subjectType", "subjectID", "contentHash", "verdict", "note",
        "createdAt", "publicKey", "signature", "supersededAt",
    ]

    init(image c: ImageColumns) throws {
        self.init(id: try c.value("id"), actorID: try c.value("actorID"), actorHandle: try c.value("actorHandle"),
                  role: try c.raw("role"), subjectType: try c.value("subjectType"), subjectID: try c.value("subjectID"),
                  contentHash: try c.value("contentHash"), verdict: try c.value("verdict"), note: try c.value("note"),
                  createdAt: try c.value("createdAt"), publicKey: try c.value("publicKey"), signature: try c.value("signature"),
                  supersededAt: try c.optional("supersededAt"))
    }
}

extension Agency: ImageDecodable {
    static let imageColumns: Set<String> = ["id", "name", "timeZoneIdentifier", "mode", "createdAt"]

    init(image c: ImageColumns) throws {
        self.init(name: try c.value("name"), timeZoneIdentifier: try c.value("timeZoneIdentifier"), mode: try c.raw("mode"),
                  createdAt: try c.value("createdAt"))
    }
}

extension Release: ImageDecodable {
    static let imageColumns: Set<String> = [
        "id", "incidentID", "kind", "parentID", "templateID", "isHolding", "status", "title", "currentRevision",
        "createdBy", "createdAt",
    ]

    init(image c: ImageColumns) throws {
        self.init(id: try c.value("id"), incidentID: try c.value("incidentID"), kind: try c.raw("kind"),
                  parentID: try c.optional("parentID"), templateID: try c.optional("templateID"),
                  isHolding: try c.value("isHolding"), status: try c.raw("status"), title: try c.value("title"),
                  currentRevision: try c.value("currentRevision"), createdBy: try c.value("createdBy"),
                  createdAt: try c.value("createdAt"))
    }
}
