import Foundation
@testable import OneVoiceTUI

/// A deterministic day at the Riverton Police Department: 14:05 CST on 22 November 2026.
enum Fixtures {
    /// 2026-11-22 20:05:00 UTC = 14:05 CST.
    static let now = Date(timeIntervalSince1970: 1_795_377_900)

    static func at(minutesAgo: Double) -> Date { now.addingTimeInterval(-minutesAgo * 60) }
    static func inMinutes(_ m: Double) -> Date { now.addingTimeInterval(m * 60) }

    static func header(mode: WorkspaceMode = .exercise, signedIn: Bool = true) -> HeaderInfo {
        HeaderInfo(agencyName: "Riverton Police Department", mode: mode, timeZoneIdentifier: "America/Chicago",
                   operatorInfo: signedIn ? OperatorInfo(handle: "mreyes", role: "PIO") : nil,
                   nextRelease: NextReleaseInfo(incidentID: "INC-0042", title: "Update 2", at: inMinutes(25)))
    }

    static let incidents: [BoardRow] = [
        BoardRow(id: "INC-0042", status: .active, kind: "Officer-involved shooting", title: "Shots fired near the 1400 block of Main St",
                 openedAt: at(minutesAgo: 293), spokesperson: "Lt. M. Reyes", unverifiedFacts: 3, awaitingSignOff: 1,
                 nextReleaseAt: inMinutes(25), isExercise: false),
        BoardRow(id: "INC-0043", status: .active, kind: "Mass casualty", title: "Bus crash on Route 9 多車両事故 🚑 update",
                 openedAt: at(minutesAgo: 145), spokesperson: "Sgt. 王伟", unverifiedFacts: 2, awaitingSignOff: 0,
                 nextReleaseAt: inMinutes(55), isExercise: false),
        BoardRow(id: "INC-0040", status: .active, kind: "Missing person", title: "Missing child, Lakeside Park (drill)",
                 openedAt: at(minutesAgo: 30), spokesperson: nil, unverifiedFacts: 1, awaitingSignOff: 0,
                 nextReleaseAt: nil, isExercise: true),
        BoardRow(id: "INC-0041", status: .monitoring, kind: "Evacuation", title: "Gas leak evacuation, Elm district 🔥",
                 openedAt: at(minutesAgo: 1_500), spokesperson: nil, unverifiedFacts: 0, awaitingSignOff: 2,
                 nextReleaseAt: inMinutes(60 * 20), isExercise: false),
        BoardRow(id: "INC-0039", status: .closed, kind: "Road closure", title: "Bridge closure for the holiday parade",
                 openedAt: at(minutesAgo: 60 * 24 * 5), spokesperson: "Ofc. J. Park", unverifiedFacts: 0, awaitingSignOff: 0,
                 nextReleaseAt: nil, isExercise: false),
        BoardRow(id: "INC-0038", status: .closed, kind: "Traffic fatality", title: "Fatal crash at Oak Ave and 3rd St",
                 openedAt: at(minutesAgo: 60 * 24 * 12), spokesperson: "Lt. M. Reyes", unverifiedFacts: 0, awaitingSignOff: 0,
                 nextReleaseAt: nil, isExercise: false),
    ]

    static let facts: [FactRow] = [
        FactRow(id: "F1", statement: "One officer was taken to Mercy Hospital with a leg wound", status: .verified,
                source: "Mercy Hospital (hospital)", verifiedBy: "mreyes", clearedForRelease: true),
        FactRow(id: "F2", statement: "One adult male suspect was taken into custody", status: .verified,
                source: "Cmdr. Diaz (incident commander)", verifiedBy: "mreyes", clearedForRelease: true),
        FactRow(id: "F3", statement: "A second suspect fled on foot toward the river", status: .unverified,
                source: "Witness (social media)", verifiedBy: nil, clearedForRelease: false),
        FactRow(id: "F4", statement: "Main St is closed between 13th and 15th", status: .unverified,
                source: "Traffic unit (on-scene officer)", verifiedBy: nil, clearedForRelease: false),
        FactRow(id: "F5", statement: "Three shots were fired", status: .disputed,
                source: "Witness (witness)", verifiedBy: nil, clearedForRelease: false),
        FactRow(id: "F6", statement: "The suspect is 17 years old", status: .retracted,
                source: "Desk sergeant (official record)", verifiedBy: "mreyes", clearedForRelease: false),
        FactRow(id: "F7", statement: "No ongoing threat to the public 公共安全 ✅", status: .unverified,
                source: "Cmdr. Diaz (incident commander)", verifiedBy: nil, clearedForRelease: false),
    ]

