import Foundation
import Synchronization

/// Delivers due, approved posts in time order, each exactly once.
///
/// One tick: take (or keep) the lease so only one scheduler delivers; then, for each due post,
/// claim it in one transaction, deliver it with its idempotency key outside any transaction, and
/// record the result in another. A scheduler killed between claim and record leaves a claim that
/// a later tick takes over and delivers again with the same key, which the platform (or the
/// outbox's file name) drops as a repeat. Nothing unapproved goes out: at its time such a post
/// becomes "missed: awaiting sign-off". After downtime, posts overdue by more than the grace
/// window wait for a person instead of going out stale.
public final class Scheduler: Sendable {
    public let database: AppDatabase
    public let clock: any WallClock
    public let deliverer: any Deliverer
    public let holder: String
    public let configuration: Configuration
    private let leaseUntil = Mutex<Date?>(nil)

    public struct Configuration: Sendable {
        /// Posts overdue by more than this wait for a person to confirm.
        public var grace: TimeInterval = 600
        /// How long a lease lasts without renewal; a claim older than twice this is taken over.
        public var leaseDuration: TimeInterval = 15
        public var retry: RetryPolicy = .standard
        public var limits: ChannelLimits = .default
        /// The CAP sender id (no spaces, commas, '<' or '&').
        public var capSender: String = "onevoice"
        public var releaseURLPattern: String?
        /// At most this many posts per tick.
        public var batch: Int = 100

        public init() {}
    }

    public struct TickReport: Sendable, Equatable {
        public var hadLease = true
        public var delivered = 0
        public var failed = 0
        public var missed = 0
        public var awaitingConfirmation = 0
        /// Due posts that cannot be read back: skipped (the others go out) and named here.
        public var unreadable: [UnreadableRow] = []
    }

    public init(database: AppDatabase, clock: any WallClock = SystemClock(), deliverer: any Deliverer,
                holder: String = Scheduler.defaultHolder(), configuration: Configuration = Configuration()) {
        self.database = database
        self.clock = clock
        self.deliverer = deliverer
        self.holder = holder
        self.configuration = configuration
    }

