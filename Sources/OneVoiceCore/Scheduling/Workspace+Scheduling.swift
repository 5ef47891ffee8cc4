import Foundation

extension Workspace {
    /// Schedules an approved release on its channels (all of its renditions by default).
    /// The incident's spokesperson or a drafter may do it.
    @discardableResult
    public func scheduleRelease(id: Int64, at requestedTime: Date, channels requested: [Channel]? = nil) throws -> [Post] {
        // Whole milliseconds, as stored: a time compared with the clock later must compare exactly.
        let time = Timestamps.truncated(requestedTime)
        return try write { session in
            let (person, release, incident) = try schedulerActor(session, releaseID: id, to: "schedule a release")
            guard release.status == .approved || release.status == .scheduled else {
                throw IdentityError.refused("Release #\(id) is \(release.status.predicate); only an approved release can be scheduled.")
            }
            try checkScheduleWindow(time, incident: incident, timeZone: try session.agency()?.timeZone)
            guard let revision = try session.revision(releaseID: id, number: release.currentRevision) else {
                throw StoreError.notFound(what: "the current revision of release #\(id)")
            }
            let available = revision.renditions.keys.compactMap(Channel.init(rawValue:)).sorted()
            let channels = requested ?? available
            if let missing = channels.first(where: { !available.contains($0) }) {
                throw StoreError.invalid("Release #\(id) has no \(missing.displayName) text; it has \(available.map(\.slug).joined(separator: ", ")).")
            }
            guard !channels.isEmpty else { throw StoreError.invalid("Release #\(id) has no channel to go out on.") }
            let existing = try session.posts(releaseID: id).filter { $0.state != .cancelled }
            let now = clock.now()
            var posts: [Post] = []
            for channel in channels {
                if var post = existing.first(where: { $0.channel == channel }) {
                    guard post.state != .delivered && post.state != .delivering else {
                        throw StoreError.invalid("The \(channel.displayName) post of release #\(id) already went out.")
                    }
                    post.scheduledAt = time
                    post.state = .scheduled
                    post.nextAttemptAt = nil
                    try session.updatePost(post)
                    posts.append(post)
                } else {
                    var post = Post(releaseID: id, incidentID: incident.id, revisionNumber: revision.number, channel: channel,
                                    text: revision.renditions[channel.slug] ?? "", scheduledAt: time, state: .scheduled,
                                    idempotencyKey: "onevoice-\(id)-\(channel.slug)-\(UUID().uuidString.lowercased())",
                                    isExercise: incident.isExercise, createdAt: now)
                    try session.insertPost(&post)
                    posts.append(post)
                }
            }
            var updated = release
            updated.status = .scheduled
            try session.updateRelease(updated)
            try session.appendLog(actor: person, action: "release.schedule", subjectType: "release", subjectID: id,
                                  incidentID: incident.id,
                                  change: ScheduleChange(at: time, channels: channels.map(\.slug), posts: posts.map(\.id)), at: now)
            return posts
        }
    }

    /// Holds every waiting post of a release (nothing goes out until it is rescheduled).
    @discardableResult
    public func holdRelease(id: Int64) throws -> [Post] {
        try changeWaitingPosts(releaseID: id, action: "hold", verb: "hold a release", unreadableTo: .held) { post, _ in post.state = .held }
    }

    /// Cancels every waiting post of a release; the release goes back to approved (released, if part of it went out).
    @discardableResult
    public func cancelRelease(id: Int64) throws -> [Post] {
        try changeWaitingPosts(releaseID: id, action: "cancel", verb: "cancel a release", releaseStatus: .approved,
                               unreadableTo: .cancelled) { post, _ in
            post.state = .cancelled
        }
    }

    /// Moves every waiting post to a new time (held, missed and overdue posts too).
    @discardableResult
    public func rescheduleRelease(id: Int64, at requestedTime: Date) throws -> [Post] {
        let time = Timestamps.truncated(requestedTime)
        let release = try self.release(id: id)
        try checkScheduleWindow(time, incident: try incident(id: release.incidentID), timeZone: try agency().timeZone)
        return try changeWaitingPosts(releaseID: id, action: "reschedule", verb: "reschedule a release",
                                      unreadableTo: .scheduled, at: time) { post, _ in
            post.state = .scheduled
            post.scheduledAt = time
        }
    }

    /// Sends now: every waiting post becomes due at once (the dashboard asks to confirm first).
    @discardableResult
    public func releaseNow(id: Int64) throws -> [Post] {
        let release = try self.release(id: id)
        // Nothing unapproved goes out: refuse here rather than let the posts turn missed again.
        guard release.status == .approved || release.status == .scheduled else {
            throw IdentityError.refused("Release #\(id) is \(release.status.predicate); only an approved release can be sent.")
        }
        if release.status == .approved, try database.read({ try $0.posts(releaseID: id) }).allSatisfy({ $0.state == .cancelled }) {
            return try scheduleRelease(id: id, at: clock.now())
        }
        return try changeWaitingPosts(releaseID: id, action: "now", verb: "release now", unreadableTo: .scheduled, at: clock.now()) { post, now in
            post.state = .scheduled
            post.scheduledAt = now
        }
    }

