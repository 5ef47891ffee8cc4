import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Archive export")
struct ArchiveExportTests {
    func files(in folder: URL) throws -> [String] {
        let walker = try #require(FileManager.default.enumerator(atPath: folder.path))
        return walker.compactMap { $0 as? String }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    func allText(in folder: URL) throws -> String {
        try files(in: folder).map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
    }

    @Test(arguments: Storage.allCases) func anExportChecksOutOnItsOwn(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let out = f.temporaryFolder.appendingPathComponent("request-1")
        let summary = try f.agency.admin.exportRecords(scope: ExportScope(), to: out)
        #expect(summary.path == out.path)
        let report = try ExportChecker(directory: out).check()
        #expect(report.problems == [])
        #expect(report.signaturesChecked == 1)
        #expect(report.revisionsChecked == 3)
        #expect(report.logEntriesChecked == summary.logEntries)
        #expect(report.linksChecked == summary.logEntries - 1)
        let head = try f.agency.admin.database.read { try $0.logHead() }
        #expect(summary.chainHead.seq == head?.seq && summary.chainHead.hash == head?.hash)

        let listing = try files(in: out)
        for expected in ["manifest.json", "index.csv", "log.jsonl", "README.txt", "data/people.json",
                         "data/incidents/incident-\(f.elm.id).json", "data/facts/fact-1.json", "data/rumors/rumor-1.json",
                         "data/releases/release-\(f.elmRelease.id).json", "data/posts/post-1.json", "data/attestations/attestation-1.json",
                         "readable/releases/release-\(f.elmRelease.id)-revision-1.txt", "readable/releases/release-\(f.elmRelease.id)-revision-2.html",
                         "readable/posts/post-1.txt", "readable/posts/post-1.html"] {
            #expect(listing.contains(expected), "\(expected) missing")
        }
        // No working folder is left beside the export.
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.temporaryFolder.path).filter { $0.hasPrefix(".") }.isEmpty)

