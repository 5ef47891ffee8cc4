import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Archive retention")
struct ArchiveRetentionTests {
    static let year: TimeInterval = 365.25 * 86_400

    @Test(arguments: Storage.allCases) func nothingOfAnOpenIncidentIsEverDue(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        f.agency.clock.advance(by: 20 * Self.year)
        #expect(try f.agency.admin.retentionDue().isEmpty)
    }

    @Test(arguments: Storage.allCases) func listsWhatHasPassedItsPeriodAfterTheIncidentClosed(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        _ = try f.drafter.closeIncident(id: f.elm.id)
        let closedAt = f.agency.clock.now()
        f.agency.clock.advance(by: 3 * Self.year + 86_400)
        // Posts and rumors: 3 years.
        let threeYears = try f.agency.admin.retentionDue()
        #expect(threeYears.map(\.kind) == [.post, .rumor])
        #expect(threeYears.allSatisfy { $0.incidentID == f.elm.id && $0.retainedSince == closedAt && $0.period == "3y" })
        f.agency.clock.advance(by: 2 * Self.year)
        // Releases and facts: 5 years. The mill (still open) never appears.
        let fiveYears = try f.agency.admin.retentionDue()
        #expect(Set(fiveYears.map(\.kind)) == [.post, .rumor, .release, .fact])
        #expect(fiveYears.allSatisfy { $0.incidentID == f.elm.id })
        // A schedule from the config file.
        let policy = try RetentionPolicy.parse("[retention]\npost = \"permanent\"\nfact = 10\nrelease = \"48m\"\n", path: "config.toml")
        #expect(Set(try f.agency.admin.retentionDue(policy: policy).map(\.kind)) == [.rumor, .release])
    }

    @Test func theConfigFileIsCheckedWithLineNumbers() throws {
        let good = try RetentionPolicy.parse("""
            [display]
            theme = "dark"

            [retention]
            release = "7y"
            posts = 2
            named-person = "90d"
            """, path: "/c/config.toml")
        #expect(good.period(for: .release) == .years(7))
        #expect(good.period(for: .post) == .years(2))
        #expect(good.period(for: .namedPerson) == .days(90))
        #expect(good.period(for: .fact) == .years(5))
        #expect(good.period(for: .log) == .permanent)
        #expect(try RetentionPolicy.parse("[display]\ntheme = 1\n", path: "x") == RetentionPolicy())

        #expect(throws: RetentionError.invalid(path: "/c/config.toml", line: 3, detail: "the period for post must be a number of years, or text such as \"5y\", \"36m\", \"90d\" or \"permanent\"")) {
            try RetentionPolicy.parse("[retention]\nrelease = 5\npost = \"soon\"\n", path: "/c/config.toml")
        }
        #expect(throws: RetentionError.invalid(path: "/c/config.toml", line: 2, detail: "log records are kept permanently and cannot be given a period")) {
            try RetentionPolicy.parse("[retention]\nlog = \"1y\"\n", path: "/c/config.toml")
        }
        do {
            _ = try RetentionPolicy.parse("[retention]\nrelease = 5\nfact = = 3\n", path: "/c/config.toml")
            Issue.record("a broken file was accepted")
        } catch let error as RetentionError {
            guard case .syntax(let path, let line, _) = error else { Issue.record("\(error)"); return }
            #expect(path == "/c/config.toml")
            #expect(line == 3)
            #expect(error.description.hasPrefix("The config file /c/config.toml is not valid TOML at line 3"))
        }
        do {
            _ = try RetentionPolicy.parse("[retention]\nwidgets = 5\n", path: "c.toml")
            Issue.record("an unknown kind was accepted")
        } catch let error as RetentionError {
            #expect(error.description.hasPrefix("The config file c.toml, line 2: \"widgets\" is not a kind of record"))
        }
    }

    @Test(arguments: Storage.allCases) func disposalIsAnAdminsSignedTombstoneThatKeepsTheLog(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        #expect(throws: IdentityError.self) { try f.drafter.dispose(kind: .fact, id: 1, reason: "Schedule GS-1 item 4") }
        // Not yet due.
        #expect(throws: IdentityError.refused("Fact #1 has not passed its retention period (5y) or its incident is still open; it cannot be disposed of yet.")) {
            try f.agency.admin.dispose(kind: .fact, id: 1, reason: "Schedule GS-1 item 4")
        }
        #expect(throws: IdentityError.self) { try f.agency.admin.dispose(kind: .log, id: 1, reason: "tidy up") }
        _ = try f.drafter.closeIncident(id: f.elm.id)
        f.agency.clock.advance(by: 6 * Self.year)
        let entriesBefore = try f.agency.logCount()
        let disposal = try f.agency.admin.dispose(kind: .fact, id: 1, reason: "Schedule GS-1 item 4")
        #expect(disposal.subjectType == "fact" && disposal.incidentID == f.elm.id && disposal.reason == "Schedule GS-1 item 4")
        #expect(try f.agency.logCount() == entriesBefore + 2) // the attestation and the disposal
        #expect(throws: StoreError.invalid("Fact #1 was already disposed of; nothing was changed.")) {
            try f.agency.admin.dispose(kind: .fact, id: 1, reason: "again")
        }
        // The fact is still stored, its log entries stay, and the chain holds.
        #expect(try f.agency.admin.facts(incidentID: f.elm.id).count == 1)
        #expect(try ChainVerifier(database: f.agency.admin.database).verify().isIntact)
        // It leaves search (its log entries do not) and the due list.
        #expect(try f.agency.admin.search(query: "Mercy").map(\.type).allSatisfy { $0 == .log })
        #expect(try f.agency.admin.retentionDue().contains { $0.kind == .fact && $0.id == 1 } == false)
        #expect(try f.agency.admin.search(query: "archive.dispose").count == 1)
        // An export carries the tombstone and the admin's signature, not the fact.
        let out = f.temporaryFolder.appendingPathComponent("after-disposal")
        try f.agency.admin.exportRecords(scope: ExportScope(incidentID: f.elm.id), to: out)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("data/facts/fact-1.json").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("data/disposals/disposal-\(disposal.id).json").path))
        let report = try ExportChecker(directory: out).check()
        #expect(report.isIntact)
        #expect(report.signaturesChecked == 2)
    }

    @Test(arguments: Storage.allCases) func disposingOfAReleaseTakesEveryRevisionOutOfSearch(storage: Storage) throws {
        let f = try ArchiveFixture(storage: storage)
        _ = try f.drafter.closeIncident(id: f.elm.id)
        f.agency.clock.advance(by: 6 * Self.year)
        #expect(try f.agency.admin.search(query: "\"1200 block\"").contains { $0.type == .revision })
        try f.agency.admin.dispose(kind: .release, id: f.elmRelease.id, reason: "Schedule item 2")
        #expect(try f.agency.admin.search(query: "\"1200 block\"").allSatisfy { $0.type != .revision })
        // The index without them is what verify expects: a disposed release's revisions are not "missing".
        #expect(try ChainVerifier(database: f.agency.admin.database).verify().isIntact)
        guard storage == .server else { return }
        // Another machine takes the disposal in from the server: gone from its search too, and its record holds.
        let other = try f.agency.reopened(on: "other")
        #expect(try other.read { session in
            try session.search(expression: try SearchQuery("\"1200 block\"").expression, incidentID: nil, fromMilliseconds: nil,
                               toMilliseconds: nil, limit: 50)
        }.allSatisfy { $0.type != .revision })
        let report = try ChainVerifier(database: other).verify()
        #expect(report.isIntact, "\(report.problems.prefix(3).map(\.message))")
    }
}
