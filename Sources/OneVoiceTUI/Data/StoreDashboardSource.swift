import Foundation
import OneVoiceCore

/// The dashboard's window onto a real OneVoice database: each call is one short read of a
/// consistent snapshot, windowed by keyset, mapped to the TUI's view models.
public final class StoreDashboardSource: DashboardSource {
    /// The workspace and the key the dashboard acts with (`:as` swaps the key in the demo).
    public internal(set) var workspace: Workspace
    /// Demo only: the workspace acting as a role or handle (nil outside the demo: `:as` explains).
    public let switchIdentity: (@Sendable (String) throws -> Workspace)?
    /// The scheduler this process runs beside the dashboard, whose failures the dashboard shows.
    public var schedulerLoop: SchedulerLoop?

    public init(workspace: Workspace, switchIdentity: (@Sendable (String) throws -> Workspace)? = nil) {
        self.workspace = workspace
        self.switchIdentity = switchIdentity
    }

    public func header() throws -> HeaderInfo {
        let identity = workspace.identity
        return try workspace.dashboardRead { session in
            guard let agency = try session.agency() else { throw StoreError.notInitialised(path: workspace.database.path) }
            let person = try identity.flatMap { try session.person(publicKey: $0.publicKeyBase64) }
            let next = try session.nextScheduledPost().flatMap { post, release -> NextReleaseInfo? in
                post.scheduledAt.map { NextReleaseInfo(incidentID: "\(release.incidentID)", title: release.title, at: $0) }
            }
            return HeaderInfo(agencyName: agency.name, mode: agency.mode == .exercise ? .exercise : .live,
                              timeZoneIdentifier: agency.timeZoneIdentifier,
                              operatorInfo: person.map { OperatorInfo(handle: $0.handle, roles: Set($0.roles)) },
                              nextRelease: next)
        }
    }

    /// Every role the person holds, e.g. "drafter+spokesperson", so the top bar says exactly who is acting.
    static func mainRole(_ person: Person) -> String {
        person.roles.isEmpty ? "no role" : person.roles.sorted().map(\.rawValue).joined(separator: "+")
    }

    public func unreadableRowCount() throws -> Int {
        try workspace.unreadableRows().count
    }

    public func boardCount() throws -> Int {
        try workspace.dashboardRead { try $0.incidentCount() }
    }

    public func boardRows(from cursor: BoardCursor?, direction: PageDirection, limit: Int) throws -> [BoardRow] {
        try workspace.dashboardRead { session in
            try session.boardPage(after: cursor.flatMap(Self.position), backward: direction == .backward, limit: limit).map { entry in
                var row = Self.row(entry)
                if entry.postsNeedingAttention > 0 { row.alert = try alert(session: session, incidentID: entry.incident.id) }
                if row.alert == nil, let doubted = try session.factToCorrect(incidentID: entry.incident.id) {
                    // A released statement rests on a fact now disputed or retracted: it needs a correction.
                    row.alert = "fact #\(doubted.fact.id) \(doubted.fact.status.rawValue): correct release #\(doubted.releaseID)"
                }
                return row
            }
        }
    }

    public func incidentChoices(limit: Int) throws -> [BoardRow] {
        try workspace.dashboardRead { try $0.boardPage(after: nil, limit: limit).map(Self.row) }
    }

    public func findBoardRow(containing text: String, from cursor: BoardCursor?, direction: PageDirection) throws -> BoardRow? {
        try workspace.dashboardRead { session in
            try session.boardPage(after: cursor.flatMap(Self.position), backward: direction == .backward, limit: 1, matching: text)
                .first.map(Self.row)
        }
    }

    public func boardMatchCount(containing text: String, before cursor: BoardCursor?) throws -> Int {
        try workspace.dashboardRead { try $0.boardMatchCount(matching: text, before: cursor.flatMap(Self.position)) }
    }

    public func boardPosition(of cursor: BoardCursor) throws -> Int {
        guard let position = Self.position(cursor) else { return 0 }
        return try workspace.dashboardRead { try $0.boardRowsBefore(position) }
    }

    static func position(_ cursor: BoardCursor) -> BoardPosition? {
        cursor.id.number.map { BoardPosition(rank: cursor.rank, openedAt: cursor.openedAt, id: $0) }
    }

    static func row(_ entry: BoardEntry) -> BoardRow {
        let incident = entry.incident
        return BoardRow(id: "\(incident.id)", status: IncidentStatusValue(rawValue: incident.status.rawValue) ?? .active,
                        kind: incident.kind.label, title: incident.title, openedAt: incident.openedAt,
                        spokesperson: entry.spokesperson, unverifiedFacts: entry.unverifiedFacts,
                        awaitingSignOff: entry.awaitingSignOff, nextReleaseAt: entry.nextReleaseAt, isExercise: incident.isExercise)
    }

    public func incident(id: IncidentID) throws -> IncidentDetail? {
        guard let incidentID = id.number else { return nil }
        return try workspace.dashboardRead { session -> IncidentDetail? in
            guard let incident = try session.incident(id: incidentID) else { return nil }
            let counts = try session.incidentCounts(incidentID: incidentID)
            let spokesperson = try incident.spokespersonID.flatMap { try session.person(id: $0)?.handle }
            var facts: [FactStatusValue: Int] = [:]
            for (status, n) in counts.facts { if let value = FactStatusValue(rawValue: status.rawValue) { facts[value] = n } }
            var releases: [ReleaseStage: Int] = [:]
            for (status, n) in counts.releases { releases[Self.stage(status)] = n }
            let agencies: [String] = incident.participatingAgencies == [AgencyID.host] ? [] : try session.agencyDirectory().names(of: incident)
            return IncidentDetail(id: id, kind: incident.kind.label, title: incident.title,
                                  status: IncidentStatusValue(rawValue: incident.status.rawValue) ?? .active,
                                  severity: Self.severity(incident.severity), location: incident.location,
                                  openedAt: incident.openedAt, closedAt: incident.closedAt, spokesperson: spokesperson,
                                  isExercise: incident.isExercise, factCounts: facts, releaseCounts: releases, postCount: counts.posts,
                                  agencies: agencies)
        }
    }

