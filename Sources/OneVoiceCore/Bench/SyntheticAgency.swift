import Foundation

/// Builds a synthetic agency for benchmarks: years of incidents, each with facts checked by a
/// verifier, releases drafted, revised, approved by the spokesperson and delivered on several
/// channels, and the records-log entries of all of it, in time order.
///
/// Everything is what the workflow itself would store: facts and approvals carry real Ed25519
/// signatures, revisions their content hashes, and the log is one hash chain (so `archive verify`
/// passes). Rows go in through `StoreSession`'s bulk methods, a few hundred incidents per transaction.
/// The content is deterministic for a given shape (a seeded generator); only keys and times differ.
///
/// The newest incident is the large one (`BenchShape.largeItems` facts, releases and posts); the
/// newest `scheduledPosts / 5` other incidents are still open, each with one release scheduled on
/// five channels at a future time. The log is filled up to `logEntries` with failed delivery attempts
/// (rate limits, timeouts) before posts went out.
public struct SyntheticAgency {
    public let shape: BenchShape
    /// The present: everything happened before it; scheduled posts wait after it.
    public let now: Date

    public struct Built: Sendable {
        public let workspace: Workspace
        public let largeIncidentID: Int64
        public let counts: [String: Int]
        public let seconds: Double
    }

    public init(shape: BenchShape, now: Date) {
        self.shape = shape
        self.now = Timestamps.truncated(now)
    }

    /// Creates the database at `url` (which must not exist) and fills it; `progress` gets a line now and then.
    public func build(at url: URL, progress: (String) -> Void = { _ in }) throws -> Built {
        let started = ContinuousClock.now
        let plans = try Planner(shape: shape).plans()
        let clock = ManualClock(now.addingTimeInterval(-Double(shape.incidents) * Self.slotSeconds - 7200))
        let cast = BenchCast()
        let workspace = try Workspace.initialize(at: url, agencyName: "Riverton Police Department",
                                                 timeZoneIdentifier: "America/Chicago", mode: .live, handle: "admin",
                                                 displayName: "Dana Admin", key: cast.adminKey, clock: clock)
        var state = try workspace.database.write { session -> LoadState in
            var state = LoadState(position: try session.bulkLogPosition(),
                                  nextIncident: try session.bulkNextID(table: .incident), nextFact: try session.bulkNextID(table: .fact),
                                  nextRelease: try session.bulkNextID(table: .pressRelease),
                                  nextRevision: try session.bulkNextID(table: .releaseRevision),
                                  nextPost: try session.bulkNextID(table: .post), nextAttestation: try session.bulkNextID(table: .attestation))
            guard let admin = try session.person(handle: "admin") else { throw StoreError.notInitialised(path: url.path) }
            var nextPerson = try session.bulkNextID(table: .person)
            let time = Timestamps.milliseconds(clock.now())
            for member in cast.members {
                let person = Person(id: nextPerson, handle: member.handle, displayName: member.name,
                                    publicKey: member.key.publicKeyBase64, roles: member.roles, addedAt: clock.now())
                nextPerson += 1
                try session.bulkInsert(person)
                try session.bulkAppendLog(&state.position, actor: admin, key: cast.adminKey, action: "roster.add", subjectType: "person",
                                          subjectID: person.id, incidentID: nil, change: CanonicalJSON.string(person), time: time)
                state.people[member.handle] = person
            }
            try session.bulkSetLogHead(state.position)
            return state
        }
        let fixedEntries = Int(state.position.seq)
        let filler = shape.logEntries - fixedEntries - plans.reduce(0) { $0 + $1.baseLogCount }
        guard filler >= 0 else {
            throw StoreError.invalid("A synthetic agency of this shape needs more than \(shape.logEntries) log entries.")
        }
        let deliveredPosts = plans.reduce(0) { $0 + $1.deliveredPosts }
        var writer = Writer(shape: shape, now: now, baseTime: clock.now(), cast: cast, filler: filler,
                            deliveredPosts: deliveredPosts)
        let batch = 250
        var index = 0
        var largeID: Int64 = 0
        while index < plans.count {
            let end = min(index + batch, plans.count)
            try workspace.database.write { session in
                for plan in plans[index..<end] {
                    let id = try writer.write(plan, session: session, state: &state)
                    if plan.isLarge { largeID = id }
                }
                try session.bulkSetLogHead(state.position)
            }
            index = end
            let elapsed = (ContinuousClock.now - started).seconds
            progress("  \(end)/\(plans.count) incidents, \(state.position.seq) log entries (\(String(format: "%.0f", elapsed)) s)")
        }
        let counts = try workspace.database.read { try $0.bulkCounts() }
        return Built(workspace: workspace, largeIncidentID: largeID, counts: counts,
                     seconds: (ContinuousClock.now - started).seconds)
    }

