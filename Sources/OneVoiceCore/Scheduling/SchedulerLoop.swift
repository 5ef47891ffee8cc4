import Foundation
import Synchronization

/// The one loop around `Scheduler.tick`, used by `onevoice scheduler run` and by the dashboard: a pass every
/// `interval`, until asked to stop; every pass that did something, and every pass that failed, is reported
/// (nothing fails silently), and the last failure is kept for a screen to show until a pass succeeds again.
public final class SchedulerLoop: Sendable {
    public let scheduler: Scheduler
    public let interval: TimeInterval
    private let stopRequested = Mutex(false)
    private let problem = Mutex<String?>(nil)

    /// One pass's outcome, for the caller to print or show.
    public enum Pass: Sendable, Equatable {
        /// Something was delivered, failed, missed or now waits for a person.
        case worked(Scheduler.TickReport)
        /// The pass could not run; the sentence says why and what to do.
        case failed(String)
    }

    public init(scheduler: Scheduler, interval: TimeInterval = 0.5) {
        self.scheduler = scheduler
        self.interval = max(0.05, interval)
    }

    /// Why the last pass failed, or nil when it succeeded (read from any thread).
    public var lastProblem: String? { problem.withLock { $0 } }

    /// Asks `run` to finish its pass and return (from any thread, or a signal handler's flag poller).
    public func requestStop() { stopRequested.withLock { $0 = true } }

    public var isStopRequested: Bool { stopRequested.withLock { $0 } }

    /// One pass: its outcome, or nil when there was nothing to say (nothing due, or another scheduler holds the lease).
    @discardableResult
    public func pass() -> Pass? {
        do {
            let report = try scheduler.tick()
            problem.withLock { $0 = nil }
            return report.delivered + report.failed + report.missed + report.awaitingConfirmation > 0 ? .worked(report) : nil
        } catch {
            let sentence = Self.sentence(error)
            problem.withLock { $0 = sentence }
            return .failed(sentence)
        }
    }

    /// Runs passes until `requestStop()` or `shouldStop()` says so, calling `report` with every outcome worth
    /// telling, and `wait` between passes (tests pass a clock's advance instead of sleeping). Gives the lease back at the end.
    public func run(shouldStop: () -> Bool = { false }, wait: (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
                    report: (Pass) -> Void) {
        while !isStopRequested && !shouldStop() {
            if let outcome = pass() { report(outcome) }
            if isStopRequested || shouldStop() { break }
            wait(interval)
        }
        scheduler.stop()
    }

    /// Starts `run` on a thread of its own (the dashboard delivers while it is open); failures are kept in `lastProblem`.
    public func start() {
        let thread = Thread { [self] in run(report: { _ in }) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// A failure as one sentence saying what to do next.
    static func sentence(_ error: Error) -> String { "The scheduler could not deliver: \(ErrorSentence.of(error))" }
}

extension Scheduler.TickReport {
    /// "delivered 2, failed 0, missed 0, awaiting confirmation 1".
    public var summary: String {
        "delivered \(delivered), failed \(failed), missed \(missed), awaiting confirmation \(awaitingConfirmation), "
            + "to post by hand \(handedOff), to check \(needsCheck)"
    }
}
