import Foundation
import Testing
import TestSupport
@testable import OneVoiceCore

/// One record on a shared PostgreSQL server, used from several machines at once (a joint information center):
/// each machine's changes are appended in turn to one signed chain, every machine sees the others' changes, and
/// the record proves itself on every machine as it does in a file.
@Suite("Shared server (PostgreSQL)")
struct SharedServerTests {
    /// Another machine: its own working copy of the server's log, acting with `key`.
    func machine(_ name: String, of agency: TestAgency, as key: IdentityKey?) throws -> Workspace {
        Workspace(database: try agency.reopened(on: name), clock: agency.clock, identity: key, anchors: agency.admin.anchors)
    }

    func verifies(_ database: AppDatabase) throws -> Bool {
        let report = try ChainVerifier(database: database).verify()
        for problem in report.problems.prefix(5) { Issue.record("verify: \(problem.message)") }
        return report.isIntact
    }

    @Test func twoMachinesShareOneRecordAndBothProveIt() throws {
        let agency = try TestAgency(storage: .server)
        let dana = try agency.enrol("dana", [.drafter, .verifier])
        let vic = try agency.enrol("vic", [.verifier])
        let incident = try dana.openIncident(title: "Crash on Route 9", kind: .massCasualty, location: "Route 9 at Elm")

        // Machine B opens the record: it holds everything A did.
        let vicOnB = try machine("b", of: agency, as: vic.identity)
        #expect(try vicOnB.incident(id: incident.id).title == "Crash on Route 9")
        // B's change is on A's next look.
        let fact = try vicOnB.addFact(incidentID: incident.id, text: "Two vehicles were involved.", source: "Incident commander",
                                      sourceKind: .incidentCommander)
        #expect(try dana.database.read { try $0.fact(id: fact.id) }?.text == "Two vehicles were involved.")
        // A verifies B's fact (two people: the rule holds across machines).
        _ = try agency.admin.acting(as: dana.identity).setFactStatus(factID: fact.id, to: .verified)
        let headA = try agency.admin.database.read { try $0.logHead() }
        let headB = try vicOnB.database.read { try $0.logHead() }
        #expect(headA != nil && headA?.seq == headB?.seq && headA?.hash == headB?.hash, "A \(String(describing: headA)) B \(String(describing: headB)) problem \(String(describing: vicOnB.database.serverProblem))")
        #expect(try verifies(agency.admin.database))
        #expect(try verifies(vicOnB.database))
    }

    /// What the dashboard polls on each tick (four a second): another machine's change moves it, and is then in the copy.
    @Test func anotherMachinesChangeMovesTheChangeStampAtOnce() throws {
        let agency = try TestAgency(storage: .server)
        let other = try machine("b", of: agency, as: agency.adminKey)
        let before = try agency.admin.database.changeStamp()
        #expect(try agency.admin.database.changeStamp() == before, "nothing changed, nothing moves")
        _ = try other.openIncident(title: "Gas leak on Pine Street", kind: .evacuation, location: "Pine Street")
        #expect(try agency.admin.database.changeStamp() != before)
        #expect(try agency.admin.incidents().map(\.title) == ["Gas leak on Pine Street"])
    }

