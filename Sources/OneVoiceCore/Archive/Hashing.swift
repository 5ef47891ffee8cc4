import Crypto
import Foundation

/// SHA-256 helpers: every hash in OneVoice is lower-case hex of SHA-256.
public enum Hashing {
    public static let zeroHash = String(repeating: "0", count: 64)

    public static func sha256Hex(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    /// Whether the SHA-256 of `bytes` is the lower-case hex in `hex`, without making any String.
    public static func sha256(_ bytes: UnsafeRawBufferPointer, matchesHex hex: UnsafeRawBufferPointer) -> Bool {
        guard hex.count == 64 else { return false }
        // Per log entry in `archive verify`: digits are worked out, not looked up in a global array,
        // whose lazy initialisation check cost more than the comparison.
        @inline(__always) func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
        return SHA256.hash(data: bytes).withUnsafeBytes { digest in
            for i in 0..<32 {
                let byte = digest[i]
                if hex[2 * i] != digit(byte >> 4) || hex[2 * i + 1] != digit(byte & 0x0F) { return false }
            }
            return true
        }
    }

    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
