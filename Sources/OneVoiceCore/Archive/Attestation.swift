import Foundation

/// A signed statement by one person about the exact content of one thing
/// (a fact verified, a release cleared by legal, a release approved by the spokesperson).
public struct Attestation: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var actorID: Int64
    public var actorHandle: String
    public var role: Role
    public var subjectType: String
    public var subjectID: Int64
    /// SHA-256 (hex) of the subject's canonical content at the moment of signing.
    public var contentHash: String
    public var verdict: String
    public var note: String
    public var createdAt: Date
    /// The signer's public key (base64), copied so an export can be checked without the roster.
    public var publicKey: String
    /// Ed25519 signature (base64) over `signedPayload`.
    public var signature: String
    /// Set when a later revision makes this attestation no longer current; the record stays.
    public var supersededAt: Date?

    /// The exact bytes that are signed: canonical JSON of every field but the id, the signature and supersession.
    public var signedPayload: Data {
        CanonicalJSON.data(Payload(actor: actorHandle, contentHash: contentHash, createdAt: createdAt, note: note,
                                   publicKey: publicKey, role: role.rawValue, subjectID: subjectID,
                                   subjectType: subjectType, verdict: verdict))
    }

    private struct Payload: Encodable {
        let actor: String
        let contentHash: String
        let createdAt: Date
        let note: String
        let publicKey: String
        let role: String
        let subjectID: Int64
        let subjectType: String
        let verdict: String
    }

    /// Creates and signs a statement with the holder's key.
    public static func sign(by person: Person, role: Role, key: IdentityKey, subjectType: String, subjectID: Int64,
                            contentHash: String, verdict: String, note: String, at time: Date) throws -> Attestation {
        var attestation = Attestation(id: 0, actorID: person.id, actorHandle: person.handle, role: role,
                                      subjectType: subjectType, subjectID: subjectID, contentHash: contentHash,
                                      verdict: verdict, note: note, createdAt: Timestamps.truncated(time),
                                      publicKey: key.publicKeyBase64, signature: "", supersededAt: nil)
        attestation.signature = try key.sign(attestation.signedPayload).base64EncodedString()
        return attestation
    }

    public var hasValidSignature: Bool {
        guard let signatureData = Data(base64Encoded: signature) else { return false }
        return IdentityKey.isValid(signature: signatureData, for: signedPayload, publicKeyBase64: publicKey)
    }
}