    /// A dashboard listens (LISTEN/NOTIFY): it looks at the server only when something was appended, and another
    /// machine's change reaches it within a second.
    @Test func aListeningMachineHearsOfAnotherMachinesChangeWithinASecond() throws {
        let agency = try TestAgency(storage: .server)
        let dashboard = try agency.reopened(on: "dashboard")
        dashboard.listenForChanges()
        let other = try machine("b", of: agency, as: agency.adminKey)
        // Until the LISTEN holds, every look asks the server; wait for it to hold.
        let deadline = Date().addingTimeInterval(10)
        while dashboard.shared?.listenState.withLock({ $0.listening }) != true, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(dashboard.shared?.listenState.withLock({ $0.listening }) == true)
        let before = try dashboard.changeStamp()
        let start = Date()
        _ = try other.openIncident(title: "Shelter open at Lincoln High", kind: .evacuation, location: "Lincoln High School")
        var heard = false
        while Date().timeIntervalSince(start) < 1 {
            if try dashboard.changeStamp() != before { heard = true; break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(heard, "the change reached the listening machine within a second")
        #expect(try dashboard.read { try $0.incidents(limit: 10) }.map(\.title) == ["Shelter open at Lincoln High"])
    }

    /// A file is the record and survives a power cut (each commit synced); a working copy is not the record (the
    /// server is), so its commits skip the sync, and what a power cut loses it takes in again from the server.
    @Test(arguments: Storage.allCases) func onlyTheRecordItselfSyncsEachCommit(storage: Storage) throws {
        let agency = try TestAgency(storage: storage)
        let level = try agency.admin.database.read { try Int.fetchOne($0.db, sql: "PRAGMA synchronous") }
        #expect(level == (storage == .file ? 2 : 1), "FULL is 2, NORMAL is 1")
    }

    /// Outboxes and feeds go beside this machine's copy, never into a folder named after the server's address.
    @Test func whatIsWrittenBesideTheDatabaseGoesBesideTheCopy() throws {
        let agency = try TestAgency(storage: .server)
        #expect(agency.admin.database.folder == agency.url.deletingLastPathComponent())
        #expect(!agency.admin.database.folder.path.contains("postgres:"))
    }

    @Test func changesFromManyMachinesAtOnceFormOneChainWithNothingLost() throws {
        let agency = try TestAgency(storage: .server)
        let dana = try agency.enrol("dana", [.drafter])
        let machines = try (0..<4).map { try machine("m\($0)", of: agency, as: dana.identity) }
        let runs = machines.enumerated().map { index, workspace in
            SchedulerBackgroundRun {
                for n in 0..<6 {
                    _ = try workspace.openIncident(title: "Incident \(index)-\(n)", kind: .general, location: "")
                }
            }
        }
        for run in runs { try run.value() }
        // Every machine ends at the same head with all 24 incidents, each once.
        var heads: Set<String> = []
        for workspace in machines + [dana] {
            let titles = try workspace.database.read { try $0.incidents(limit: 100) }.map(\.title)
            #expect(titles.count == 24 && Set(titles).count == 24)
            heads.insert(try #require(try workspace.database.read { try $0.logHead() }).hash)
        }
        #expect(heads.count == 1)
        #expect(try verifies(machines[0].database))
    }

    @Test func aServerCutBackIsRefusedAndTheCopyKeepsItsEntries() throws {
        let agency = try TestAgency(storage: .server)
        let dana = try agency.enrol("dana", [.drafter])
        for n in 0..<3 { _ = try dana.openIncident(title: "Incident \(n)", kind: .general, location: "") }
        let head = try #require(try agency.admin.database.read { try $0.logHead() })
        let database = try #require(agency.serverDatabase)
        try PostgresCluster.server().psql(database, """
            DELETE FROM onevoice_log WHERE seq > \(head.seq - 2);
            UPDATE onevoice_head SET (seq, hash) = (SELECT seq, hash FROM onevoice_log ORDER BY seq DESC LIMIT 1);
            """)
        var sentence = ""
        do { _ = try agency.reopened() } catch { sentence = "\(error)" }
        #expect(sentence.contains("no longer holds log entry #\(head.seq)"))
        // A change is refused too, and the copy still holds all three incidents.
        #expect(throws: StoreError.self) { try dana.openIncident(title: "After the cut", kind: .general, location: "") }
        #expect(try AppDatabase.open(at: agency.url).read { try $0.incidents(limit: 10) }.count == 3)
    }

    @Test func aCopyOfALogNoLongerOnTheServerIsSetAside() throws {
        let agency = try TestAgency(storage: .server)
        _ = try agency.enrol("dana", [.drafter])
        let database = try #require(agency.serverDatabase)
        // The server's database is made anew with another agency.
        try PostgresCluster.server().psql(database, "DROP TABLE onevoice_log, onevoice_head, onevoice_meta, onevoice_lease")
        let otherKey = IdentityKey()
        _ = try Workspace.initialize(agency.location, copies: agency.directory.appendingPathComponent("elsewhere"),
                                     agencyName: "County Sheriff", timeZoneIdentifier: "America/Chicago", mode: .live,
                                     handle: "sheriff", displayName: "Sheriff", key: otherKey, clock: agency.clock,
                                     anchors: AnchorStore(directory: agency.directory.appendingPathComponent("elsewhere-anchors")))
        let reopened = try agency.reopened()
        #expect(try reopened.read { try $0.agency() }?.name == "County Sheriff")
        let retired = try FileManager.default.contentsOfDirectory(atPath: agency.directory.path).filter { $0.contains(".retired-") }
        #expect(!retired.isEmpty)
    }

    @Test func aFileCopiedToAServerAndBackHoldsEveryEntryAndVerifies() throws {
        let team = try SchedulerTeam()
        let release = try team.approvedRelease()
        try team.drafter.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5), channels: [.x, .website])
        let anchors = AnchorStore(directory: team.agency.directory.appendingPathComponent("copy-anchors"))
        let server = try DatabaseLocation.parse(try PostgresCluster.freshDatabase())
        let copies = team.agency.directory.appendingPathComponent("copies")
        let there = try DatabaseCopy.copy(from: team.database, to: server, copies: copies, anchors: anchors)
        let head = try #require(try team.database.read { try $0.logHead() })
        #expect(there.headSeq == head.seq && there.headHash == head.hash)
        // A server that already holds a log is not written over.
        #expect(throws: StoreError.self) { try DatabaseCopy.copy(from: team.database, to: server, copies: copies, anchors: anchors) }

        let back = team.agency.directory.appendingPathComponent("back.sqlite")
        let onServer = try AppDatabase.open(server, copies: copies)
        let returned = try DatabaseCopy.copy(from: onServer, to: .file(back), copies: copies, anchors: anchors)
        #expect(returned.headHash == head.hash)
        let original = try team.database.read { try $0.describeRowsOfRecord() }
        let copied = try AppDatabase.open(at: back).read { try $0.describeRowsOfRecord() }
        #expect(original.count == copied.count)
        #expect(zip(original, copied).allSatisfy { $0.table == $1.table && $0.id == $1.id && $0.columns.map(\.value) == $1.columns.map(\.value) })
        // An existing file is not written over either.
        #expect(throws: StoreError.self) { try DatabaseCopy.copy(from: onServer, to: .file(back), copies: copies, anchors: anchors) }
    }

    /// The server stops (as a crash would) and comes back: changes made while it is away are refused in one
    /// sentence and not kept; reads go on from the copy; once it is back, work goes on with nothing lost or
    /// doubled, even for changes cut off mid-way.
    @Test func theServerGoingAwayMidWorkLosesAndDoublesNothing() throws {
        let server = try PostgresCluster.privateServer()
        defer { try? server.stop(immediately: true) }
        let agency = try TestAgency(serverURL: try PostgresCluster.freshDatabase(on: server))
        let dana = try agency.enrol("dana", [.drafter])
        _ = try dana.openIncident(title: "Before", kind: .general, location: "")

        // Writes run on a thread while the server is killed under them.
        let writer = SchedulerBackgroundRun { () -> [String] in
            var done: [String] = []
            for n in 0..<40 {
                let title = "During \(n)"
                do {
                    _ = try dana.openIncident(title: title, kind: .general, location: "")
                    done.append(title)
                } catch let error as StoreError {
                    guard case .server = error else { throw error }
                }
            }
            return done
        }
        Thread.sleep(forTimeInterval: 0.05)
        try server.stop(immediately: true)
        let succeeded = try writer.value()

        var sentence = ""
        do { _ = try dana.openIncident(title: "While down", kind: .general, location: "") } catch { sentence = "\(error)" }
        #expect(sentence.contains("The OneVoice server at postgres://") && sentence.contains("nothing was changed"))
        // Reads go on from this machine's copy, and say why it may be behind.
        #expect(try dana.database.read { try $0.incidents(limit: 100) }.contains { $0.title == "Before" })
        #expect(dana.database.serverProblem != nil)

        try server.start()
        _ = try dana.openIncident(title: "After", kind: .general, location: "")
        #expect(dana.database.serverProblem == nil)
        let titles = try agency.reopened(on: "check").read { try $0.incidents(limit: 100) }.map(\.title)
        #expect(Set(titles).count == titles.count, "no change was made twice")
        #expect(Set(succeeded).isSubset(of: Set(titles)), "every change reported as made is there")
        #expect(!titles.contains("While down"))
        #expect(titles.contains("Before") && titles.contains("After"))
        #expect(try verifies(dana.database))
    }
}
