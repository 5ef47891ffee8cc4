import Foundation

/// A fictional agency on a bad day, for `onevoice --demo`: an active shooter in progress, an
/// officer-involved shooting under its name hold, a road closure worked jointly with the fire department,
/// tomorrow's community event and a closed incident with a correction. Always EXERCISE; always its own file,
/// re-made at each start.
public struct DemoSeeder: Sendable {
    /// The roles a visitor can act as, each with its own key in the demo folder.
    public static let roles: [(handle: String, name: String, roles: [Role])] = [
        ("ada", "Ada Brooks", [.admin]),
        ("dana", "Dana Whitfield", [.drafter]),
        ("vic", "Vic Alvarez", [.verifier]),
        ("lee", "Lee Chen", [.legal]),
        ("sam", "Sam Okafor", [.spokesperson]),
        // A PIO who drafts and is the spokesperson: the first message without waiting for anyone.
        ("pio", "Pat Rivera", [.drafter, .spokesperson]),
    ]

    /// A partner agency sharing the record, with one person of its own (a key too: `--as rae`), so the demo
    /// shows a joint incident and what a partner may and may not do.
    public static let partner = (code: "fire", name: "Riverton Fire Rescue",
                                 person: (handle: "rae", name: "Rae Donovan", roles: [Role.drafter, .spokesperson]))

    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public var databaseURL: URL { directory.appendingPathComponent("onevoice-demo.sqlite") }

    public func keyURL(handle: String) -> URL { directory.appendingPathComponent("\(handle).key") }

    /// The key for a role name or handle ("spokesperson", "sam").
    public func keyURL(forRoleOrHandle name: String) -> URL? {
        if name == Self.partner.person.handle { return keyURL(handle: name) }
        guard let entry = Self.roles.first(where: { $0.handle == name || $0.roles.contains { $0.rawValue == name } }) else { return nil }
        return keyURL(handle: entry.handle)
    }

    /// Deletes the previous demo and seeds a new one; returns the workspace acting as `handle`.
    @discardableResult
    public func seed(now: Date = Date(), settings: WorkspaceSettings = .builtIn) throws -> Workspace {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for suffix in ["", "-wal", "-shm"] {
            try? fm.removeItem(atPath: databaseURL.path + suffix)
        }
        for sub in ["outbox", "outbox-exercise", "feed.xml", "feed-exercise.xml"] {
            try? fm.removeItem(at: directory.appendingPathComponent(sub))
        }
        var keys: [String: IdentityKey] = [:]
        for entry in Self.roles.map(\.handle) + [Self.partner.person.handle] {
            let key = IdentityKey()
            try? fm.removeItem(at: keyURL(handle: entry))
            try key.save(to: keyURL(handle: entry))
            keys[entry] = key
        }
        let clock = ManualClock(now.addingTimeInterval(-5 * 86400))
        let admin = try Workspace.initialize(at: databaseURL, agencyName: "Riverton Police Department",
                                             timeZoneIdentifier: "America/Chicago", mode: .exercise, handle: "ada",
                                             displayName: "Ada Brooks", key: keys["ada"]!, clock: clock)
        let configured = Workspace(database: admin.database, clock: clock, identity: keys["ada"], settings: settings)
        for entry in Self.roles.dropFirst() {
            try configured.addToRoster(handle: entry.handle, displayName: entry.name, roles: entry.roles,
                                       publicKey: keys[entry.handle]!.publicKeyBase64)
        }
        let partner = Self.partner
        try configured.addPartnerAgency(code: partner.code, name: partner.name)
        try configured.addToRoster(handle: partner.person.handle, displayName: partner.person.name, roles: partner.person.roles,
                                   publicKey: keys[partner.person.handle]!.publicKeyBase64, agency: partner.code)
        let cast = Cast(clock: clock, workspace: configured, keys: keys, directory: directory)
        try cast.closedIncidentWithCorrection(now: now)
        try cast.officerInvolvedShooting(now: now)
        // In time order, so that the records log (in the order of entry) reads newest first by time too.
        try cast.roadClosure(now: now)
        try cast.communityEvent(now: now)
        try cast.activeShooter(now: now)
        clock.set(now)
        return Workspace(database: configured.database, identity: keys["sam"], settings: settings)
    }
}

/// The people of the demo, acting in turn on a clock that walks through the last few days.
private struct Cast {
    let clock: ManualClock
    let workspace: Workspace
    let keys: [String: IdentityKey]
    let directory: URL

    func `as`(_ handle: String) -> Workspace { workspace.acting(as: keys[handle]) }
    var dana: Workspace { self.as("dana") }
    var vic: Workspace { self.as("vic") }
    var lee: Workspace { self.as("lee") }
    var sam: Workspace { self.as("sam") }

