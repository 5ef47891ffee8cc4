import Foundation

/// What an export of one scope would hold, counted without reading the records: the same counts and file groups
/// as `ExportPlan`, from a few columns of the same rows (`StoreSession.ScopedRows`). The dashboard shows it
/// before an export; planning the whole agency read every record (11 s and 900 MB at a million log entries).
public struct ExportOutline: Sendable, Equatable {
    public let scope: ExportScope
    /// Items per kind, under the manifest's names (as `ExportPlan.counts`).
    public let counts: [String: Int]
    /// Files per folder or named file, in the order written (as `ExportPlan.fileGroups`).
    public let fileGroups: [ExportPlan.FileGroup]

    public var fileCount: Int { fileGroups.reduce(0) { $0 + $1.files } }
    public var namedCounts: [(noun: String, count: Int)] { ExportPlan.named(counts) }

    /// Counts what `ExportPlan(session, scope:, ...)` would hold, with the same checks and the same pending disclosure.
    init(_ session: StoreSession, scope: ExportScope, identity: IdentityKey?, databasePath: String, disclosurePending: Date? = nil) throws {
        if let from = scope.from, let to = scope.to, from > to { throw SearchError.badRange }
        guard try session.agency() != nil else { throw StoreError.notInitialised(path: databasePath) }
        if let incidentID = scope.incidentID, try session.incident(id: incidentID) == nil {
            throw StoreError.notFound(what: "incident #\(incidentID)")
        }
        self.scope = scope
        let exporter = try identity.flatMap { try session.person(publicKey: $0.publicKeyBase64) }
        var incidentIDs: Set<Int64> = []
        var personIDs: Set<Int64> = []
        /// Counts the scoped rows, gathering the incidents and people their columns name.
        func count(_ rows: StoreSession.ScopedRows, incident: String?, people: [String]) throws -> Int {
            let scoped = try session.countScoped(rows, incident: incident, people: people)
            incidentIDs.formUnion(scoped.incidentIDs)
            personIDs.formUnion(scoped.personIDs)
            return scoped.count
        }

        var log = try session.exportLogSummary(scope)
        if let now = disclosurePending, scope.lowerBound <= now && now <= scope.upperBound, let exporter {
            log.count += 1
            log.actorIDs.insert(exporter.id)
        }
        incidentIDs.formUnion(log.incidentIDs)
        personIDs.formUnion(log.actorIDs)

        let facts = try count(StoreSession.factsInScope(scope), incident: "incidentID", people: ["recordedBy", "statusBy"])
        let rumors = try count(StoreSession.rumorsInScope(scope), incident: "incidentID", people: ["recordedBy"])
        let named = try count(StoreSession.namedPeopleInScope(scope), incident: "incidentID", people: ["recordedBy"])
        let posts = try count(StoreSession.postsInScope(scope), incident: "incidentID", people: [])
        let releases = try count(StoreSession.releasesInScope(scope), incident: "incidentID", people: ["createdBy"])
        let revisions = try count(StoreSession.revisionsInScope(scope), incident: nil, people: ["authorID"])
        let attestations = try count(StoreSession.attestationsInScope(scope), incident: nil, people: ["actorID"])
        let disposals = try count(StoreSession.disposalsInScope(scope), incident: "incidentID", people: ["disposedBy"])

        // The incidents the export holds (chosen as the export chooses them), their openers and spokespeople.
        let incidents = try session.incidentPeople(ids: try session.exportIncidentIDs(scope, owning: incidentIDs))
        let found = incidents.found
        personIDs.formUnion(incidents.personIDs)
        let people = try session.personCount(ids: personIDs)

        counts = ["incidents": found, "facts": facts, "releases": releases, "revisions": revisions, "posts": posts,
                  "rumors": rumors, "namedPeople": named, "attestations": attestations, "disposals": disposals,
                  "people": people, "logEntries": log.count]
        let files: [ExportPlan.Group: Int] = [
            .log: 1, .incidents: found, .facts: facts, .releases: releases, .revisionCopies: 2 * revisions, .posts: posts,
            .postCopies: 2 * posts, .rumors: rumors, .namedPeople: named, .attestations: attestations, .disposals: disposals,
            .people: 1, .index: 1, .readme: 1, .manifest: 1,
        ]
        fileGroups = ExportPlan.Group.allCases.compactMap { group in
            guard let n = files[group], n > 0 else { return nil }
            return ExportPlan.FileGroup(location: group.location, files: n, holds: group.holds)
        }
    }
}

extension Workspace {
    /// What `planExport(scope:)` would show, counted from a few columns instead of read whole: the dashboard's preview.
    public func outlineExport(scope: ExportScope) throws -> ExportOutline {
        try database.read { session in
            try ExportOutline(session, scope: scope, identity: identity, databasePath: database.path, disclosurePending: clock.now())
        }
    }
}