    static func severity(_ level: Int) -> String {
        switch level {
        case 1: "minor"
        case 2: "moderate"
        case 3: "major"
        default: "critical"
        }
    }

    static func stage(_ status: ReleaseStatus) -> ReleaseStage {
        switch status {
        case .draft: .draft
        case .inReview: .inReview
        case .approved: .approved
        case .scheduled: .scheduled
        case .released: .released
        }
    }

    public func facts(incidentID: IncidentID, limit: Int) throws -> [FactRow] {
        guard let id = incidentID.number else { return [] }
        return try workspace.dashboardRead { session in
            let people = Dictionary(try session.allPeople().map { ($0.id, $0.handle) }, uniquingKeysWith: { a, _ in a })
            return try session.factListings(incidentID: id, limit: limit).map { fact in
                FactRow(id: "\(fact.id)", statement: fact.text, status: FactStatusValue(rawValue: fact.status.rawValue) ?? .unverified,
                        source: "\(fact.source) (\(fact.sourceKind.rawValue.replacingOccurrences(of: "-", with: " ")))",
                        verifiedBy: fact.status == .unverified ? nil : fact.statusBy.flatMap { people[$0] },
                        clearedForRelease: fact.clearedForRelease)
            }
        }
    }

    public func releases(incidentID: IncidentID, limit: Int) throws -> [ReleaseRow] {
        guard let id = incidentID.number else { return [] }
        return try workspace.dashboardRead { session in
            let approvers = try session.approvers(incidentID: id)
            let times = try session.releaseTimes(incidentID: id)
            let order = ReleaseStatus.allCases
            return try session.releases(incidentID: id)
                .sorted { (order.firstIndex(of: $0.status)!, $0.id) < (order.firstIndex(of: $1.status)!, $1.id) }
                .prefix(limit).map { release in
                    let own = times[release.id]
                    let at = release.status == .released ? own?.lastDelivered : own?.firstScheduled
                    return ReleaseRow(id: "\(release.id)", title: release.title, stage: Self.stage(release.status),
                                      revision: release.currentRevision, at: at, signedOffBy: approvers[release.id])
                }
        }
    }

    public func posts(incidentID: IncidentID, limit: Int) throws -> [PostRow] {
        guard let id = incidentID.number else { return [] }
        return try workspace.dashboardRead { session in
            let posts = try session.postListings(incidentID: id, limit: limit)
            // Every release named, in one query (the large incident's 500 posts name a hundred releases).
            let titles = try session.releaseTitles(ids: Set(posts.map(\.releaseID)))
            return posts.map { post in
                let check = PostValidator.validate(post.text, for: post.channel, limits: workspace.settings.limits)
                return PostRow(id: "\(post.id)", channel: post.channel.displayName, releaseTitle: titles[post.releaseID] ?? "",
                               status: post.state,
                               state: PostStateWords.words(post.state, nextAttemptAt: post.nextAttemptAt, lastError: post.lastError,
                                                           publicURL: post.publicURL, now: workspace.clock.now()),
                               at: post.deliveredAt ?? post.scheduledAt, length: check.length, limit: check.limit)
            }
        }
    }

    public func logCount(_ filter: LogFilter) throws -> Int {
        let scope = try Self.scope(filter)
        return try workspace.dashboardRead { try $0.logCount(incidentID: scope.incidentID, since: scope.from, until: scope.to) }
    }

    public func logRows(_ filter: LogFilter, from cursor: LogCursor?, direction: PageDirection, limit: Int) throws -> [LogRow] {
        let scope = try Self.scope(filter)
        return try workspace.dashboardRead { session in
            try session.logWindow(incidentID: scope.incidentID, from: cursor?.sequence, backward: direction == .backward, limit: limit,
                                  since: scope.from, until: scope.to).map(Self.row)
        }
    }

    public func logPosition(of cursor: LogCursor, in filter: LogFilter) throws -> Int {
        let scope = try Self.scope(filter)
        return try workspace.dashboardRead { try $0.logEntriesNewer(than: cursor.sequence, incidentID: scope.incidentID, since: scope.from, until: scope.to) }
    }

    /// The filter as Core's scope of a records request (the log view, its search and its export all use it).
    static func scope(_ filter: LogFilter) throws -> ExportScope {
        var incidentID: Int64?
        if let id = filter.incidentID {
            guard let number = Int64(id.rawValue.trimmingCharacters(in: CharacterSet(charactersIn: "# "))) else {
                throw OperationError("There is no incident \(id): incidents are numbered (pick one from the list).")
            }
            incidentID = number
        }
        return ExportScope(incidentID: incidentID, from: filter.from, to: filter.to)
    }

    static func row(_ entry: LogEntry) -> LogRow {
        LogRow(sequence: entry.seq, at: entry.date, actor: entry.actorHandle, action: entry.action, subject: entry.subject,
               incidentID: entry.incidentID.map { "\($0)" })
    }

    public func schedulerProblem() -> String? { schedulerLoop?.lastProblem }

    public func connectionProblem() -> String? { workspace.database.serverProblem }

    public func dataVersion() throws -> Int {
        try workspace.changeStamp()
    }
}
