import Foundation

/// `manifest.json` of a records export: what was asked, the chain head when it was made, and the SHA-256
/// of every other file, so that anyone can check that nothing was changed, removed or added.
public struct ExportManifest: Codable, Sendable, Hashable {
    /// Version 2: signed by the exporter, with the founding key and the export's own disclosure entry.
    public static let formatName = "onevoice-records-export/2"
    /// Exports made before manifests were signed: still readable, never proof.
    public static let unsignedFormatName = "onevoice-records-export/1"

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
    /// The founding admin's public key (base64) and its fingerprint, as the log's first signed entry names it.
    public var foundingKey: String?
    public var foundingKeyFingerprint: String?
    /// The entry that records this export as a disclosure (its chain head is `chainHead` or later).
    public var disclosureEntry: ChainHead?
    /// Who made the export, and their Ed25519 signature over the canonical JSON of this manifest without it.
    public var signerHandle: String?
    public var signerKey: String?
    public var signature: String?

    /// The bytes the exporter signs: the manifest as canonical JSON, without its signature.
    public var signedPayload: Data {
        var unsigned = self
        unsigned.signature = nil
        return CanonicalJSON.data(unsigned)
    }

    public var hasValidSignature: Bool {
        guard let signature, let key = signerKey, let data = Data(base64Encoded: signature) else { return false }
        return IdentityKey.isValid(signature: data, for: signedPayload, publicKeyBase64: key)
    }
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