    /// Posts of the release that cannot be read back (a damaged time) are put into `unreadableTo` (and `at`)
    /// too, so cancelling or rescheduling undoes a bad time instead of failing on it.
    private func changeWaitingPosts(releaseID: Int64, action: String, verb: String, releaseStatus: ReleaseStatus? = nil,
                                    unreadableTo: PostState, at repairedTime: Date? = nil,
                                    _ change: (inout Post, Date) -> Void) throws -> [Post] {
        try write { session in
            let (person, release, incident) = try schedulerActor(session, releaseID: releaseID, to: verb)
            // A post held for expired credentials waits like a failed one; one that may have gone out (needs a check) and
            // a hand-off are not sent again by a reschedule: `post resend` and `post mark-posted` decide those.
            let waiting: Set<PostState> = [.scheduled, .held, .missed, .awaitingConfirmation, .failed, .credentialsExpired]
            let now = clock.now()
            var changed: [Post] = []
            var unreadable: [UnreadableRow] = []
            for var post in try session.posts(releaseID: releaseID, unreadable: &unreadable) where waiting.contains(post.state) {
                change(&post, now)
                post.nextAttemptAt = nil
                try session.updatePost(post)
                changed.append(post)
            }
            var repaired: [Int64] = []
            for row in unreadable {
                if let id = row.id, try session.setWaitingPostState(id: id, to: unreadableTo, scheduledAt: repairedTime) { repaired.append(id) }
            }
            guard !changed.isEmpty || !repaired.isEmpty else {
                throw StoreError.invalid("Release #\(releaseID) has no post waiting to go out; nothing was changed.")
            }
            if let releaseStatus {
                var updated = release
                // What already went out stays out: a partly delivered release whose rest is cancelled is released.
                let anyDelivered = try session.posts(releaseID: releaseID).contains { $0.state == .delivered }
                updated.status = anyDelivered ? .released : releaseStatus
                try session.updateRelease(updated)
            }
            try session.appendLog(actor: person, action: "release.\(action)", subjectType: "release", subjectID: releaseID,
                                  incidentID: incident.id, change: ScheduleChange(at: changed.first?.scheduledAt ?? repairedTime,
                                                                                  channels: changed.map(\.channel.slug),
                                                                                  posts: changed.map(\.id) + repaired), at: now)
            return changed
        }
    }

    /// The incident's spokesperson or a drafter.
    func schedulerActor(_ session: StoreSession, releaseID: Int64, to verb: String) throws -> (Person, Release, Incident) {
        let person = try caller(in: session)
        guard let release = try session.release(id: releaseID) else { throw StoreError.notFound(what: "release #\(releaseID)") }
        guard let incident = try session.incident(id: release.incidentID) else { throw StoreError.notFound(what: "incident #\(release.incidentID)") }
        let isSpokesperson = incident.spokespersonID == person.id && person.has(.spokesperson)
        guard isSpokesperson || person.has(.drafter) else {
            throw IdentityError.refused("Only the incident's spokesperson or a drafter can \(verb); \(person.handle) is neither.")
        }
        return (person, release, incident)
    }

    public func posts(releaseID: Int64) throws -> [Post] {
        try database.read { try $0.posts(releaseID: releaseID) }
    }

    public func posts(incidentID: Int64) throws -> [Post] {
        try database.read { try $0.posts(incidentID: incidentID) }
    }

    public func upcomingPosts(limit: Int = 200) throws -> [Post] {
        try database.read { try $0.upcomingPosts(limit: limit) }
    }

    /// Incidents and waiting posts that cannot be read back, named (for a screen's warning line).
    public func unreadableRows() throws -> [UnreadableRow] {
        try database.read { try $0.unreadableRows() }
    }

    /// The waiting posts, and those among them that cannot be read (named, so a person can act).
    public func upcomingPostsNamingUnreadable(limit: Int = 200) throws -> (posts: [Post], unreadable: [UnreadableRow]) {
        try database.read { session in
            var unreadable: [UnreadableRow] = []
            let posts = try session.upcomingPosts(limit: limit, unreadable: &unreadable)
            return (posts, unreadable)
        }
    }
}

struct ScheduleChange: Encodable {
    let at: Date?
    let channels: [String]
    let posts: [Int64]
}

extension Workspace {
    /// How far ahead a release may be scheduled: five years (an annual campaign planned well ahead fits;
    /// a slip of the year, or a year past 9999 that could not even be read back, does not).
    public static let scheduleHorizon: TimeInterval = 5 * 366 * 86_400

    /// A post's time must fall between the incident's opening and five years from now: anything else is a
    /// typing slip (or an attack on the store: a year past 9999 cannot even be stored and read back).
    func checkScheduleWindow(_ time: Date, incident: Incident, timeZone: TimeZone?) throws {
        // (Never later than now: a time still ahead cannot be before the incident, whatever a clock set back says.)
        let earliest = min(incident.openedAt, clock.now())
        let latest = clock.now().addingTimeInterval(Self.scheduleHorizon)
        guard time >= earliest, time <= latest else {
            let local = LocalTime(timeZone: timeZone ?? TimeZone(identifier: "UTC")!)
            throw StoreError.invalid("A release of incident #\(incident.id) can be scheduled from \(local.dateTime(earliest)) (when the incident opened) to \(local.dateTime(latest)) (five years from now); pick a time in that range.")
        }
    }
}
