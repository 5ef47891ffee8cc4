import Crypto
import Foundation
import Testing
@testable import OneVoiceCore

/// The log walk compares a digest with stored hex without making a String: it must accept exactly
/// what `Hashing.hex` writes, at every length around SHA-256's block edges, and never a wrong hex.
@Suite("Hashing")
struct HashingTests {
    @Test func theWalksHexCheckAcceptsExactlyTheHexOfTheDigest() {
        var generator = SeededGenerator(seed: 7)
        for length in Array(0...130) + [447, 448, 449, 512, 1_000, 4_096, 65_537] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let hex = Hashing.hex(SHA256.hash(data: bytes))
            bytes.withUnsafeBytes { input in
                #expect(Array(hex.utf8).withUnsafeBytes { Hashing.sha256(input, matchesHex: $0) }, "length \(length)")
                var wrong = Array(hex.utf8)
                let position = Int.random(in: 0..<64, using: &generator)
                wrong[position] = wrong[position] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
                #expect(!wrong.withUnsafeBytes { Hashing.sha256(input, matchesHex: $0) }, "length \(length)")
                #expect(!Array(hex.uppercased().utf8).withUnsafeBytes { Hashing.sha256(input, matchesHex: $0) } || hex.uppercased() == hex)
                #expect(!Array(hex.utf8.dropLast()).withUnsafeBytes { Hashing.sha256(input, matchesHex: $0) })
            }
        }
    }
}