    /// Each incident's share of the timeline.
    static let slotSeconds: Double = 90 * 60
}

// MARK: - The people

/// The agency's roster: who records, verifies, clears and speaks.
struct BenchCast {
    struct Member {
        let handle: String
        let name: String
        let roles: [Role]
        let key: IdentityKey
    }

    let adminKey = IdentityKey()
    let members: [Member] = [
        Member(handle: "m.reyes", name: "Maria Reyes", roles: [.drafter], key: IdentityKey()),
        Member(handle: "s.okafor", name: "Sam Okafor", roles: [.verifier], key: IdentityKey()),
        Member(handle: "j.chen", name: "Jordan Chen", roles: [.legal], key: IdentityKey()),
        Member(handle: "lt.ortiz", name: "Lt. Ana Ortiz", roles: [.spokesperson], key: IdentityKey()),
    ]

    func key(_ handle: String) -> IdentityKey { members.first { $0.handle == handle }!.key }
}

// MARK: - The plan

/// What becomes of each release of an incident.
enum ReleaseFate: Equatable {
    case delivered(posts: Int)
    case scheduled(posts: Int)
    case inReview
    case draft

    var posts: Int {
        switch self {
        case .delivered(let n), .scheduled(let n): n
        case .inReview, .draft: 0
        }
    }
}

/// One incident, decided before anything is written, so the log's size is known in advance.
struct IncidentPlan {
    var index: Int
    var isLarge: Bool
    var status: IncidentStatus
    var facts: Int
    /// Global number of the incident's first fact (fact statuses follow it).
    var firstFact: Int
    /// Global number of the first release (revision counts follow it).
    var firstRelease: Int
    var fates: [ReleaseFate]
    /// Global number of the first delivered post (failed attempts are shared out by it).
    var firstDeliveredPost: Int

    static func factStatus(_ globalFact: Int) -> FactStatus {
        switch globalFact % 10 {
        case 0...6: .verified
        case 7: .disputed
        default: .unverified
        }
    }

    static func revisions(_ globalRelease: Int) -> Int { 1 + globalRelease % 3 }

    var deliveredPosts: Int {
        fates.reduce(0) { if case .delivered(let n) = $1 { $0 + n } else { $0 } }
    }

    /// Log entries the incident writes before any failed delivery attempt is added.
    var baseLogCount: Int {
        // Opened; monitoring set by an edit; closed.
        var n = 1 + facts + (status == .closed || status == .monitoring ? 1 : 0)
        // A checked fact: the verifier's statement and the status; a verified one is cleared by legal too.
        for f in 0..<facts {
            switch Self.factStatus(firstFact + f) {
            case .verified: n += 3
            case .unverified: break
            default: n += 2
            }
        }
        for (j, fate) in fates.enumerated() {
            n += 1 + Self.revisions(firstRelease + j)
            switch fate {
            // Submitted, cleared by legal, approved (statement and status), scheduled; each post claimed and
            // delivered; released.
            case .delivered(let posts): n += 1 + 1 + 2 + 1 + 2 * posts + 1
            case .scheduled: n += 1 + 1 + 2 + 1
            case .inReview: n += 1
            case .draft: break
            }
        }
        return n
    }
}

/// Shares `total` out over `parts` as evenly as whole numbers allow; part `i`'s share.
func evenShare(_ i: Int, of total: Int, parts: Int) -> Int {
    guard parts > 0 else { return 0 }
    return (i + 1) * total / parts - i * total / parts
}

struct Planner {
    let shape: BenchShape

