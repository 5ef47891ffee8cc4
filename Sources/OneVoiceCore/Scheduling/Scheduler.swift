import Foundation
import Synchronization

/// Delivers due, approved posts in time order, each exactly once.
///
/// One tick: take (or keep) the lease so only one scheduler delivers; then, for each due post,
/// claim it in one transaction (logged as `post.claim`, before any request), deliver it outside any
/// transaction, and record the result in another. A scheduler killed between claim and record leaves a
/// claim that a later tick takes over: on a channel that drops repeats (the outbox's file name, the
/// webhook's and Mastodon's idempotency key) it is delivered again with the same key; on one that cannot
/// (X, Bluesky, Facebook, sendmail) it is held for a person ("check: may have gone out"), never sent
/// twice. Nothing unapproved goes out: at its time such a post becomes "missed: awaiting sign-off". After
/// downtime, posts overdue by more than the grace window wait for a person instead of going out stale.
/// A channel nobody posts to automatically is a hand-off: "to post by hand", overdue past the grace window.
public final class Scheduler: Sendable {
    public let database: AppDatabase
    public let clock: any WallClock
    public let deliverer: any Deliverer
    public let holder: String
    public let configuration: Configuration
    /// The key of the person running this scheduler: it signs the log entries of every claim and delivery.
    public let signer: IdentityKey?
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
        /// Where each delivery's chain head is noted outside the database (nil: not noted).
        public var anchors: AnchorStore?
        /// How identifiers are minted at a first delivery (see `Scheduler+Identity.swift`).
        public var identities: PublishedIdentity.Minter?
        /// Channel → the setting whose absence makes its identity a placeholder: LIVE posts there are held.
        public var placeholderSettings: [Channel: String] = [:]

