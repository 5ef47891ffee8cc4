import Foundation

/// One entry of the records log: who did what to which thing, and when, chained by hash.
///
/// Format 2 (the signed log) adds who signed it (`actorKey`), the rows the change wrote (`images`, the
/// projection every table of record is checked against) and the actor's Ed25519 `signature` over all of
/// it; the hash covers the signature, so the chain covers who signed what. Format 1 entries are the
/// history written before the upgrade, sealed by the first format-2 entry (`log.seal`).
public struct LogEntry: Codable, Sendable, Hashable, Identifiable {
    public var seq: Int64
    /// Milliseconds since 1970, UTC.
    public var time: Int64
    public var actorID: Int64?
    public var actorHandle: String
    public var action: String
    public var subjectType: String
    public var subjectID: Int64
    /// The incident the change belongs to, when it belongs to one (for the incident's own log).
    public var incidentID: Int64?
    /// The change as canonical JSON.
    public var change: String
    public var prevHash: String
    public var hash: String
    /// 1: hash-chained only (before the upgrade); 2: signed, with the rows it wrote.
    public var format: Int = 1
    /// The signer's public key (base64); empty in format 1.
    public var actorKey: String = ""
    /// The rows the change wrote (`RowImages` text); empty in format 1.
    public var images: String = ""
    /// Ed25519 signature (base64) over `signedPayload`; empty in format 1.
    public var signature: String = ""

    public var id: Int64 { seq }
    public var date: Date { Timestamps.date(milliseconds: time) }

    public init(seq: Int64, time: Int64, actorID: Int64?, actorHandle: String, action: String, subjectType: String,
                subjectID: Int64, incidentID: Int64?, change: String, prevHash: String) {
        self.seq = seq
        self.time = time
        self.actorID = actorID
        self.actorHandle = actorHandle
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.incidentID = incidentID
        self.change = change
        self.prevHash = prevHash
        self.hash = LogEntry.computeHash(seq: seq, time: time, actorHandle: actorHandle, action: action,
                                         subjectType: subjectType, subjectID: subjectID, incidentID: incidentID,
                                         change: change, prevHash: prevHash)
    }

    /// An entry as read back from storage: the hash is the stored one, not recomputed.
    public init(seq: Int64, time: Int64, actorID: Int64?, actorHandle: String, action: String, subjectType: String,
                subjectID: Int64, incidentID: Int64?, change: String, prevHash: String, storedHash: String) {
        self.seq = seq
        self.time = time
        self.actorID = actorID
        self.actorHandle = actorHandle
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.incidentID = incidentID
        self.change = change
        self.prevHash = prevHash
        self.hash = storedHash
    }

    /// What the hash should be for the content as it stands.
    public var expectedHash: String { Hashing.sha256Hex(hashInput) }

    /// The exact text the hash covers: format 1's fields, and in format 2 the signed payload and its signature.
    public var hashInput: String {
        format >= 2 ? signedPayload + "\u{1F}" + signature : v1HashInput
    }

    private var v1HashInput: String {
        LogEntry.hashInput(seq: seq, time: time, actorHandle: actorHandle, action: action, subjectType: subjectType,
                           subjectID: subjectID, incidentID: incidentID, change: change, prevHash: prevHash)
    }

    /// The exact text a format-2 entry's actor signs: format 1's fields, then the format, the actor's id and
    /// key, and the rows written. The chain (prevHash) is inside, so a signature cannot be moved elsewhere.
    public var signedPayload: String {
        v1HashInput + "\u{1F}2\u{1F}" + (actorID.map(String.init) ?? "") + "\u{1F}" + actorKey + "\u{1F}" + images
    }

    /// A format-2 entry made and signed now by `key`, chained after `prevHash`.
    static func signed(seq: Int64, time: Int64, actorID: Int64?, actorHandle: String, action: String, subjectType: String,
                       subjectID: Int64, incidentID: Int64?, change: String, images: String, prevHash: String,
                       key: IdentityKey) throws -> LogEntry {
        var entry = LogEntry(seq: seq, time: time, actorID: actorID, actorHandle: actorHandle, action: action,
                             subjectType: subjectType, subjectID: subjectID, incidentID: incidentID, change: change,
                             prevHash: prevHash, storedHash: "")
        entry.format = 2
        entry.actorKey = key.publicKeyBase64
        entry.images = images
        entry.signature = try key.sign(Data(entry.signedPayload.utf8)).base64EncodedString()
        entry.hash = entry.expectedHash
        return entry
    }

    /// Whether a format-2 entry's signature is its actor key's over its payload (format 1: no signature to check).
    public var hasValidSignature: Bool {
        guard format >= 2 else { return true }
        guard let signatureData = Data(base64Encoded: signature) else { return false }
        return IdentityKey.isValid(signature: signatureData, for: Data(signedPayload.utf8), publicKeyBase64: actorKey)
    }

    /// SHA-256 of the hashed form.
    public static func computeHash(seq: Int64, time: Int64, actorHandle: String, action: String, subjectType: String,
                                   subjectID: Int64, incidentID: Int64?, change: String, prevHash: String) -> String {
        Hashing.sha256Hex(hashInput(seq: seq, time: time, actorHandle: actorHandle, action: action, subjectType: subjectType,
                                    subjectID: subjectID, incidentID: incidentID, change: change, prevHash: prevHash))
    }

    /// The fields joined by U+001F, which canonical JSON, handles and action names never contain.
    static func hashInput(seq: Int64, time: Int64, actorHandle: String, action: String, subjectType: String,
                          subjectID: Int64, incidentID: Int64?, change: String, prevHash: String) -> String {
        let incident = incidentID.map(String.init) ?? ""
        return "\(seq)\u{1F}\(time)\u{1F}\(actorHandle)\u{1F}\(action)\u{1F}\(subjectType)\u{1F}\(subjectID)\u{1F}\(incident)\u{1F}\(change)\u{1F}\(prevHash)"
    }

    private enum CodingKeys: String, CodingKey {
        case seq, time, actorID, actorHandle, action, subjectType, subjectID, incidentID, change, prevHash, hash
        case format, actorKey, images, signature
    }

    /// Format-1 entries (and exports made before the signed log) have no format, key, images or signature.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seq = try c.decode(Int64.self, forKey: .seq)
        time = try c.decode(Int64.self, forKey: .time)
        actorID = try c.decodeIfPresent(Int64.self, forKey: .actorID)
        actorHandle = try c.decode(String.self, forKey: .actorHandle)
        action = try c.decode(String.self, forKey: .action)
        subjectType = try c.decode(String.self, forKey: .subjectType)
        subjectID = try c.decode(Int64.self, forKey: .subjectID)
        incidentID = try c.decodeIfPresent(Int64.self, forKey: .incidentID)
        change = try c.decode(String.self, forKey: .change)
        prevHash = try c.decode(String.self, forKey: .prevHash)
        hash = try c.decode(String.self, forKey: .hash)
        format = try c.decodeIfPresent(Int.self, forKey: .format) ?? 1
        actorKey = try c.decodeIfPresent(String.self, forKey: .actorKey) ?? ""
        images = try c.decodeIfPresent(String.self, forKey: .images) ?? ""
        signature = try c.decodeIfPresent(String.self, forKey: .signature) ?? ""
    }

    /// "fact #12" style reference for people.
    public var subject: String { "\(subjectType) #\(subjectID)" }
}
