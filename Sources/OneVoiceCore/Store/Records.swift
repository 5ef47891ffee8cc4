import GRDB

// GRDB conformances of the domain types: the table each one lives in.

/// Domain values use `id == 0` for "not saved yet"; the store picks the next id
/// inside the insert's transaction, never reusing one (AUTOINCREMENT semantics).
protocol AutoIDRecord: MutablePersistableRecord {
    var id: Int64 { get set }
}

extension AutoIDRecord {
    public mutating func willInsert(_ db: Database) throws {
        guard id == 0 else { return }
        let table = Self.databaseTableName
        let next = try Int64.fetchOne(db, sql: """
            SELECT MAX(IFNULL((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), IFNULL((SELECT MAX(id) FROM \(table)), 0)) + 1
            """, arguments: [table])
        id = next ?? 1
    }

}

extension Agency: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "agency"
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = 1
        container["name"] = name
        container["timeZoneIdentifier"] = timeZoneIdentifier
        container["mode"] = mode.rawValue
        container["createdAt"] = createdAt
    }
}

extension Person: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "person"
}

extension Incident: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "incident"
}

extension Fact: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "fact"
}

extension Release: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "pressRelease"
}

extension ReleaseRevision: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "releaseRevision"
}

extension Post: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "post"
}

extension Attestation: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "attestation"
}

extension Rumor: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "rumor"
}

extension LogEntry: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "logEntry"
}

extension NamedPerson: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "namedPerson"
}

extension Contact: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "contact"
}

extension PartnerAgency: FetchableRecord, AutoIDRecord {
    public static let databaseTableName = "partnerAgency"
}
