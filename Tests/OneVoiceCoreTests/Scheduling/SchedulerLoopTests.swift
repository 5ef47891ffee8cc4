import Foundation
import Testing
@testable import OneVoiceCore

/// The one scheduler loop (CLI `scheduler run` and the dashboard): every pass that did something or failed is
/// reported, the last failure is kept until a pass succeeds, and it stops when asked. No sleeping: `wait` advances the clock.
@Suite("Scheduler loop")
struct SchedulerLoopTests {
    @Test func reportsDeliveriesAndStops() throws {
        let team = try SchedulerTeam()
        let release = try team.approvedRelease()
        _ = try team.spokesperson.scheduleRelease(id: release.id, at: SchedulerTeam.at(minutes: 5))
        let loop = SchedulerLoop(scheduler: team.scheduler(SchedulerRecordingDeliverer()), interval: 60)
        var passes: [SchedulerLoop.Pass] = []
        var waits = 0
        loop.run(shouldStop: { waits >= 10 }, wait: { seconds in
            waits += 1
            team.clock.advance(by: seconds)
        }, report: { passes.append($0) })
        #expect(waits == 10)
        guard case .worked(let report)? = passes.first else { Issue.record("no delivery reported: \(passes)"); return }
        #expect(report.delivered == 3)
        #expect(passes.count == 1, "passes with nothing to say are not reported")
        #expect(loop.lastProblem == nil)
        #expect(try team.status(release.id) == .released)
    }

    @Test func aFailingPassIsReportedAndKeptUntilOneSucceeds() throws {
        let team = try SchedulerTeam()
        let loop = SchedulerLoop(scheduler: team.scheduler(SchedulerRecordingDeliverer()))
        try team.agency.sqlite("ALTER TABLE schedulerLease RENAME TO schedulerLeaseAway")
        guard case .failed(let sentence)? = loop.pass() else { Issue.record("the failure was not reported"); return }
        #expect(sentence.hasPrefix("The scheduler could not deliver"))
        #expect(loop.lastProblem == sentence)
        try team.agency.sqlite("ALTER TABLE schedulerLeaseAway RENAME TO schedulerLease")
        #expect(loop.pass() == nil)
        #expect(loop.lastProblem == nil, "a good pass clears the problem")
    }

    @Test func requestStopEndsTheLoop() throws {
        let team = try SchedulerTeam()
        let loop = SchedulerLoop(scheduler: team.scheduler(SchedulerRecordingDeliverer()))
        var waits = 0
        loop.run(wait: { _ in
            waits += 1
            if waits == 3 { loop.requestStop() }
        }, report: { _ in })
        #expect(waits == 3)
        #expect(loop.isStopRequested)
    }
}

/// The dashboard polls one number to know when to reload: it must move for this process's own writes too.
@Suite("Change stamp")
struct ChangeStampTests {
    @Test func movesForThisConnectionsOwnWrites() throws {
        let agency = try TestAgency()
        let database = agency.admin.database
        let before = try database.changeStamp()
        #expect(try database.changeStamp() == before, "reading changes nothing")
        _ = try agency.admin.openIncident(title: "Flood", kind: .general, location: "River Road")
        let after = try database.changeStamp()
        #expect(after > before, "a write through this same database moves it")
        try TestAgency.sqlite(agency.url, "UPDATE incident SET title = 'Flood!' WHERE id = 1")
        #expect(try database.changeStamp() > after, "another process's commit moves it")
    }
}