    func at(_ date: Date) { clock.set(date) }
    func later(minutes: Double) { clock.advance(by: minutes * 60) }

    func fact(_ incident: Incident, _ text: String, source: String, kind: SourceKind, key: String? = nil,
              status: FactStatus = .verified, clear: Bool = false) throws {
        let fact = try dana.addFact(incidentID: incident.id, text: text, source: source, sourceKind: kind, key: key)
        later(minutes: 2)
        if status != .unverified { try vic.setFactStatus(factID: fact.id, to: status, note: "Confirmed by phone") }
        if clear { try lee.clearFact(factID: fact.id, note: "Cleared for release") }
        later(minutes: 1)
    }

    /// Submits, (clears), approves and schedules a release; delivers it when `deliver` is set.
    func signAndSchedule(_ release: Release, at time: Date, channels: [Channel]? = nil, deliver: Bool) throws {
        try dana.submitRelease(id: release.id)
        let state = try sam.signOffState(releaseID: release.id)
        if state.legalReviewRequired { try lee.clearRelease(id: release.id, note: "Reviewed") }
        try sam.approveRelease(id: release.id, acknowledging: state.warnings.map(\.rule))
        try sam.scheduleRelease(id: release.id, at: time, channels: channels)
        if deliver {
            let saved = clock.now()
            at(time)
            let scheduler = try Scheduler.standard(workspace: sam, secrets: DeliverySecrets())
            try scheduler.tick()
            scheduler.stop()
            at(max(saved, time))
        }
    }

    func closedIncidentWithCorrection(now: Date) throws {
        at(now.addingTimeInterval(-4 * 86400))
        let incident = try dana.openIncident(title: "Fatal crash on Route 9 at Mill Road", kind: .trafficFatality,
                                             location: "Route 9 at Mill Road", spokesperson: "sam", severity: 3)
        later(minutes: 20)
        let release = try dana.createRelease(incidentID: incident.id, title: "Route 9 crash: road reopened",
                                             text: "Route 9 reopened at 6 p.m. after a two-vehicle crash at Mill Road. The crash is under investigation.",
                                             renditions: ["x": "EXERCISE: Route 9 reopened at 6 p.m. after a two-vehicle crash at Mill Road.",
                                                          "website": "EXERCISE: Route 9 reopened at 6 p.m. after a two-vehicle crash at Mill Road. The crash is under investigation."])
        try signAndSchedule(release, at: clock.now().addingTimeInterval(300), deliver: true)
        later(minutes: 90)
        let correction = try dana.followUpRelease(of: release.id, kind: .correction)
        try dana.editRelease(id: correction.id, text: "Correction: Route 9 reopened at 8 p.m., not 6 p.m. as we said earlier. The crash is under investigation.")
        try signAndSchedule(correction, at: clock.now().addingTimeInterval(120), deliver: true)
        later(minutes: 600)
        _ = try dana.closeIncident(id: incident.id)
    }

    func officerInvolvedShooting(now: Date) throws {
        at(now.addingTimeInterval(-2 * 86400))
        let incident = try dana.openIncident(title: "Officer-involved shooting near Elm Park", kind: .officerInvolvedShooting,
                                             location: "the 1200 block of Elm Street", spokesperson: "sam", severity: 4)
        later(minutes: 10)
        try dana.addNamedPerson(incidentID: incident.id, name: "Jordan Reyes", category: .officer)
        try fact(incident, "One adult was taken to Mercy General Hospital with a gunshot wound.", source: "Mercy General charge nurse",
                 kind: .hospital, key: "injuries", clear: true)
        try fact(incident, "No officers were injured.", source: "Lt. Maria Ortiz, incident commander", kind: .incidentCommander,
                 key: "officer-injuries", clear: true)
        try fact(incident, "There is no ongoing threat to the public.", source: "Lt. Maria Ortiz, incident commander",
                 kind: .incidentCommander, key: "public-safety", clear: true)
        let holding = try dana.draftRelease(incidentID: incident.id, templateID: "officer-involved-shooting", holding: true)
        try signAndSchedule(holding, at: clock.now().addingTimeInterval(120), channels: [.x, .facebook, .website], deliver: true)
        later(minutes: 240)
        try dana.draftRelease(incidentID: incident.id, templateID: "officer-involved-shooting")
    }

