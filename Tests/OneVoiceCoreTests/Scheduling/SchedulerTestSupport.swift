import Foundation
import Synchronization
import Testing
@testable import OneVoiceCore

/// A deliverer that records every call (from any thread) and fails the first calls it is told to.
final class SchedulerRecordingDeliverer: Deliverer {
    private let state = Mutex(State())
    /// Where successful calls really go (the outbox, a feed), if anywhere.
    let inner: (any Deliverer)?
    /// Called inside `deliver` after the inner delivery (to hang there, as a scheduler killed before recording would).
    let onCall: (@Sendable (DeliveryItem) -> Void)?

    private struct State {
        var calls: [DeliveryItem] = []
        var failures: [DeliveryError] = []
    }

    init(inner: (any Deliverer)? = nil, onCall: (@Sendable (DeliveryItem) -> Void)? = nil) {
        self.inner = inner
        self.onCall = onCall
    }

    /// The next `count` calls throw `error` (after any failures already queued).
    func fail(_ count: Int, with error: DeliveryError) {
        state.withLock { $0.failures += Array(repeating: error, count: count) }
    }

    var calls: [DeliveryItem] { state.withLock { $0.calls } }
    var postIDs: [Int64] { calls.map(\.postID) }

    func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        let failure: DeliveryError? = state.withLock { state in
            state.calls.append(item)
            return state.failures.isEmpty ? nil : state.failures.removeFirst()
        }
        if let failure {
            onCall?(item)
            throw failure
        }
        let receipt = try inner?.deliver(item) ?? DeliveryReceipt(channel: item.channel, externalID: "ext-\(item.postID)")
        onCall?(item)
        return receipt
    }
}

/// A team of identities around one road-closure incident, and helpers to get releases approved.
struct SchedulerTeam {
    let agency: TestAgency
    let drafter: Workspace
    let verifier: Workspace
    let legal: Workspace
    let spokesperson: Workspace
    /// A spokesperson, but not this incident's (and no drafter).
    let otherSpokesperson: Workspace
    let incident: Incident

    var clock: ManualClock { agency.clock }
    var database: AppDatabase { agency.admin.database }

    static let text = "Elm Street is closed between 1st and 3rd Avenue. The investigation is ongoing, and more information will follow."
    static let renditions = [
        "x": "Elm Street is closed between 1st and 3rd Avenue.",
        "mastodon": "Elm Street is closed between 1st and 3rd Avenue. Use Oak Street instead.",
        "website": text,
    ]

    init(exercise: Bool = false, storage: Storage = .file) throws {
        agency = try TestAgency(mode: exercise ? .exercise : .live, storage: storage)
        drafter = try agency.enrol("dana", [.drafter])
        verifier = try agency.enrol("vic", [.verifier])
        legal = try agency.enrol("lee", [.legal])
        spokesperson = try agency.enrol("sam", [.spokesperson])
        otherSpokesperson = try agency.enrol("sol", [.spokesperson])
        incident = try drafter.openIncident(title: "Elm Street closure", kind: .roadClosure,
                                            location: "the 1200 block of Elm Street", spokesperson: "sam")
    }

    /// A release created, submitted and approved by the incident's spokesperson.
    func approvedRelease(_ title: String = "Elm Street closed", renditions: [String: String] = SchedulerTeam.renditions) throws -> Release {
        let release = try drafter.createRelease(incidentID: incident.id, title: title, text: Self.text, renditions: renditions)
        try approve(release.id)
        return try drafter.release(id: release.id)
    }

    func approve(_ id: Int64) throws {
        try drafter.submitRelease(id: id)
        try spokesperson.approveRelease(id: id)
    }

    func scheduler(_ deliverer: any Deliverer, holder: String = "scheduler-a", database: AppDatabase? = nil,
                   _ configure: (inout Scheduler.Configuration) -> Void = { _ in }) -> Scheduler {
        var configuration = Scheduler.Configuration()
        configuration.anchors = agency.admin.anchors
        configure(&configuration)
        return Scheduler(database: database ?? self.database, clock: clock, deliverer: deliverer, holder: holder,
                         configuration: configuration, signer: drafter.identity)
    }

    func posts(_ releaseID: Int64) throws -> [Post] { try drafter.posts(releaseID: releaseID) }

    func post(_ id: Int64) throws -> Post {
        try #require(try database.read { try $0.post(id: id) })
    }

    func status(_ releaseID: Int64) throws -> ReleaseStatus { try drafter.release(id: releaseID).status }

    /// Every records-log entry with `action`, oldest first.
    func log(_ action: String) throws -> [LogEntry] {
        try database.read { try $0.logPage(limit: 100_000) }.filter { $0.action == action }.reversed()
    }

    /// Whether `archive verify` holds; when it does not, its findings are recorded so the failure says why.
    func chainIsIntact() throws -> Bool {
        let report = try ChainVerifier(database: database).verify()
        for problem in report.problems.prefix(5) { Issue.record("verify: \(problem.message)") }
        return report.isIntact
    }

    /// `minutes` after the agency's test start.
    static func at(minutes: Double) -> Date { TestAgency.start.addingTimeInterval(minutes * 60) }
}

/// Runs blocking work on its own thread (never on the test's cooperative pool, which a waiting
/// test would starve on two cores), and hands back its result.
final class SchedulerBackgroundRun<T: Sendable>: Sendable {
    private let result = Mutex<Result<T, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () throws -> T) {
        let thread = Thread { [self] in
            let outcome = Result { try body() }
            result.withLock { $0 = outcome }
            done.signal()
        }
        thread.start()
    }

    func value() throws -> T {
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