    func plans() throws -> [IncidentPlan] {
        let normal = shape.incidents - 1
        let open = shape.scheduledPosts / 5
        guard normal > 0, open <= normal, shape.scheduledPosts % 5 == 0 else {
            throw StoreError.invalid("The benchmark shape does not add up (incidents, scheduled posts).")
        }
        let normalFacts = shape.facts - shape.largeFacts
        let normalReleases = shape.releases - shape.largeReleases
        // Releases that went out, to share the delivered posts over.
        var deliveredReleases = 0
        for k in 0..<normal {
            let r = evenShare(k, of: normalReleases, parts: normal)
            deliveredReleases += k < normal - open ? r : (r >= 2 ? 1 : 0)
        }
        let deliveredPostTotal = shape.posts - shape.largePosts - shape.scheduledPosts
        var plans: [IncidentPlan] = []
        plans.reserveCapacity(shape.incidents)
        var fact = 0, release = 0, delivered = 0, deliveredPost = 0
        for k in 0..<normal {
            let r = evenShare(k, of: normalReleases, parts: normal)
            let isOpen = k >= normal - open
            var fates: [ReleaseFate] = []
            for j in 0..<r {
                if !isOpen || (j == 0 && r >= 2) {
                    fates.append(.delivered(posts: evenShare(delivered, of: deliveredPostTotal, parts: deliveredReleases)))
                    delivered += 1
                } else if j == (r >= 2 ? 1 : 0) {
                    fates.append(.scheduled(posts: 5))
                } else {
                    fates.append(k % 2 == 0 ? .inReview : .draft)
                }
            }
            let status: IncidentStatus = !isOpen ? .closed : (k >= normal - max(1, open / 10) ? .active : .monitoring)
            let f = evenShare(k, of: normalFacts, parts: normal)
            let plan = IncidentPlan(index: k, isLarge: false, status: status, facts: f, firstFact: fact, firstRelease: release,
                                    fates: fates, firstDeliveredPost: deliveredPost)
            plans.append(plan)
            fact += f
            release += r
            deliveredPost += plan.deliveredPosts
        }
        let largeFates = (0..<shape.largeReleases).map {
            ReleaseFate.delivered(posts: evenShare($0, of: shape.largePosts, parts: shape.largeReleases))
        }
        plans.append(IncidentPlan(index: normal, isLarge: true, status: .active, facts: shape.largeFacts, firstFact: fact,
                                  firstRelease: release, fates: largeFates, firstDeliveredPost: deliveredPost))
        return plans
    }
}

// MARK: - Writing

/// Ids handed out and the chain's position, carried across transactions.
struct LoadState {
    var position: LogChainPosition
    var nextIncident: Int64
    var nextFact: Int64
    var nextRelease: Int64
    var nextRevision: Int64
    var nextPost: Int64
    var nextAttestation: Int64
    var people: [String: Person] = [:]
    var scheduledSoFar = 0
}

struct Writer {
    let shape: BenchShape
    let now: Date
    let baseTime: Date
    let cast: BenchCast
    /// Failed delivery attempts to share out over every delivered post.
    let filler: Int
    let deliveredPosts: Int
    var text = SyntheticText(seed: 0x5EED_0001)

    static let channels: [Channel] = [.x, .facebook, .website, .mastodon, .bluesky, .nextdoor, .media, .threads]

    init(shape: BenchShape, now: Date, baseTime: Date, cast: BenchCast, filler: Int, deliveredPosts: Int) {
        self.shape = shape
        self.now = now
        self.baseTime = baseTime
        self.cast = cast
        self.filler = filler
        self.deliveredPosts = deliveredPosts
    }

    /// Each channel's text: the whole release where it fits, otherwise a short text with the link, as a
    /// template's short versions read. (Cheaper than `Renditions.make`, which fits sentence by sentence.)
    static func renditions(body: String, title: String, kind: ReleaseKind, channels: [Channel], link: String) -> [String: String] {
        let prefix = kind.marker.map { $0 + ": " } ?? ""
        var result: [String: String] = [:]
        for channel in channels {
            switch channel {
            case .facebook, .website, .media:
                result[channel.slug] = prefix + body
            default:
                // Titles and links are ASCII, so this stays under X's 280 and every other short limit.
                let short = prefix + title + ". The investigation is ongoing; more information will follow."
                result[channel.slug] = String(short.prefix(220)) + " " + link
            }
        }
        return result
    }

