import Crypto
import Foundation

/// An Ed25519 private key: who you are is the key you hold.
///
/// Stored as a PKCS#8 PEM file ("BEGIN PRIVATE KEY"), the same format
/// `openssl genpkey -algorithm ed25519` writes, so other tools can read it.
public struct IdentityKey: Sendable {
    // The raw 32-byte seed; Crypto's key type is not Sendable, so it is rebuilt when needed.
    private let seed: Data

    private var privateKey: Curve25519.Signing.PrivateKey {
        // The seed was validated when this value was made.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    public init() { seed = Curve25519.Signing.PrivateKey().rawRepresentation }

    public init(rawRepresentation: Data) throws {
        seed = try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation).rawRepresentation
    }

    /// Base64 of the raw 32-byte public key, as the roster stores it.
    public var publicKeyBase64: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    public func sign(_ message: Data) throws -> Data {
        try privateKey.signature(for: message)
    }

    // The fixed DER prefix of an Ed25519 PKCS#8 PrivateKeyInfo (RFC 8410), before the 32 key bytes.
    private static let pkcs8Prefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    public var pemRepresentation: String {
        let der = Data(Self.pkcs8Prefix) + privateKey.rawRepresentation
        let body = der.base64EncodedString(options: [.lineLength64Characters])
        return "-----BEGIN PRIVATE KEY-----\n\(body)\n-----END PRIVATE KEY-----\n"
    }

    /// Reads exactly one PEM block and nothing else: text before or after it (a pasted e-mail, a second
    /// key, stray bytes) is refused rather than skipped, so what is used is exactly what was written.
    public init(pemRepresentation pem: String) throws {
        let lines = pem.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        // Blank lines may only surround the block (a file ends with a newline; editors add one more).
        guard let first = lines.firstIndex(where: { !$0.isEmpty }),
              let last = lines.lastIndex(where: { !$0.isEmpty }),
              lines[first] == "-----BEGIN PRIVATE KEY-----", lines[last] == "-----END PRIVATE KEY-----", first < last
        else { throw IdentityError.unreadableKey }
        let body = lines[(first + 1)..<last]
        guard !body.isEmpty, body.allSatisfy({ line in
                  !line.isEmpty && line.unicodeScalars.allSatisfy { Self.base64Scalars.contains($0) }
              }),
              let der = Data(base64Encoded: body.joined()),
              der.count == Self.pkcs8Prefix.count + 32,
              Array(der.prefix(Self.pkcs8Prefix.count)) == Self.pkcs8Prefix
        else { throw IdentityError.unreadableKey }
        try self.init(rawRepresentation: der.suffix(32))
    }

    private static let base64Scalars = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".unicodeScalars)

    /// Reads a key file; the errors say what to do next. Like ssh, a key that the group or others
    /// may read (or write) is refused until its mode is 0600.
    public static func load(from url: URL) throws -> IdentityKey {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw IdentityError.missingKey(path: url.path)
        }
        guard let data = try? Data(contentsOf: url), data.count <= 64 * 1024,
              let text = String(data: data, encoding: .utf8)
        else {
            throw IdentityError.unreadableKeyFile(path: url.path)
        }
        let key: IdentityKey
        do { key = try IdentityKey(pemRepresentation: text) } catch {
            throw IdentityError.unreadableKeyFile(path: url.path)
        }
        var info = stat()
        guard stat(url.path, &info) == 0 else { throw IdentityError.unreadableKeyFile(path: url.path) }
        let mode = Int(info.st_mode) & 0o777
        if mode & 0o077 != 0 {
            throw IdentityError.keyTooOpen(path: url.path, mode: mode)
        }
        return key
    }

    /// Writes the key with mode 0600, atomically; refuses to overwrite an existing key.
    public func save(to url: URL) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: url.path) { throw IdentityError.keyExists(path: url.path) }
        try FileSafety.writeAtomically(Data(pemRepresentation.utf8), to: url, mode: 0o600, directoryMode: 0o700)
    }

    /// Checks an Ed25519 signature made by the holder of `publicKeyBase64`.
    public static func isValid(signature: Data, for message: Data, publicKeyBase64: String) -> Bool {
        guard let raw = Data(base64Encoded: publicKeyBase64),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { return false }
        return key.isValidSignature(signature, for: message)
    }

    public static func isWellFormedPublicKey(_ base64: String) -> Bool {
        guard let raw = Data(base64Encoded: base64), raw.count == 32 else { return false }
        return (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil
    }
}