        public init() {}
    }

    public struct TickReport: Sendable, Equatable {
        public var hadLease = true
        public var delivered = 0
        public var failed = 0
        public var missed = 0
        public var awaitingConfirmation = 0
        /// Handed to a person (written to the outbox, "to post by hand").
        public var handedOff = 0
        /// Held for a person: it may have gone out (no answer, or a claim left by a killed scheduler).
        public var needsCheck = 0
        /// Due posts that cannot be read back: skipped (the others go out) and named here.
        public var unreadable: [UnreadableRow] = []
    }

    public init(database: AppDatabase, clock: any WallClock = SystemClock(), deliverer: any Deliverer,
                holder: String = Scheduler.defaultHolder(), configuration: Configuration = Configuration(),
                signer: IdentityKey? = nil) {
        self.signer = signer
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
        try markOverdueHandOffs(now: now)
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
            case .deliver(let item, let logKey):
                // Noted once the claim is committed and before the post leaves; a note that cannot be written
                // does not hold the post back.
                if let anchors = configuration.anchors, let logKey, let anchor = item.chainAnchor.flatMap({ ChainAnchor.scan($0).first }) {
                    try? anchors.record(anchor, source: "delivery of post #\(item.postID) (\(item.channel.slug))", logKey: logKey,
                                        databasePath: database.path, at: now)
                }
                let outcome: Result<DeliveryReceipt, DeliveryError>
                do { outcome = .success(try deliverer.deliver(item)) } catch { outcome = .failure(error) }
                switch try record(postID: candidate.id, item: item, outcome: outcome) {
                case .delivered?: report.delivered += 1
                case .handOff?: report.handedOff += 1
                case .needsCheck?: report.needsCheck += 1
                default: report.failed += 1
                }
            case .needsCheck: report.needsCheck += 1
            case .missed: report.missed += 1
            case .awaitingConfirmation: report.awaitingConfirmation += 1
            case .skip: break
            }
        }
        return report
    }

    /// Gives the lease back (on a clean exit), so another scheduler can start at once.
    public func stop() {
        try? database.releaseSchedulerLease(holder: holder)
        leaseUntil.withLock { $0 = nil }
    }

    /// Renews the lease when less than half of it is left: one small write every few seconds, not every tick.
    private func holdLease(now: Date) throws -> Bool {
        if let until = leaseUntil.withLock({ $0 }), until.timeIntervalSince(now) > configuration.leaseDuration / 2 { return true }
        let expiry = now.addingTimeInterval(configuration.leaseDuration)
        let acquired = try database.acquireSchedulerLease(holder: holder, now: now, until: expiry)
        leaseUntil.withLock { $0 = acquired ? expiry : nil }
        return acquired
    }

    private enum Claim {
        case deliver(DeliveryItem, logKey: String?)
        case needsCheck
        case missed
        case awaitingConfirmation
        case skip
    }

    /// Decides a due post's fate in one transaction, and claims it when it is to be delivered.
    private func claim(_ postID: Int64, now: Date) throws -> Claim {
        try database.write(signer: signer) { session in
            guard var post = try session.post(id: postID) else { return .skip }
            // Compared in whole milliseconds: a time read back from the database is the stored millisecond,
            // but not always the same Double as the clock's.
            let ms = Timestamps.milliseconds
            let stale = ms(now.addingTimeInterval(-2 * configuration.leaseDuration))
            let isDue = (post.state == .scheduled && ms(post.scheduledAt ?? now) <= ms(now))
                || (post.state == .failed && (post.nextAttemptAt.map { ms($0) <= ms(now) } ?? false))
                || (post.state == .delivering && (post.claimedAt.map { ms($0) < stale } ?? true))
            guard isDue else { return .skip }
            // A claim left by a scheduler that stopped mid-delivery, on a channel that cannot drop a repeat: the
            // request may have reached the platform, so a person checks it; it is never sent a second time by itself.
            if !deliverer.dropsRepeats(on: post.channel, isExercise: post.isExercise) {
                let name = post.channel.displayName
                if post.state == .delivering {
                    let local = LocalTime(timeZone: try session.agency()?.timeZone ?? .gmt)
                    let since = post.claimedAt.map { " at \(local.dateTime($0))" } ?? ""
                    try holdForCheck(&post, session: session, now: now, reason: "A scheduler stopped while sending this to \(name)\(since); it may have gone out. "
                        + "Check \(name), then mark it sent (`onevoice post mark-sent \(post.id)`) or resend it (`onevoice post resend \(post.id)`).")
                    return .needsCheck
                }
                // A post the record says already went out is never sent again, whatever its row says.
                if try session.logSaysPostWentOut(postID: post.id, incidentID: post.incidentID) {
                    try holdForCheck(&post, session: session, now: now, reason: "The records log says this post already went out to \(name), "
                        + "so it was not sent again. Check \(name), then mark it sent or resend it.")
                    return .needsCheck
                }
            }
            guard let release = try session.release(id: post.releaseID),
                  let incident = try session.incident(id: post.incidentID),
                  let agency = try session.agency(),
                  let revision = try session.revision(releaseID: release.id, number: release.currentRevision)
            else { return .skip }

            // Only the incident's spokesperson's own signature over exactly this revision lets it go out.
            let spokesperson = try incident.spokespersonID.flatMap { try session.person(id: $0) }
            let approved = try session.attestations(subjectType: "release", subjectID: release.id).contains {
                $0.verdict == "approved" && $0.supersededAt == nil && $0.signs(release, revision, incident)
                    && $0.actorID == spokesperson?.id && $0.publicKey == spokesperson?.publicKey
                    && spokesperson?.has(.spokesperson) == true && $0.hasValidSignature
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
            if try holdForPlaceholderIdentity(&post, incident: incident, session: session, now: now) { return .skip }
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
            // The claim is on the record before the request leaves, so a crash mid-send is never silent.
            let claimEntry = try session.appendLog(actor: nil, action: "post.claim", subjectType: "post", subjectID: post.id,
                                                   incidentID: post.incidentID,
                                                   change: PostOutcome(state: post.state.rawValue, detail: "attempt \(post.attempts) to \(post.channel.displayName) by \(holder)"), at: now)
            var item = try DeliveryItem(post: post, release: release, incident: incident, agency: agency,
                                        sentAt: post.scheduledAt ?? now, capSender: configuration.capSender,
                                        releaseURLPattern: configuration.releaseURLPattern, session: session)
            let first = try session.firstClaim(postID: post.id, incidentID: post.incidentID)
            let anchor = ChainAnchor(seq: first?.seq ?? claimEntry.seq, hash: first?.hash ?? claimEntry.hash)
            item.chainAnchor = anchor.token
            item.foundingKeyFingerprint = try session.foundingKey().map { KeyFingerprint.of(publicKeyBase64: $0) }
            return .deliver(item, logKey: try session.anchorKey())
        }
    }

    /// On a channel that cannot drop a repeat, a post that may already be out waits for a person: never sent twice by itself.
    private func holdForCheck(_ post: inout Post, session: StoreSession, now: Date, reason: String) throws {
        post.state = .needsCheck
        post.claimedBy = nil
        post.claimedAt = nil
        post.nextAttemptAt = nil
        post.lastError = reason
        try session.updatePost(post)
        try session.appendLog(actor: nil, action: "post.needs_check", subjectType: "post", subjectID: post.id,
                              incidentID: post.incidentID, change: PostOutcome(state: post.state.rawValue, detail: reason), at: now)
    }

    /// Records a delivery's result: the state the post is left in, nil when the claim was no longer ours.
    private func record(postID: Int64, item: DeliveryItem, outcome: Result<DeliveryReceipt, DeliveryError>) throws -> PostState? {
        try database.write(signer: signer) { session in
            guard var post = try session.post(id: postID), post.state == .delivering, post.claimedBy == holder else { return nil }
            let now = clock.now()
            post.claimedBy = nil
            post.claimedAt = nil
            switch outcome {
            case .success(let receipt) where receipt.isHandOff:
                post.state = .handOff
                post.lastError = nil
                post.nextAttemptAt = nil
                try session.updatePost(post)
                try session.appendLog(actor: nil, action: "post.hand_off", subjectType: "post", subjectID: post.id,
                                      incidentID: post.incidentID,
                                      change: PostOutcome(state: post.state.rawValue, detail: receipt.filePath ?? ""), at: now)
                return post.state
            case .success(let receipt):
                post.state = .delivered
                post.deliveredAt = now
                post.externalID = receipt.externalID ?? receipt.filePath
                // Only a platform's own post address: a webhook's address (which may hold a key) is never stored or logged.
                let isPlatform: Set<Channel> = [.x, .bluesky, .facebook, .mastodon]
                post.publicURL = isPlatform.contains(post.channel) ? receipt.url.flatMap { $0.hasPrefix("https://") ? $0 : nil } : nil
                post.externalCID = receipt.cid
                post.threadRootID = receipt.threadRoot?.id
                post.threadRootCID = receipt.threadRoot?.cid
                post.lastError = nil
                post.nextAttemptAt = nil
                try session.updatePost(post)
                try session.appendLog(actor: nil, action: "post.delivered", subjectType: "post", subjectID: post.id,
                                      incidentID: post.incidentID,
                                      change: PostOutcome(state: "delivered", detail: post.externalID ?? "",
                                                          repeat: receipt.wasAlreadyDelivered ? true : nil, url: post.publicURL), at: now)
                try storePublishedIdentity(post: post, item: item, receipt: receipt, session: session, now: now)
                try session.markReleasedIfComplete(releaseID: post.releaseID, at: now)
                return post.state
            case .failure(let error):
                post.lastError = error.description
                post.nextAttemptAt = nil
                switch error {
                case .ambiguous, .badResponse:
                    // It may be out (no answer), or it is out and its answer was unreadable: a person checks, and
                    // neither a retry nor "release now" can post it twice.
                    post.state = .needsCheck
                case .credentials:
                    post.state = .credentialsExpired
                case .rateLimited(_, let until, let after, _):
                    // Try again when the limit resets, as long as that is within the grace window of the post's time;
                    // later than that, a person confirms rather than the post going out stale.
                    let next = until ?? after.map { now.addingTimeInterval($0) }
                        ?? configuration.retry.nextAttempt(after: post.attempts, error: error, at: now) ?? now
                    let latest = (post.scheduledAt ?? now).addingTimeInterval(configuration.grace)
                    if next > latest {
                        post.state = .awaitingConfirmation
                        post.lastError = error.description + " The limit resets after the grace window, so it waits for a person to confirm."
                    } else {
                        post.state = .failed
                        post.nextAttemptAt = max(next, now)
                    }
                default:
                    post.state = .failed
                    post.nextAttemptAt = configuration.retry.nextAttempt(after: post.attempts, error: error, at: now)
                }
                try session.updatePost(post)
                let action = post.state == .failed ? "post.failed" : "post.\(post.state.rawValue)"
                try session.appendLog(actor: nil, action: action, subjectType: "post", subjectID: post.id,
                                      incidentID: post.incidentID,
                                      change: PostOutcome(state: post.state.rawValue, detail: error.description,
                                                          nextAttempt: post.nextAttemptAt), at: now)
                return post.state
            }
        }
    }

    /// Hand-offs still not marked posted beyond the grace window after their time become overdue (the board shows them red).
    private func markOverdueHandOffs(now: Date) throws {
        let late = try database.read { try $0.handOffsDue(before: now.addingTimeInterval(-configuration.grace), limit: configuration.batch) }
        guard !late.isEmpty else { return }
        try database.write(signer: signer) { session in
            for candidate in late {
                guard var post = try session.post(id: candidate.id), post.state == .handOff, let time = post.scheduledAt else { continue }
                post.state = .handOffOverdue
                try session.updatePost(post)
                try session.appendLog(actor: nil, action: "post.hand_off_overdue", subjectType: "post", subjectID: post.id,
                                      incidentID: post.incidentID,
                                      change: PostOutcome(state: post.state.rawValue,
                                                          detail: "not marked posted \(LocalTime.span(now.timeIntervalSince(time))) after its time"), at: now)
            }
        }
    }
}

extension StoreSession {
    /// Marks a release released once every post that is not cancelled went out (the scheduler's or a person's mark).
    func markReleasedIfComplete(releaseID: Int64, at now: Date) throws {
        let siblings = try posts(releaseID: releaseID).filter { $0.state != .cancelled }
        guard siblings.allSatisfy({ $0.state == .delivered }), var release = try release(id: releaseID), release.status != .released else { return }
        release.status = .released
        try updateRelease(release)
        try appendLog(actor: nil, action: "release.released", subjectType: "release", subjectID: release.id,
                      incidentID: release.incidentID,
                      change: PostOutcome(state: "released", detail: "\(siblings.count) posts delivered"), at: now)
    }
}

struct PostOutcome: Encodable {
    let state: String
    let detail: String
    var nextAttempt: Date? = nil
    var `repeat`: Bool? = nil
    var url: String? = nil
}
