import Foundation

/// A chain head written outside the database: on every delivery (outbox JSON, a CAP parameter, the Atom entry,
/// an e-mail header), in every export, and in the user's state folder. Whoever holds one can later show that
/// the log still contains that entry with that hash: a log cut back, or rewritten, past it no longer does.
public struct ChainAnchor: Codable, Sendable, Hashable {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// The one text form every output carries, so `archive verify` finds it in any of them.
    public var token: String { "onevoice-chain:\(seq):\(hash)" }

    /// Every anchor token in `text`.
    public static func scan(_ text: String) -> [ChainAnchor] {
        var found: [ChainAnchor] = []
        var rest = text[...]
        while let range = rest.range(of: "onevoice-chain:") {
            rest = rest[range.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            let afterDigits = rest[digits.endIndex...]
            guard !digits.isEmpty, digits.count <= 18, afterDigits.first == ":", let seq = Int64(digits) else { continue }
            let hash = afterDigits.dropFirst().prefix(64)
            guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { continue }
            found.append(ChainAnchor(seq: seq, hash: String(hash)))
        }
        return found
    }
}

/// The fingerprint people compare by eye: SHA-256 of the raw public key, in groups of four hex digits.
public enum KeyFingerprint {
    public static func of(publicKeyBase64 key: String) -> String {
        let raw = Data(base64Encoded: key) ?? Data(key.utf8)
        let hex = Hashing.sha256Hex(raw)
        return stride(from: 0, to: hex.count, by: 4).map { offset -> String in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return String(hex[start..<hex.index(start, offsetBy: 4)])
        }.joined(separator: " ")
    }
}
