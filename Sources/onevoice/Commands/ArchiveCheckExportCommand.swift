import ArgumentParser
import Foundation
import OneVoiceCore

struct ArchiveCheckExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-export",
        abstract: "Check a records export on its own, without the database.",
        discussion: """
            Checks the exporter's signature over manifest.json, every file against it (changed, removed or added \
            files), every attestation's and every log entry's Ed25519 signature, every release revision's content \
            hash, the links of the records-log segment, every item against the rows the signed log recorded for it, \
            and that every release that went out carries its incident's spokesperson's approval. Prints the \
            manifest's SHA-256: compare it with the one the exporter gave you, or pass it with --expect. Exits 0 \
            when everything holds, 1 listing what does not.
            """
    )

    @Argument(help: ArgumentHelp("The export folder (or its .zip).", valueName: "dir"))
    var directory: String

    @Option(help: ArgumentHelp("The SHA-256 of manifest.json the exporter gave you; anything else fails.", valueName: "sha256"))
    var expect: String?

    @Flag(help: "Print one JSON value instead of text.")
    var json = false

    func run() throws {
        var folder = URL(fileURLWithPath: directory)
        var unpacked: URL?
        defer { if let unpacked { try? FileManager.default.removeItem(at: unpacked) } }
        if folder.pathExtension.lowercased() == "zip" {
            let (root, work) = try Self.unzip(folder)
            folder = root
            unpacked = work
        }
        var report = try ExportChecker(directory: folder).check()
        if let expect, expect.lowercased() != report.manifestSHA256 {
            report.problems.insert("manifest.json's SHA-256 is \(report.manifestSHA256), not the \(expect) you expected: this is not the export you were given.", at: 0)
        }
        if !json {
            print("manifest.json SHA-256: \(report.manifestSHA256)")
            if let signer = report.signer, let key = report.signerKeyFingerprint { print("Signed by \(signer), key \(key).") }
            if let founder = report.foundingKeyFingerprint { print("Founding key of the agency: \(founder).") }
        }
        if json {
            Output.json(report)
        } else if report.isIntact {
            print("The export holds: \(report.filesChecked) files match the manifest, \(report.signaturesChecked) signatures, \(report.revisionsChecked) revisions and \(report.logEntriesChecked) log entries (\(report.linksChecked) links) check out; \(report.itemsMatchedToLog) items match what the signed log recorded.")
        }
        if !report.isIntact {
            if !json {
                Output.error("The export does not match (\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")):")
                for problem in report.problems { Output.error("- " + problem) }
            }
            throw ExitCode(1)
        }
    }

    /// Unpacks a zipped export into a temporary folder; returns the export's folder inside it.
    static func unzip(_ archive: URL) throws -> (URL, URL) {
        let tool = "/usr/bin/unzip"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            throw ValidationError("Checking a .zip needs the unzip program at \(tool); unpack it yourself and check the folder.")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-q", archive.path, "-d", work.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: work)
            throw ValidationError("\(archive.path) is not a readable zip file.")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []
        let root = entries.count == 1 ? work.appendingPathComponent(entries[0]) : work
        return (root, work)
    }
}