    static let releases: [ReleaseRow] = [
        ReleaseRow(id: "R3", title: "Update 2: road closures", stage: .draft, revision: 1, at: nil, signedOffBy: nil),
        ReleaseRow(id: "R4", title: "Correction: number of shots", stage: .inReview, revision: 2, at: nil, signedOffBy: nil),
        ReleaseRow(id: "R2", title: "Update 1: officer in stable condition", stage: .scheduled, revision: 3, at: inMinutes(25), signedOffBy: "Lt. M. Reyes"),
        ReleaseRow(id: "R1", title: "Holding statement", stage: .released, revision: 2, at: at(minutesAgo: 250), signedOffBy: "Lt. M. Reyes"),
    ]

    static let posts: [PostRow] = [
        PostRow(id: "P1", channel: "X", releaseTitle: "Holding statement", status: .delivered, at: at(minutesAgo: 249), length: 262, limit: 280),
        PostRow(id: "P2", channel: "Facebook", releaseTitle: "Holding statement", status: .delivered, at: at(minutesAgo: 249), length: 812, limit: 63_206),
        PostRow(id: "P3", channel: "Bluesky", releaseTitle: "Update 1: officer in stable condition", status: .scheduled, at: inMinutes(25), length: 296, limit: 300),
        PostRow(id: "P4", channel: "Nextdoor", releaseTitle: "Update 1: officer in stable condition", status: .missed, at: at(minutesAgo: 5), length: 410, limit: 400),
    ]

    static func detail(_ row: BoardRow) -> IncidentDetail {
        IncidentDetail(id: row.id, kind: row.kind, title: row.title, status: row.status, severity: "high",
                       location: "1400 block of Main St", openedAt: row.openedAt, closedAt: nil,
                       spokesperson: row.spokesperson, isExercise: row.isExercise,
                       factCounts: [.unverified: 3, .verified: 2, .disputed: 1, .retracted: 1],
                       releaseCounts: [.draft: 1, .inReview: 1, .scheduled: 1, .released: 1], postCount: 4)
    }

    static func logEntries(count: Int = 60) -> [LogRow] {
        let actors = ["mreyes", "jpark", "cdiaz", "system"]
        let actions = ["fact.add", "fact.verify", "release.draft", "release.sign-off", "post.schedule", "post.deliver"]
        let incidents: [IncidentID?] = ["INC-0042", "INC-0043", "INC-0041", nil]
        return (1...count).map { n in
            LogRow(sequence: Int64(n), at: at(minutesAgo: Double(count - n) * 7), actor: actors[n % actors.count],
                   action: actions[n % actions.count], subject: n == count ? "Bus crash 多車両事故 🚑 fact F9" : "entry \(n) subject text",
                   incidentID: incidents[n % incidents.count])
        }
    }

    static func source(mode: WorkspaceMode = .exercise, signedIn: Bool = true) -> FakeDashboardSource {
        let source = FakeDashboardSource(header: header(mode: mode, signedIn: signedIn), incidents: incidents, log: logEntries())
        for row in incidents { source.details[row.id] = detail(row) }
        for id: IncidentID in ["INC-0042", "INC-0043"] {
            source.factsByIncident[id] = facts
            source.releasesByIncident[id] = releases
            source.postsByIncident[id] = posts
        }
        return source
    }

    /// A started program over the fixture source.
    static func program(width: Int = 80, height: Int = 24, source: FakeDashboardSource? = nil, colorEnabled: Bool = true) -> DashboardProgram {
        DisplayWidth.ensureUTF8Locale()
        let program = DashboardProgram(source: source ?? Self.source(), width: width, height: height, theme: .fallback,
                                       colorEnabled: colorEnabled, themes: ThemeLibrary(directory: nil), clock: { now })
        program.start()
        return program
    }
}

extension Fixtures {
    /// A 120×40 dashboard as `role` (nil: no key loaded) sees `route`.
    static func state(role: String?, route: Route = .board) -> DashboardState {
        var state = DashboardState(width: 120, height: 40, now: now, theme: .fallback)
        var header = header()
        header.operatorInfo = role.map { OperatorInfo(handle: "pio", role: $0) }
        state.header = header
        state.route = route
        return state
    }

    /// Presses `keys` in turn through `update`; the effects of the last one.
    static func press(_ keys: [Key], _ state: inout DashboardState, update: Update = Update()) -> [Effect] {
        var last: [Effect] = []
        for key in keys { last = update(&state, .key(key)) }
        return last
    }

    static func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }
}

