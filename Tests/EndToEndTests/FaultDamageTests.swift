import Foundation
@testable import OneVoiceCore
import Testing

/// Databases the CLI must refuse without crashing: one from a newer OneVoice, one cut in half, one with
/// random bytes over its header or over a page in the middle. Each gives one sentence and exit status 1.
@Suite("Faults: damaged databases", .serialized)
struct FaultDamageTests {
    /// An agency with enough in it to span many pages, settled into the database file alone.
    func agency() throws -> (CLIRunner, incident: Int) {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let incident = try #require((try cli.json(["incident", "open", "--title", "Shots fired near Elm Park", "--kind", "general"]) as? [String: Any])?["id"] as? Int)
        // Bulk through Core, so the file has a few hundred pages without hundreds of CLI runs.
        let key = try IdentityKey.load(from: cli.home.appendingPathComponent("config/onevoice/identity.key"))
        let workspace = Workspace(database: try cli.openDatabase(), identity: key)
        for i in 0..<150 {
            try workspace.addFact(incidentID: Int64(incident), text: "Fact \(i): \(String(repeating: "Route 4 is closed at the Zephyrine bridge. ", count: 8))",
                                  source: "EOC", sourceKind: .officialRecord)
        }
        try cli.settleDatabase()
        return (cli, incident)
    }

    /// Every command either works or stops with one sentence; `mustFail` ones stop with exit status 1.
    func expectCleanRefusal(_ cli: CLIRunner, incident: Int, mustFail: [[String]], mayWork: [[String]] = [],
                            mentioning phrase: String? = nil) throws {
        for arguments in mustFail + mayWork {
            let result = try cli.start(arguments).finish()
            let name = arguments.prefix(2).joined(separator: " ")
            #expect(FaultCheck.crashProblem(status: result.status, reason: result.reason, stderr: result.stderr) == nil, "\(name)")
            if mustFail.contains(arguments) || result.status != 0 {
                #expect(result.reason == .exit && result.status == 1, "\(name): status \(result.status), \(result.stderr)")
                #expect(FaultCheck.sentenceProblem(result.stderr) == nil, "\(name): \(FaultCheck.sentenceProblem(result.stderr) ?? "")")
                if let phrase, mustFail.contains(arguments) { #expect(result.stderr.contains(phrase), "\(name): \(result.stderr)") }
            }
        }
    }

    func commands(_ incident: Int) -> (reads: [[String]], write: [String], verify: [String]) {
        (reads: [["incident", "list"], ["fact", "list", "\(incident)"], ["archive", "search", "Zephyrine"],
                 ["snapshot", "--width", "100", "--height", "30"]],
         write: ["fact", "add", "\(incident)", "--text", "One more fact.", "--source", "EOC", "--source-kind", "official-record"],
         verify: ["archive", "verify"])
    }

    @Test func aDatabaseFromANewerVersionIsRefusedAndLeftAlone() throws {
        let (cli, incident) = try agency()
        // user_version is the big-endian 32-bit number at byte 60 of the header.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: cli.databasePath))
        try handle.seek(toOffset: 60)
        try handle.write(contentsOf: [0, 0, 0, 99])
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))
        let c = commands(incident)
        try expectCleanRefusal(cli, incident: incident, mustFail: c.reads + [c.write, c.verify], mentioning: "newer version of OneVoice")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.databasePath)) == before, "a refused database must not change")
    }

    @Test func aDatabaseCutInHalfGivesOneSentence() throws {
        let (cli, incident) = try agency()
        let size = FaultCheck.fileSize(cli.databasePath)
        #expect(size > 200_000)
        try FileHandle(forUpdating: URL(fileURLWithPath: cli.databasePath)).truncate(atOffset: UInt64(size / 2))
        let c = commands(incident)
        try expectCleanRefusal(cli, incident: incident, mustFail: [c.verify, c.write], mayWork: c.reads, mentioning: "damaged")
    }

    @Test func randomBytesOverTheHeaderGiveOneSentence() throws {
        let (cli, incident) = try agency()
        try FaultCheck.scribble(cli.databasePath, offset: 0, count: 100, seed: 7)
        let c = commands(incident)
        try expectCleanRefusal(cli, incident: incident, mustFail: c.reads + [c.write, c.verify], mentioning: cli.databasePath)
    }

    /// Pages (numbered from 1) of every table and index but the search index's.
    static func recordPages(_ path: String) throws -> [Int] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, "SELECT pageno FROM dbstat WHERE name NOT LIKE 'searchIndex%' ORDER BY pageno"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: "\n").compactMap { Int($0) }
    }

    @Test(arguments: [0.3, 0.5, 0.7])
    func randomBytesOverAMiddlePageGiveOneSentence(fraction: Double) throws {
        let (cli, incident) = try agency()
        // A page of the records themselves (the search index is derived and may be rebuilt), found with dbstat.
        let pageSize = 4096
        let recordPages = try Self.recordPages(cli.databasePath)
        try #require(recordPages.count > 20)
        let page = recordPages[Int(Double(recordPages.count) * fraction)]
        try FaultCheck.scribble(cli.databasePath, offset: (page - 1) * pageSize, count: pageSize, seed: UInt64(page))
        let c = commands(incident)
        try expectCleanRefusal(cli, incident: incident, mustFail: [c.verify], mayWork: c.reads + [c.write], mentioning: "damaged")
    }
}
