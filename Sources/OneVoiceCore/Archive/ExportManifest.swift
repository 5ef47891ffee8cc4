import Foundation

/// `manifest.json` of a records export: what was asked, the chain head when it was made, and the SHA-256
/// of every other file, so that anyone can check that nothing was changed, removed or added.
public struct ExportManifest: Codable, Sendable, Hashable {
    public static let formatName = "onevoice-records-export/1"

    public struct File: Codable, Sendable, Hashable {
        public var path: String
        public var sha256: String
        public var bytes: Int
    }

    public struct ChainHead: Codable, Sendable, Hashable {
        public var seq: Int64
        public var hash: String
    }

    public struct Scope: Codable, Sendable, Hashable {
        public var incidentID: Int64?
        public var from: Date?
        public var to: Date?
        public var description: String
        /// How entries of the records log that belong to no incident were treated.
        public var agencyWideLogEntries: String
    }

    public var format: String
    public var generator: String
    public var agency: String
    public var timeZone: String
    public var mode: String
    public var exportedAt: Date
    public var exportedBy: String?
    public var scope: Scope
    /// The last entry of the whole records log when the export was made (not only of the exported segment).
    public var chainHead: ChainHead
    public var counts: [String: Int]
    public var files: [File]
}

/// How export files encode and decode JSON: the canonical form, pretty, times as UTC ISO 8601 with milliseconds.
public enum ExportJSON {
    public static func encode(_ value: some Encodable) -> Data {
        Data((CanonicalJSON.pretty(value) + "\n").utf8)
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RecordDate.parseTimestamp(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UTC ISO 8601 time: \(text)")
            }
            return date
        }
        return decoder
    }
}
