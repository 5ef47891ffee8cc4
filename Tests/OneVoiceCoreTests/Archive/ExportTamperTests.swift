import Foundation
import Testing
@testable import OneVoiceCore

/// An export edited and re-manifested, even re-signed with the forger's own key, does not check out: its items
/// are checked against the rows the signed log recorded, and its approvals are replayed.
@Suite(.serialized) struct ExportTamperTests {
    static func export(_ fixture: IntegrityFixture) throws -> URL {
        let out = fixture.agency.directory.appendingPathComponent("export-\(UUID().uuidString)")
        try fixture.team.drafter.exportRecords(scope: ExportScope(incidentID: fixture.team.incident.id), to: out)
        return out
    }

    /// Rewrites the manifest to match the files as they now are, and signs it with `key` (as `handle`).
    static func remanifest(_ folder: URL, signedBy key: IdentityKey, as handle: String) throws {
        let url = folder.appendingPathComponent("manifest.json")
        var manifest = try ExportJSON.decoder.decode(ExportManifest.self, from: Data(contentsOf: url))
        var files: [ExportManifest.File] = []
        for file in manifest.files {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(file.path)) else { continue }
            files.append(.init(path: file.path, sha256: Hashing.sha256Hex(data), bytes: data.count))
        }
        manifest.files = files
        manifest.signerHandle = handle
        manifest.signerKey = key.publicKeyBase64
        manifest.signature = try key.sign(manifest.signedPayload).base64EncodedString()
        try ExportJSON.encode(manifest).write(to: url)
    }

    @Test func aFreshExportChecksOutAndMatchesTheSignedLog() throws {
        let fixture = try IntegrityFixture()
        let report = try ExportChecker(directory: try Self.export(fixture)).check()
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.signer == "dana" && report.itemsMatchedToLog > 5)
        #expect(report.foundingKeyFingerprint == KeyFingerprint.of(publicKeyBase64: fixture.agency.adminKey.publicKeyBase64))
    }

    @Test func everyDataFileEditedAndReManifestedFails() throws {
        let fixture = try IntegrityFixture()
        let original = try Self.export(fixture)
        let dataFiles = try FileManager.default.subpathsOfDirectory(atPath: original.path)
            .filter { $0.hasPrefix("data/") && $0.hasSuffix(".json") && !$0.hasSuffix("people.json") }.sorted()
        #expect(dataFiles.count > 8)
        var passed: [String] = []
        for path in dataFiles {
            let copy = fixture.agency.directory.appendingPathComponent("copy-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: original, to: copy)
            let file = copy.appendingPathComponent(path)
            var text = try String(contentsOf: file, encoding: .utf8)
            // Change a value, keeping the file valid JSON of its kind: a time, a text, a number.
            if let range = text.range(of: #"\d{2}:\d{2}:\d{2}\.\d{3}Z"#, options: .regularExpression) {
                text.replaceSubrange(range, with: "23:59:59.999Z")
            } else {
                text = text.replacingOccurrences(of: "Elm", with: "Oak")
            }
            try text.write(to: file, atomically: true, encoding: .utf8)
            // A forger with a key of their own re-signs the manifest.
            try Self.remanifest(copy, signedBy: IdentityKey(), as: "dana")
            if try ExportChecker(directory: copy).check().isIntact { passed.append(path) }
        }
        #expect(passed.isEmpty, "edited and re-manifested, still passed: \(passed)")
    }

    @Test func aRemovedApprovalFailsTheReplayedSignOff() throws {
        let fixture = try IntegrityFixture()
        let copy = try Self.export(fixture)
        let approvals = try FileManager.default.contentsOfDirectory(atPath: copy.appendingPathComponent("data/attestations").path)
            .filter { name in
                let attestation = try? ExportJSON.decoder.decode(Attestation.self, from: Data(contentsOf: copy.appendingPathComponent("data/attestations/\(name)")))
                return attestation?.verdict == "approved"
            }
        #expect(approvals.count == 1)
        for name in approvals { try FileManager.default.removeItem(at: copy.appendingPathComponent("data/attestations/\(name)")) }
        try Self.remanifest(copy, signedBy: fixture.team.drafter.identity!, as: "dana")
        let problems = try ExportChecker(directory: copy).check().problems
        #expect(problems.contains { $0.contains("holds no approval of it") }, "\(problems)")
    }

    @Test func aManifestEditedWithoutItsSignatureFails() throws {
        let fixture = try IntegrityFixture()
        let copy = try Self.export(fixture)
        let url = copy.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"exportedBy\" : \"dana\"", with: "\"exportedBy\" : \"sam\"")
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect(try ExportChecker(directory: copy).check().problems.contains { $0.contains("signature does not match") })
    }
}

extension ExportTamperTests {
    @Test func aReadableCopyEditedAndReSignedByAnotherKeyFails() throws {
        let fixture = try IntegrityFixture()
        let copy = try Self.export(fixture)
        let readable = try #require(try FileManager.default.subpathsOfDirectory(atPath: copy.path).first { $0.hasPrefix("readable/") && $0.hasSuffix(".txt") })
        let url = copy.appendingPathComponent(readable)
        try (try String(contentsOf: url, encoding: .utf8) + "\nAll clear.\n").write(to: url, atomically: true, encoding: .utf8)
        try Self.remanifest(copy, signedBy: fixture.team.spokesperson.identity!, as: "dana")
        let problems = try ExportChecker(directory: copy).check().problems
        #expect(problems.contains { $0.contains("not the one that logged this export") }, "\(problems)")
    }
}