    public static func defaultHolder() -> String {
        let host = ProcessInfo.processInfo.hostName
        return "\(host):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// One pass over what is due now.
    @discardableResult
    public func tick() throws -> TickReport {
        var report = TickReport()
        let now = clock.now()
        guard try holdLease(now: now) else {
            report.hadLease = false
            return report
        }
        let due = try database.read { session in
            try session.duePosts(now: now, staleBefore: now.addingTimeInterval(-2 * configuration.leaseDuration), limit: configuration.batch,
                                 unreadable: &report.unreadable)
        }
        for candidate in due {
            // A slow delivery can outlast the lease: check it again, and claim with the time now, not
            // the tick's start (an old claim time would look stale to another scheduler while this one works).
            let now = clock.now()
            guard try holdLease(now: now) else { break }
            switch try claim(candidate.id, now: now) {
            case .deliver(let item):
                let outcome: Result<DeliveryReceipt, DeliveryError>
                do { outcome = .success(try deliverer.deliver(item)) } catch { outcome = .failure(error) }
                if try record(postID: candidate.id, outcome: outcome) { report.delivered += 1 } else { report.failed += 1 }
            case .missed: report.missed += 1
            case .awaitingConfirmation: report.awaitingConfirmation += 1
            case .skip: break
            }
        }
        return report
    }

    /// Gives the lease back (on a clean exit), so another scheduler can start at once.
    public func stop() {
        try? database.write { try $0.releaseSchedulerLease(holder: holder) }
        leaseUntil.withLock { $0 = nil }
    }

    /// Renews the lease when less than half of it is left: one small write every few seconds, not every tick.
    private func holdLease(now: Date) throws -> Bool {
        if let until = leaseUntil.withLock({ $0 }), until.timeIntervalSince(now) > configuration.leaseDuration / 2 { return true }
        let expiry = now.addingTimeInterval(configuration.leaseDuration)
        let acquired = try database.write { try $0.acquireSchedulerLease(holder: holder, now: now, until: expiry) }
        leaseUntil.withLock { $0 = acquired ? expiry : nil }
        return acquired
    }

    private enum Claim {
        case deliver(DeliveryItem)
        case missed
        case awaitingConfirmation
        case skip
    }

    /// Decides a due post's fate in one transaction, and claims it when it is to be delivered.
    private func claim(_ postID: Int64, now: Date) throws -> Claim {
        try database.write { session in
            guard var post = try session.post(id: postID) else { return .skip }
            // Compared in whole milliseconds: a time read back from the database is the stored millisecond,
            // but not always the same Double as the clock's.
            let ms = Timestamps.milliseconds
            let stale = ms(now.addingTimeInterval(-2 * configuration.leaseDuration))
            let isDue = (post.state == .scheduled && ms(post.scheduledAt ?? now) <= ms(now))
                || (post.state == .failed && (post.nextAttemptAt.map { ms($0) <= ms(now) } ?? false))
                || (post.state == .delivering && (post.claimedAt.map { ms($0) < stale } ?? true))
            guard isDue,
                  let release = try session.release(id: post.releaseID),
                  let incident = try session.incident(id: post.incidentID),
                  let agency = try session.agency(),
                  let revision = try session.revision(releaseID: release.id, number: release.currentRevision)
            else { return .skip }

            let approved = try session.attestations(subjectType: "release", subjectID: release.id).contains {
                $0.verdict == "approved" && $0.supersededAt == nil && $0.contentHash == revision.contentHash
            }
            guard approved, release.status == .scheduled || release.status == .approved else {
                if post.state != .delivering {
                    post.state = .missed
                    try session.updatePost(post)
                    try session.appendLog(actor: nil, action: "post.missed", subjectType: "post", subjectID: post.id,
                                          incidentID: post.incidentID,
                                          change: PostOutcome(state: post.state.rawValue, detail: "not approved at its time"), at: now)
                }
                return .missed
            }
            if post.state == .scheduled, post.attempts == 0, let time = post.scheduledAt, now.timeIntervalSince(time) > configuration.grace {
                post.state = .awaitingConfirmation
                try session.updatePost(post)
                try session.appendLog(actor: nil, action: "post.overdue", subjectType: "post", subjectID: post.id,
                                      incidentID: post.incidentID,
                                      change: PostOutcome(state: post.state.rawValue, detail: "overdue by \(LocalTime.span(now.timeIntervalSince(time)))"), at: now)
                return .awaitingConfirmation
            }
            // What goes out is the approved revision's text for the channel, checked by the one validator.
            // A channel the approved revision has no text for is not sent with an older revision's text.
            let text = revision.renditions[post.channel.slug]
            let check = text.map { PostValidator.validate($0, for: post.channel, limits: configuration.limits) }
            guard let text, let check, check.valid else {
                post.state = .failed
                post.nextAttemptAt = nil
                post.lastError = check?.problems.joined(separator: " ")
                    ?? "Revision \(revision.number) of release #\(release.id) has no \(post.channel.displayName) text; it was not sent."
                try session.updatePost(post)
                try session.appendLog(actor: nil, action: "post.failed", subjectType: "post", subjectID: post.id,
                                      incidentID: post.incidentID, change: PostOutcome(state: "failed", detail: post.lastError ?? ""), at: now)
                return .skip
            }
            post.text = text
            post.revisionNumber = revision.number
            post.state = .delivering
            post.claimedBy = holder
            post.claimedAt = now
            post.attempts += 1
            try session.updatePost(post)
            return .deliver(try DeliveryItem(post: post, release: release, incident: incident, agency: agency,
                                             sentAt: post.scheduledAt ?? now, capSender: configuration.capSender,
                                             releaseURLPattern: configuration.releaseURLPattern, session: session))
        }
    }

    /// Records a delivery's result; true when it went out.
    private func record(postID: Int64, outcome: Result<DeliveryReceipt, DeliveryError>) throws -> Bool {
        try database.write { session in
            guard var post = try session.post(id: postID), post.state == .delivering, post.claimedBy == holder else { return false }
            let now = clock.now()
            post.claimedBy = nil
            post.claimedAt = nil
            switch outcome {
            case .success(let receipt):
                post.state = .delivered
                post.deliveredAt = now
                post.externalID = receipt.externalID ?? receipt.filePath
                post.lastError = nil
                post.nextAttemptAt = nil
                try session.updatePost(post)
                try session.appendLog(actor: nil, action: "post.delivered", subjectType: "post", subjectID: post.id,
                                      incidentID: post.incidentID,
                                      change: PostOutcome(state: "delivered", detail: post.externalID ?? "",
                                                          repeat: receipt.wasAlreadyDelivered ? true : nil), at: now)
                let siblings = try session.posts(releaseID: post.releaseID).filter { $0.state != .cancelled }
                if siblings.allSatisfy({ $0.state == .delivered }), var release = try session.release(id: post.releaseID),
                   release.status != .released {
                    release.status = .released
                    try session.updateRelease(release)
                    try session.appendLog(actor: nil, action: "release.released", subjectType: "release", subjectID: release.id,
                                          incidentID: release.incidentID,
                                          change: PostOutcome(state: "released", detail: "\(siblings.count) posts delivered"), at: now)
                }
                return true
            case .failure(let error):
                post.state = .failed
                post.lastError = error.description
                post.nextAttemptAt = configuration.retry.nextAttempt(after: post.attempts, error: error, at: now)
                try session.updatePost(post)
                try session.appendLog(actor: nil, action: "post.failed", subjectType: "post", subjectID: post.id,
                                      incidentID: post.incidentID,
                                      change: PostOutcome(state: "failed", detail: error.description,
                                                          nextAttempt: post.nextAttemptAt), at: now)
                return false
            }
        }
    }
}

struct PostOutcome: Encodable {
    let state: String
    let detail: String
    var nextAttempt: Date? = nil
    var `repeat`: Bool? = nil
}