    func roadClosure(now: Date) throws {
        at(now.addingTimeInterval(-6 * 3600))
        let incident = try dana.openIncident(title: "Water main break closes Main Street", kind: .roadClosure,
                                             location: "Main Street between 1st and 3rd Avenue", spokesperson: "sam")
        later(minutes: 5)
        try fact(incident, "Main Street between 1st and 3rd Avenue", source: "Public Works dispatcher", kind: .officialRecord, key: "closed-roads")
        try fact(incident, "Oak Street", source: "Public Works dispatcher", kind: .officialRecord, key: "detour")
        let holding = try dana.draftRelease(incidentID: incident.id, templateID: "road-closure", holding: true)
        try signAndSchedule(holding, at: clock.now().addingTimeInterval(60), deliver: true)
        // Flooded basements bring the fire department in: from here the incident is joint, and its next release
        // must name both agencies.
        later(minutes: 10)
        try dana.setJointAgencies(incidentID: incident.id, adding: [DemoSeeder.partner.code])
    }

    func activeShooter(now: Date) throws {
        at(now.addingTimeInterval(-40 * 60))
        let incident = try dana.openIncident(title: "Active shooter at Riverton Mall — 市民 📢", kind: .activeShooter,
                                             location: "Riverton Mall, 400 block of River Road", spokesperson: "sam", severity: 4)
        later(minutes: 3)
        let holding = try dana.draftRelease(incidentID: incident.id, templateID: "active-shooter", holding: true)
        try signAndSchedule(holding, at: clock.now().addingTimeInterval(60), channels: [.x, .facebook, .nextdoor, .website, .cap], deliver: true)
        later(minutes: 5)
        try fact(incident, "Shoppers are sheltering in place inside the mall.", source: "Sgt. Kim, on scene", kind: .onSceneOfficer, key: "protective-action")
        try fact(incident, "Two people were taken to Mercy General Hospital.", source: "Mercy General", kind: .hospital, key: "casualties")
        try fact(incident, "Officers are still searching the mall; people should stay away from River Road.",
                 source: "Lt. Maria Ortiz, incident commander", kind: .incidentCommander, key: "public-safety")
        try fact(incident, "A suspect is in custody.", source: "Radio traffic", kind: .onSceneOfficer, status: .unverified)
        try fact(incident, "A second shooter is at large.", source: "Post on a social network", kind: .socialMedia, status: .disputed)
        try fact(incident, "The shooting began in the food court.", source: "A witness", kind: .witness, status: .retracted)
        try fact(incident, "The reunification site is Riverton High School.", source: "Emergency manager", kind: .officialRecord,
                 key: "reunification-site")
        let rumor = try dana.addRumor(incidentID: incident.id, text: "Shots were fired at Riverton High School",
                                      seenAt: "Neighbourhood group post, shared 300 times")
        try fact(incident, "Riverton High School is safe; it is the reunification site, and there has been no shooting there.",
                 source: "Emergency manager", kind: .officialRecord)
        let answer = try workspace.facts(incidentID: incident.id).last!
        _ = try dana.answerRumor(rumorID: rumor.id, factID: answer.id)
        // The next update: approved and scheduled a few minutes from now, then edited, so it awaits sign-off again.
        let update = try dana.followUpRelease(of: holding.id, kind: .update)
        let text = "Shoppers are sheltering in place inside the mall. Families should go to Riverton High School, the reunification site. Please avoid River Road. The investigation is ongoing, and more information will follow."
        try dana.editRelease(id: update.id, text: text)
        try signAndSchedule(update, at: now.addingTimeInterval(7 * 60), channels: [.x, .facebook, .website], deliver: false)
        later(minutes: 2)
        try dana.editRelease(id: update.id, text: text.replacingOccurrences(of: "Please avoid River Road.", with: "Please avoid River Road and Mall Drive."))
        try dana.submitRelease(id: update.id)
    }

    func communityEvent(now: Date) throws {
        at(now.addingTimeInterval(-3 * 3600))
        let incident = try dana.openIncident(title: "Coffee with a Cop, Saturday", kind: .communityEvent,
                                             location: "Riverside Park pavilion", spokesperson: "sam", severity: 1)
        let release = try dana.createRelease(incidentID: incident.id, title: "Coffee with a Cop tomorrow",
                                             text: "Join Riverton officers for coffee and conversation tomorrow from 9 to 11 a.m. at the Riverside Park pavilion.",
                                             renditions: ["x": "EXERCISE: Coffee with a Cop tomorrow, 9–11 a.m., Riverside Park pavilion. Come say hello!",
                                                          "facebook": "EXERCISE: Join Riverton officers for coffee and conversation tomorrow from 9 to 11 a.m. at the Riverside Park pavilion.",
                                                          "nextdoor": "EXERCISE: Coffee with a Cop tomorrow, 9–11 a.m., Riverside Park pavilion."])
        try signAndSchedule(release, at: now.addingTimeInterval(20 * 3600), deliver: false)
    }
}
