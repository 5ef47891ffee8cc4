import Foundation
@testable import OneVoiceCore
import Testing
import TestSupport

/// A full disk: a write fails with one clear sentence and exit status 1, and what was saved before stays
/// saved and verifiable. Two ways to fill the disk: a 1 MB tmpfs (needs root and mount), and a file-size
/// limit on the writing process (RLIMIT_FSIZE with SIGXFSZ ignored, so write() fails with EFBIG).
@Suite("Faults: a full disk", .serialized)
struct FaultDiskTests {
    /// A release text near its 65,536-character limit: with its channel texts and search index, a
    /// write far larger than the space left. (Facts are limited to 2,000 characters: too small for this.)
    static let big = String(repeating: "The investigation is ongoing, and more information will follow. ", count: 950)

    /// The big write: a new revision of a release, its text on standard input.
    static func bigWrite(_ incident: Int) -> (arguments: [String], stdin: String) {
        (["release", "edit", "1", "--text-file", "-"], big)
    }


    /// A refused write: exit 1 and one sentence saying the disk is full.
    func expectRefusedCleanly(_ result: (status: Int32, reason: Process.TerminationReason, stdout: String, stderr: String)) {
        #expect(result.reason == .exit && result.status == 1, "status \(result.status): \(result.stderr)")
        #expect(FaultCheck.sentenceProblem(result.stderr) == nil, "\(FaultCheck.sentenceProblem(result.stderr) ?? "")")
        #expect(result.stderr.contains("is full"), "\(result.stderr)")
    }

    /// After the refusal: the log verifies, the earlier fact is there and the refused one is not.
    func expectIntact(cli: CLIRunner, environment: [String: String], incident: Int, earlier: String) throws {
        let verify = try cli.run(["archive", "verify"], environment: environment)
        #expect(verify.status == 0, "\(verify.stderr)")
        let facts = try cli.json(["fact", "list", "\(incident)"], environment: environment) as? [[String: Any]]
        #expect(facts?.map { $0["text"] as? String } == [earlier], "the earlier fact must be there, and only it")
    }

    @Test(.enabled(if: SmallDisk.canMount, "needs root and a tmpfs mount"))
    func aFullTmpfsRefusesTheWriteAndKeepsTheData() throws {
        let cli = try CLIRunner()
        let mountPoint = cli.home.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        #expect(SmallDisk.mount(size: "1m", at: mountPoint))
        defer { SmallDisk.unmount(mountPoint) }
        let environment = ["ONEVOICE_DB": mountPoint.appendingPathComponent("onevoice.sqlite").path]

        let initResult = try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"], environment: environment)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let incident = try #require((try cli.json(["incident", "open", "--title", "Elm Park", "--kind", "general"], environment: environment) as? [String: Any])?["id"] as? Int)
        let earlier = "Two people were taken to Mercy Hospital."
        _ = try cli.json(["fact", "add", "\(incident)", "--text", earlier, "--source", "Lt. Ortiz", "--source-kind", "incident-commander"], environment: environment)
        _ = try cli.json(["release", "draft", "\(incident)"], environment: environment)

        // Fill the disk, leaving a few pages free, then ask for a write that needs more.
        let filler = mountPoint.appendingPathComponent("filler")
        var stats = statvfs()
        statvfs(mountPoint.path, &stats)
        let free = Int(stats.f_bavail) * Int(stats.f_frsize)
        try Data(count: max(0, free - 12 * 1024)).write(to: filler)
        let result = try cli.start(Self.bigWrite(incident).arguments, stdin: Self.bigWrite(incident).stdin, environment: environment).finish()
        expectRefusedCleanly(result)
        // While the disk stays full even a reader may not open (SQLite must grow the -shm index beside the
        // database); if so it says the same sentence.
        let reader = try cli.start(["fact", "list", "\(incident)"], environment: environment).finish()
        if reader.status != 0 { expectRefusedCleanly(reader) }

        // With space again, the earlier data is there, the refused write is not, writing works, the log verifies.
        try FileManager.default.removeItem(at: filler)
        try expectIntact(cli: cli, environment: environment, incident: incident, earlier: earlier)
        _ = try cli.json(["fact", "add", "\(incident)", "--text", "Route 4 is closed.", "--source", "EOC", "--source-kind", "official-record"], environment: environment)
        #expect(try cli.run(["archive", "verify"], environment: environment).status == 0)
    }

    @Test func aFileSizeLimitRefusesTheWriteAndKeepsTheData() throws {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let incident = try #require((try cli.json(["incident", "open", "--title", "Elm Park", "--kind", "general"]) as? [String: Any])?["id"] as? Int)
        let earlier = "Two people were taken to Mercy Hospital."
        _ = try cli.json(["fact", "add", "\(incident)", "--text", earlier, "--source", "Lt. Ortiz", "--source-kind", "incident-commander"])
        _ = try cli.json(["release", "draft", "\(incident)"])

        // No file of the writer may grow past 64 KB; SIGXFSZ is ignored, so the write fails with EFBIG.
        let limit = ["/bin/bash", "-c", "trap '' XFSZ; ulimit -f 64; exec \"$@\"", "limited"]
        let result = try cli.start(Self.bigWrite(incident).arguments, stdin: Self.bigWrite(incident).stdin, wrapper: limit).finish()
        expectRefusedCleanly(result)
        try expectIntact(cli: cli, environment: [:], incident: incident, earlier: earlier)

        _ = try cli.json(["fact", "add", "\(incident)", "--text", "Route 4 is closed.", "--source", "EOC", "--source-kind", "official-record"])
        #expect(try cli.run(["archive", "verify"]).status == 0)
        #expect(try cli.openDatabase().integrityProblems().isEmpty)
    }
}
