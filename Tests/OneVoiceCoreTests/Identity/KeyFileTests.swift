import Foundation
import Testing
@testable import OneVoiceCore

/// Key files are used only when they hold exactly one private key and nobody else may read them.
@Suite struct KeyFileTests {
    private func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ov-keyfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    private func write(_ text: String, mode: Int, in dir: URL) throws -> URL {
        let url = dir.appendingPathComponent("k-\(UUID().uuidString).key")
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        return url
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o602, 0o620, 0o777, 0o606])
    func aKeyOthersMayReadOrWriteIsRefusedWithTheChmodHint(mode: Int) throws {
        let dir = try folder()
        let url = try write(IdentityKey().pemRepresentation, mode: mode, in: dir)
        #expect(throws: IdentityError.keyTooOpen(path: url.path, mode: mode)) { try IdentityKey.load(from: url) }
        #expect(IdentityError.keyTooOpen(path: url.path, mode: mode).description.contains("chmod 600 \(url.path)"))
    }

    @Test(arguments: [0o600, 0o400])
    func aPrivateKeyLoads(mode: Int) throws {
        let key = IdentityKey()
        let url = try write(key.pemRepresentation, mode: mode, in: try folder())
        #expect(try IdentityKey.load(from: url).publicKeyBase64 == key.publicKeyBase64)
    }

    @Test func junkAroundOrInsideTheBlockIsRefused() throws {
        let pem = IdentityKey().pemRepresentation
        let lines = pem.split(separator: "\n").map(String.init)
        let variants = [
            "Subject: my key\n" + pem,
            pem + "trailing words\n",
            pem + pem,
            pem + "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
            "\u{0}" + pem,
            pem + "\u{0}",
            [lines[0], "junk", lines[1], lines[2]].joined(separator: "\n"),
            [lines[0], lines[1] + "!", lines[2]].joined(separator: "\n"),
            [lines[0], lines[2]].joined(separator: "\n"),
            lines[1],
            "",
        ]
        let dir = try folder()
        for text in variants {
            #expect(throws: IdentityError.unreadableKey) { try IdentityKey(pemRepresentation: text) }
            let url = try write(text, mode: 0o600, in: dir)
            #expect(throws: IdentityError.unreadableKeyFile(path: url.path)) { try IdentityKey.load(from: url) }
        }
    }

    @Test func whitespaceAroundTheBlockAndCRLFAreFine() throws {
        let key = IdentityKey()
        let crlf = key.pemRepresentation.replacingOccurrences(of: "\n", with: "\r\n")
        for text in ["\n" + key.pemRepresentation + "\n\n", crlf, "  " + key.pemRepresentation] {
            #expect(try IdentityKey(pemRepresentation: text).publicKeyBase64 == key.publicKeyBase64)
        }
    }
}