    /// Writes one incident and everything about it; returns its id.
    mutating func write(_ plan: IncidentPlan, session: StoreSession, state: inout LoadState) throws -> Int64 {
        let drafter = state.people["m.reyes"]!, verifier = state.people["s.okafor"]!, spokesperson = state.people["lt.ortiz"]!
        // Failed attempts of each delivered post, then the incident's entries spread evenly over its slot.
        var failures: [Int] = []
        failures.reserveCapacity(plan.deliveredPosts)
        for p in 0..<plan.deliveredPosts {
            failures.append(evenShare(plan.firstDeliveredPost + p, of: filler, parts: deliveredPosts))
        }
        let entryCount = plan.baseLogCount + failures.reduce(0, +)
        // Each failed attempt is two entries (failed, then claimed again); an odd one left is a claim taken over.
        let slotStart = Timestamps.milliseconds(baseTime) + Int64(plan.index) * Int64(SyntheticAgency.slotSeconds * 1000)
        let step = Int64(SyntheticAgency.slotSeconds * 1000 - 60_000) / Int64(entryCount + 1)
        var entry = 0
        func nextTime() -> Int64 {
            entry += 1
            return slotStart + Int64(entry) * step
        }
        let firstSeq = state.position.seq
        func log(_ actor: Person?, _ action: String, _ type: String, _ id: Int64, _ incidentID: Int64, _ change: String, _ time: Int64) throws {
            // The scheduler's entries are signed by whoever runs it: here the drafter.
            let key = cast.key(actor?.handle ?? "m.reyes")
            let actor = actor ?? drafter
            try session.bulkAppendLog(&state.position, actor: actor, key: key, action: action, subjectType: type, subjectID: id,
                                      incidentID: incidentID, change: change, time: time)
        }
        func date(_ ms: Int64) -> Date { Timestamps.date(milliseconds: ms) }

        // The incident: each row is written, then the entry that records it (the rows it wrote go with it).
        let openedAt = nextTime()
        let incidentID = state.nextIncident
        state.nextIncident += 1
        let kind = plan.isLarge ? IncidentKind.massCasualty : text.kind()
        var incident = Incident(id: incidentID, kind: kind, title: plan.isLarge ? "Multi-vehicle crash and fire on Route 9" : text.title(kind),
                                location: text.location(), status: .active, severity: plan.isLarge ? 4 : 1 + plan.index % 3,
                                spokespersonID: spokesperson.id, isExercise: false, openedAt: date(openedAt), openedBy: drafter.id)
        try session.bulkInsert(incident)
        try log(drafter, "incident.open", "incident", incidentID, incidentID, CanonicalJSON.string(incident), openedAt)

        // Facts, each recorded and (mostly) checked by someone else, with a signed statement; legal clears the verified.
        let legal = state.people["j.chen"]!
        var verified: [String] = []
        for f in 0..<plan.facts {
            let recordedAt = nextTime()
            var fact = Fact(id: state.nextFact, incidentID: incidentID, key: f < 3 ? ["injured", "closure", "time"][f] : nil,
                            // Numbered, so one fact's statement is never part of another's (a release repeats only the verified).
                            text: text.fact() + " (report #\(state.nextFact))", source: text.source(), sourceKind: text.sourceKind(),
                            recordedBy: drafter.id, recordedAt: date(recordedAt))
            state.nextFact += 1
            try session.bulkInsert(fact)
            try log(drafter, "fact.add", "fact", fact.id, incidentID, CanonicalJSON.string(fact), recordedAt)
            let status = IncidentPlan.factStatus(plan.firstFact + f)
            if status != .unverified {
                let at = nextTime()
                let note = status == .verified ? "confirmed with \(fact.source)" : "conflicts with the incident commander's account"
                var attestation = try Attestation.sign(by: verifier, role: .verifier, key: cast.key("s.okafor"), subjectType: "fact",
                                                       subjectID: fact.id, contentHash: fact.contentHash, verdict: status.rawValue,
                                                       note: note, at: date(at))
                attestation.id = state.nextAttestation
                state.nextAttestation += 1
                try session.bulkInsert(attestation)
                try log(verifier, "attest.\(status.rawValue)", "attestation", attestation.id, incidentID, CanonicalJSON.string(attestation), at)
                let statusAt = nextTime()
                fact.status = status
                fact.statusBy = verifier.id
                fact.statusAt = date(statusAt)
                try session.bulkUpdate(fact)
                try log(verifier, "fact.\(status.rawValue)", "fact", fact.id, incidentID,
                        CanonicalJSON.string(StatusChange(status: status.rawValue, note: note)), statusAt)
                if status == .verified {
                    fact.clearedForRelease = true
                    try session.bulkUpdate(fact)
                    try log(legal, "fact.clear", "fact", fact.id, incidentID, CanonicalJSON.string(["cleared": true]), nextTime())
                    if verified.count < 4 { verified.append(fact.text) }
                }
            }
        }

        // Releases: drafted, revised, submitted, cleared, approved, scheduled, claimed, delivered.
        var failureIndex = 0
        for (j, fate) in plan.fates.enumerated() {
            let createdAt = nextTime()
            let releaseID = state.nextRelease
            state.nextRelease += 1
            let isHolding = j == 0
            var release = Release(id: releaseID, incidentID: incidentID, kind: j == 0 ? .original : .update,
                                  templateID: kind.slug, isHolding: isHolding,
                                  title: (isHolding ? "Holding statement: " : "Update \(j): ") + incident.title,
                                  createdBy: drafter.id, createdAt: date(createdAt))
            try session.bulkInsert(release)
            try log(drafter, "release.draft", "release", releaseID, incidentID, CanonicalJSON.string(release), createdAt)
            let channels = Array(Self.channels.prefix(max(fate.posts, 5)))
            var body = text.release(incident: incident, facts: verified, agency: "Riverton Police Department", kind: release.kind)
            var revision = ReleaseRevision(releaseID: releaseID, number: 0, text: "", renditions: [:], authorID: drafter.id, createdAt: incident.openedAt)
            let revisions = IncidentPlan.revisions(plan.firstRelease + j)
            for number in 1...revisions {
                let at = nextTime()
                if number > 1 { body += " " + text.revisionNote() }
                let renditions = Self.renditions(body: body, title: release.title, kind: release.kind, channels: channels,
                                                 link: "https://riverton.example.gov/news/\(releaseID)")
                revision = ReleaseRevision(id: state.nextRevision, releaseID: releaseID, number: number, text: body,
                                           renditions: renditions, authorID: drafter.id, createdAt: date(at))
                state.nextRevision += 1
                try session.bulkInsert(revision)
                if number > 1 {
                    release.currentRevision = number
                    try session.bulkUpdate(release)
                }
                try log(drafter, "release.revise", "release", releaseID, incidentID, CanonicalJSON.string(revision), at)
            }
            if fate != .draft {
                release.status = .inReview
                try session.bulkUpdate(release)
                try log(drafter, "release.submit", "release", releaseID, incidentID,
                        CanonicalJSON.string(StatusChange(status: ReleaseStatus.inReview.rawValue, note: "revision \(revisions)")), nextTime())
            }
            if fate.posts > 0 {
                let clearedAt = nextTime()
                var clearance = try Attestation.sign(by: legal, role: .legal, key: cast.key("j.chen"), subjectType: "release",
                                                     subjectID: releaseID, contentHash: PublishedDocument(release: release, revision: revision, incident: incident).hash, verdict: "cleared",
                                                     note: "", at: date(clearedAt))
                clearance.id = state.nextAttestation
                state.nextAttestation += 1
                try session.bulkInsert(clearance)
                try log(legal, "attest.cleared", "attestation", clearance.id, incidentID, CanonicalJSON.string(clearance), clearedAt)
                let approvedAt = nextTime()
                var attestation = try Attestation.sign(by: spokesperson, role: .spokesperson, key: cast.key("lt.ortiz"),
                                                       subjectType: "release", subjectID: releaseID,
                                                       contentHash: PublishedDocument(release: release, revision: revision, incident: incident).hash,
                                                       verdict: "approved", note: "", at: date(approvedAt))
                attestation.id = state.nextAttestation
                state.nextAttestation += 1
                try session.bulkInsert(attestation)
                try log(spokesperson, "attest.approved", "attestation", attestation.id, incidentID, CanonicalJSON.string(attestation), approvedAt)
                release.status = .approved
                try session.bulkUpdate(release)
                try log(spokesperson, "release.approve", "release", releaseID, incidentID,
                        CanonicalJSON.string(StatusChange(status: ReleaseStatus.approved.rawValue, note: "revision \(revisions)")), nextTime())
                // Scheduled: the posts of the release, at once (delivered) or at a future time.
                let scheduledAt = nextTime()
                var posts: [Post] = []
                for channel in channels.prefix(fate.posts) {
                    let future: Date?
                    if case .scheduled = fate {
                        future = now.addingTimeInterval(3600 + Double(state.scheduledSoFar) * 97)
                        state.scheduledSoFar += 1
                    } else {
                        future = nil
                    }
                    let post = Post(id: state.nextPost, releaseID: releaseID, incidentID: incidentID, revisionNumber: revisions,
                                    channel: channel, text: revision.renditions[channel.slug] ?? body,
                                    scheduledAt: future ?? date(scheduledAt), state: .scheduled,
                                    idempotencyKey: "onevoice-\(releaseID)-\(channel.slug)-bench-\(state.nextPost)",
                                    isExercise: false, createdAt: date(scheduledAt))
                    state.nextPost += 1
                    try session.bulkInsert(post)
                    posts.append(post)
                }
                release.status = .scheduled
                try session.bulkUpdate(release)
                try log(spokesperson, "release.schedule", "release", releaseID, incidentID,
                        CanonicalJSON.string(ScheduleChange(at: posts.first?.scheduledAt, channels: posts.map(\.channel.slug),
                                                            posts: posts.map(\.id))), scheduledAt)
                if case .delivered = fate {
                    for index in posts.indices {
                        let failed = failures[failureIndex]
                        failureIndex += 1
                        // Claimed, then for every two filler entries a failure and a new claim; an odd one
                        // left over is a stale claim taken over.
                        func claim() throws {
                            let at = nextTime()
                            posts[index].state = .delivering
                            posts[index].attempts += 1
                            posts[index].claimedBy = "bench-scheduler"
                            posts[index].claimedAt = date(at)
                            try session.bulkUpdate(posts[index])
                            try log(nil, "post.claim", "post", posts[index].id, incidentID,
                                    CanonicalJSON.string(PostOutcome(state: "delivering", detail: "attempt \(posts[index].attempts)")), at)
                        }
                        try claim()
                        for attempt in 0..<(failed / 2) {
                            let at = nextTime()
                            let error = attempt % 2 == 0 ? "X answered 429 Too Many Requests; retrying" : "The request timed out after 30 s; retrying"
                            posts[index].state = .failed
                            posts[index].claimedBy = nil
                            posts[index].claimedAt = nil
                            posts[index].lastError = error
                            posts[index].nextAttemptAt = date(at + 30_000)
                            try session.bulkUpdate(posts[index])
                            try log(nil, "post.failed", "post", posts[index].id, incidentID,
                                    CanonicalJSON.string(PostOutcome(state: "failed", detail: error, nextAttempt: date(at + 30_000))), at)
                            try claim()
                        }
                        if failed % 2 == 1 { try claim() }
                        let at = nextTime()
                        posts[index].state = .delivered
                        posts[index].claimedBy = nil
                        posts[index].claimedAt = nil
                        posts[index].lastError = nil
                        posts[index].nextAttemptAt = nil
                        posts[index].deliveredAt = date(at)
                        posts[index].externalID = "\(posts[index].channel.slug)-\(180_000_000 + posts[index].id)"
                        try session.bulkUpdate(posts[index])
                        try log(nil, "post.delivered", "post", posts[index].id, incidentID,
                                CanonicalJSON.string(PostOutcome(state: "delivered", detail: posts[index].externalID ?? "")), at)
                    }
                    release.status = .released
                    try session.bulkUpdate(release)
                    try log(nil, "release.released", "release", releaseID, incidentID,
                            CanonicalJSON.string(PostOutcome(state: "released", detail: "\(posts.count) posts delivered")), nextTime())
                }
            }
        }

        if plan.status == .closed {
            let at = nextTime()
            incident.status = .closed
            incident.closedAt = date(at)
            try session.bulkUpdate(incident)
            try log(drafter, "incident.close", "incident", incidentID, incidentID, CanonicalJSON.string(["status": "closed"]), at)
        } else if plan.status == .monitoring {
            incident.status = .monitoring
            try session.bulkUpdate(incident)
            try log(drafter, "incident.edit", "incident", incidentID, incidentID, CanonicalJSON.string(["status": "monitoring"]), nextTime())
        }
        precondition(Int(state.position.seq - firstSeq) == entryCount, "the plan and the log disagree")
        return incidentID
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
