import Foundation
import Testing
@testable import OneVoiceCore

/// The plan an export shows before it is written is what it then writes.
@Suite("Archive export plan")
struct ExportPlanTests {
    func files(in folder: URL) throws -> Set<String> {
        let walker = try #require(FileManager.default.enumerator(atPath: folder.path))
        return Set(walker.compactMap { $0 as? String }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        })
    }

    func manifest(_ folder: URL) throws -> ExportManifest {
        try ExportJSON.decoder.decode(ExportManifest.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
    }

    @Test func thePlanIsWhatTheExportWrites() throws {
        let f = try ArchiveFixture()
        let ws = f.agency.admin
        let day2 = TestAgency.start.addingTimeInterval(ArchiveFixture.day)
        let scopes = [ExportScope(), ExportScope(incidentID: f.elm.id), ExportScope(incidentID: f.mill.id),
                      ExportScope(from: day2, to: day2.addingTimeInterval(3 * ArchiveFixture.day)),
                      ExportScope(incidentID: f.elm.id, from: day2)]
        for (n, scope) in scopes.enumerated() {
            let plan = try ws.planExport(scope: scope)
            let out = f.temporaryFolder.appendingPathComponent("plan-\(n)")
            let summary = try ws.exportRecords(scope: scope, to: out)
            #expect(try files(in: out) == Set(plan.files), "\(scope.summary): the files differ from the plan")
            #expect(plan.files.count == Set(plan.files).count, "a file is planned twice")
            #expect(plan.files.last == "manifest.json")
            #expect(summary.files == plan.files.count)
            #expect(summary.counts == plan.counts, "\(scope.summary)")
            #expect(try manifest(out).counts == plan.counts)
            #expect(summary.logEntries == plan.counts["logEntries"])
            // The groups shown add up to the files.
            #expect(plan.fileGroups.map(\.files).reduce(0, +) == plan.files.count)
            #expect(Set(plan.fileGroups.map(\.location)).count == plan.fileGroups.count)
        }
    }

    /// The dashboard's preview counts a few columns instead of reading the records: it must show what the plan holds,
    /// for every kind of scope, with a disposal among the records, with and without an exporter of record.
    @Test func theOutlineCountsWhatThePlanHolds() throws {
        let f = try ArchiveFixture()
        _ = try f.drafter.closeIncident(id: f.elm.id)
        f.agency.clock.advance(by: 6 * 365 * ArchiveFixture.day)
        _ = try f.agency.admin.dispose(kind: .fact, id: 1, reason: "Schedule GS-1 item 4")
        let day2 = TestAgency.start.addingTimeInterval(ArchiveFixture.day)
        let scopes = [ExportScope(), ExportScope(incidentID: f.elm.id), ExportScope(incidentID: f.mill.id),
                      ExportScope(from: day2, to: day2.addingTimeInterval(3 * ArchiveFixture.day)),
                      ExportScope(incidentID: f.elm.id, from: day2), ExportScope(to: TestAgency.start),
                      ExportScope(from: TestAgency.start.addingTimeInterval(3 * 365 * ArchiveFixture.day))]
        let keyless = Workspace(database: f.agency.admin.database, clock: f.agency.clock, identity: nil)
        for workspace in [f.agency.admin, f.drafter, keyless] {
            for scope in scopes {
                let plan = try workspace.planExport(scope: scope)
                let outline = try workspace.outlineExport(scope: scope)
                #expect(outline.counts == plan.counts, "\(scope.summary)")
                #expect(outline.fileGroups == plan.fileGroups, "\(scope.summary)")
                #expect(outline.fileCount == plan.files.count, "\(scope.summary)")
                #expect(outline.namedCounts.map { $0.noun } == plan.namedCounts.map { $0.noun })
            }
        }
        #expect(throws: StoreError.notFound(what: "incident #99")) { try keyless.outlineExport(scope: ExportScope(incidentID: 99)) }
        #expect(throws: SearchError.badRange) {
            try keyless.outlineExport(scope: ExportScope(from: TestAgency.start, to: TestAgency.start.addingTimeInterval(-1)))
        }
    }

    @Test func theCountsAreTheRecordsOfTheScope() throws {
        let f = try ArchiveFixture()
        let plan = try f.agency.admin.planExport(scope: ExportScope(incidentID: f.elm.id))
        #expect(plan.counts["incidents"] == 1)
        #expect(plan.counts["facts"] == 1)
        #expect(plan.counts["rumors"] == 1)
        #expect(plan.counts["releases"] == 1)
        #expect(plan.counts["revisions"] == 2)
        #expect(plan.counts["posts"] == 1)
        #expect(plan.counts["attestations"] == 1)
        let logEntries = try f.agency.admin.database.read { try $0.logCount(incidentID: f.elm.id) }
        // The export's own disclosure entry, which it logs before writing, is part of what it holds.
        #expect(plan.counts["logEntries"] == logEntries + 1)
        #expect(plan.fileGroups.first { $0.location == "readable/releases/" }?.files == 4)
        #expect(plan.fileGroups.first { $0.location == "log.jsonl" }?.files == 1)
    }

    @Test func oneIncidentsPlanHoldsNothingOfAnother() throws {
        let f = try ArchiveFixture()
        let ws = f.agency.admin
        let elm = try ws.planExport(scope: ExportScope(incidentID: f.elm.id))
        let mill = try ws.planExport(scope: ExportScope(incidentID: f.mill.id))
        #expect(Set(elm.files).isDisjoint(with: Set(mill.files).subtracting(
            ["log.jsonl", "data/people.json", "index.csv", "README.txt", "manifest.json"])))
        #expect(elm.files.contains("data/incidents/incident-\(f.elm.id).json"))
        #expect(!elm.files.contains("data/incidents/incident-\(f.mill.id).json"))
        #expect(!elm.files.contains("data/releases/release-\(f.millRelease.id).json"))
        #expect(!mill.files.contains("data/releases/release-\(f.elmRelease.id).json"))
        // What the plan's files are named for belongs to the incident: the facts of the mill are not in elm's plan.
        let millFacts = try ws.database.read { try $0.facts(incidentID: f.mill.id) }.map { "data/facts/fact-\($0.id).json" }
        #expect(!millFacts.isEmpty)
        #expect(Set(elm.files).isDisjoint(with: millFacts))
    }

    @Test func planningWritesNothingAndChangesNothing() throws {
        let f = try ArchiveFixture()
        let ws = f.agency.admin
        let before = try FileManager.default.contentsOfDirectory(atPath: f.temporaryFolder.path).sorted()
        let head = try ws.database.read { try $0.logHead() }
        _ = try ws.planExport(scope: ExportScope())
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.temporaryFolder.path).sorted() == before)
        #expect(try ws.database.read { try $0.logHead() }?.seq == head?.seq)
        // Anyone who can read the database may plan an export: no key needed. Making one is a disclosure on
        // the record, signed by the exporter, so the keyless plan holds one log entry less, and the export is refused.
        let keyless = Workspace(database: ws.database, identity: nil)
        var expected = try ws.planExport(scope: ExportScope()).counts
        expected["logEntries"]! -= 1
        #expect(try keyless.planExport(scope: ExportScope()).counts == expected)
        #expect(throws: IdentityError.self) {
            try keyless.exportRecords(scope: ExportScope(), to: f.temporaryFolder.appendingPathComponent("keyless-export"))
        }
    }

    @Test func aBadScopeIsRefusedInOneSentence() throws {
        let f = try ArchiveFixture()
        let ws = f.agency.admin
        #expect(throws: StoreError.notFound(what: "incident #99")) { try ws.planExport(scope: ExportScope(incidentID: 99)) }
        #expect(throws: SearchError.badRange) {
            try ws.planExport(scope: ExportScope(from: TestAgency.start, to: TestAgency.start.addingTimeInterval(-1)))
        }
    }
}

@Suite("Archive export folder")
struct ExportFolderTests {
    /// /proc takes no new folders, for root too: the reason comes from mkdir(2) and names the folder chosen.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self"), "needs /proc"))
    func aFolderThatCannotBeWrittenIsNamedWithTheReason() throws {
        let f = try ArchiveFixture()
        do {
            try f.agency.admin.exportRecords(scope: ExportScope(), to: URL(fileURLWithPath: "/proc/onevoice-export"))
            Issue.record("an export into /proc was written")
        } catch {
            #expect("\(error)" == "Could not write /proc: no such file or directory; nothing was changed.")
        }
    }
}