        // The HTML copy escapes what it must and says it is UTF-8.
        let html = try String(contentsOf: out.appendingPathComponent("readable/posts/post-1.html"), encoding: .utf8)
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("avoid the area &lt;please&gt; &amp; stay safe."))
        #expect(!html.contains("<please>"))
        let text = try String(contentsOf: out.appendingPathComponent("readable/releases/release-\(f.elmRelease.id)-revision-2.txt"), encoding: .utf8)
        #expect(text.contains("The investigation is ongoing."))
        #expect(text.contains("Revision:"))
        #expect(text.contains("--- Rendition for x ---\nOfficers at Elm St. More to follow."))
    }

    @Test(arguments: Storage.allCases) func theIndexIsRFC4180(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        try f.drafter.addRumor(incidentID: f.elm.id, text: "He said \"it's over\", then left", seenAt: "Facebook")
        let out = f.temporaryFolder.appendingPathComponent("csv")
        try f.agency.admin.exportRecords(scope: ExportScope(incidentID: f.elm.id), to: out)
        let bytes = try Data(contentsOf: out.appendingPathComponent("index.csv"))
        // Excel needs the UTF-8 byte-order mark to keep accents.
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.first == "type,id,incident,time,actor,summary,file")
        #expect(lines.contains { $0.hasPrefix("rumor,3,\(f.elm.id),") && $0.contains(",dana,\"He said \"\"it's over\"\", then left\",data/rumors/rumor-3.json") })
        #expect(lines.last == "")
        // Every row names a file that is in the export.
        let listing = Set(try files(in: out))
        for line in lines.dropFirst() where !line.isEmpty {
            let file = try #require(line.split(separator: ",").last.map(String.init))
            #expect(listing.contains(file), "\(file)")
        }
    }

    @Test(arguments: Storage.allCases) func anIncidentExportHoldsNothingOfAnother(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let out = f.temporaryFolder.appendingPathComponent("elm-only")
        try f.agency.admin.exportRecords(scope: ExportScope(incidentID: f.elm.id), to: out)
        let everything = try allText(in: out)
        #expect(everything.contains("Mercy Hospital"))
        for other in ["Quarrystone", "Zephyrine", "mill district", "Mill district", "roster.add", "agency.init"] {
            #expect(!everything.contains(other), "found \(other)")
        }
        #expect(try ExportChecker(directory: out).check().isIntact)
        // And the other way round.
        let mill = f.temporaryFolder.appendingPathComponent("mill-only")
        try f.agency.admin.exportRecords(scope: ExportScope(incidentID: f.mill.id), to: mill)
        let millText = try allText(in: mill)
        #expect(millText.contains("Zephyrine"))
        for other in ["Mercy", "Elm Park", "Willow", "Called the hospital"] {
            #expect(!millText.contains(other), "found \(other)")
        }
    }

    @Test(arguments: Storage.allCases) func aDateRangeExportHoldsOnlyItsDays(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let out = f.temporaryFolder.appendingPathComponent("day2")
        let from = TestAgency.start.addingTimeInterval(ArchiveFixture.day)
        try f.agency.admin.exportRecords(scope: ExportScope(from: from, to: from.addingTimeInterval(3 * ArchiveFixture.day)), to: out)
        let everything = try allText(in: out)
        #expect(everything.contains("Zephyrine"))
        #expect(!everything.contains("Mercy"))
        #expect(try ExportChecker(directory: out).check().isIntact)
    }

    @Test(arguments: Storage.allCases) func checkExportCatchesAChangedByteARemovedFileAndAnAddedFile(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let out = f.temporaryFolder.appendingPathComponent("tampered")
        try f.agency.admin.exportRecords(scope: ExportScope(), to: out)
        let fact = out.appendingPathComponent("data/facts/fact-1.json")
        var bytes = try Data(contentsOf: fact)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: fact)
        try FileManager.default.removeItem(at: out.appendingPathComponent("readable/posts/post-1.html"))
        try Data("extra".utf8).write(to: out.appendingPathComponent("data/notes.txt"))
        let problems = try ExportChecker(directory: out).check().problems
        #expect(problems.contains("data/facts/fact-1.json was changed: its SHA-256 no longer matches the manifest."))
        #expect(problems.contains("readable/posts/post-1.html is listed in the manifest but missing (a file was removed)."))
        #expect(problems.contains("data/notes.txt is not in the manifest (a file was added)."))
        #expect(problems.count == 3)
    }

    @Test(arguments: Storage.allCases) func checkExportCatchesAForgedSignatureAndLogEntryEvenWithARewrittenManifest(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let out = f.temporaryFolder.appendingPathComponent("forged")
        try f.agency.admin.exportRecords(scope: ExportScope(incidentID: f.elm.id), to: out)
        // Someone edits an attestation's note and a log entry, then rewrites the manifest to match.
        let attestationURL = out.appendingPathComponent("data/attestations/attestation-1.json")
        let attestation = try String(contentsOf: attestationURL, encoding: .utf8).replacingOccurrences(of: "Called the hospital", with: "Guessed")
        try attestation.write(to: attestationURL, atomically: true, encoding: .utf8)
        let logURL = out.appendingPathComponent("log.jsonl")
        let log = try String(contentsOf: logURL, encoding: .utf8).replacingOccurrences(of: "Mercy Hospital", with: "County Hospital")
        try log.write(to: logURL, atomically: true, encoding: .utf8)
        let manifestURL = out.appendingPathComponent("manifest.json")
        var manifest = try ExportJSON.decoder.decode(ExportManifest.self, from: Data(contentsOf: manifestURL))
        manifest.files = try manifest.files.map { file in
            let data = try Data(contentsOf: out.appendingPathComponent(file.path))
            return .init(path: file.path, sha256: Hashing.sha256Hex(data), bytes: data.count)
        }
        try ExportJSON.encode(manifest).write(to: manifestURL)
        let problems = try ExportChecker(directory: out).check().problems
        #expect(problems.contains { $0.hasPrefix("Attestation 1 (verified of fact #1 by vera) has a signature that does not match") })
        #expect(problems.contains { $0.hasPrefix("Log entry ") && $0.contains("(fact.add, fact #1) was altered") })
    }

    @Test(arguments: Storage.allCases) func aFailedExportLeavesNothingAndAnExistingFolderIsRefused(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        let taken = f.temporaryFolder.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: taken.appendingPathComponent("mine.txt"))
        #expect(throws: ExportError.destinationExists(path: taken.path)) {
            try f.agency.admin.exportRecords(scope: ExportScope(), to: taken)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: taken.path) == ["mine.txt"])
        // An unknown incident fails after the working folder was made: it is removed.
        let out = f.temporaryFolder.appendingPathComponent("nothing")
        #expect(throws: StoreError.notFound(what: "incident #42")) {
            try f.agency.admin.exportRecords(scope: ExportScope(incidentID: 42), to: out)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.temporaryFolder.path).filter { $0.hasPrefix(".") }.isEmpty)
        // An empty folder is fine.
        let empty = f.temporaryFolder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try f.agency.admin.exportRecords(scope: ExportScope(incidentID: f.elm.id), to: empty)
        #expect(try ExportChecker(directory: empty).check().isIntact)
    }

    @Test(arguments: Storage.allCases) func aZipExportUnpacksToACheckableFolder(storage: Storage) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zip"), FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") else { return }
        let f = try ArchiveFixture(storage: storage)
        let summary = try f.agency.admin.exportRecords(scope: ExportScope(incidentID: f.mill.id), to: f.temporaryFolder.appendingPathComponent("mill"), zip: true)
        #expect(summary.path.hasSuffix("/mill.zip"))
        let unpack = f.temporaryFolder.appendingPathComponent("unpacked")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-q", summary.path, "-d", unpack.path]
        try process.run()
        process.waitUntilExit()
        #expect(try ExportChecker(directory: unpack.appendingPathComponent("mill")).check().isIntact)
    }
}
