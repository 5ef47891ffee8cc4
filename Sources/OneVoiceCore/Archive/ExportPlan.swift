import Foundation

/// What a records export of one scope holds and every file it writes, worked out from one snapshot
/// without writing anything. `Workspace.planExport` shows it before a request is answered;
/// `exportRecords` makes its plan the same way, inside the snapshot it writes from, and writes exactly
/// the plan's files, so what was shown and what is written cannot disagree.
public struct ExportPlan: Sendable {
    /// What goes into one file.
    enum Content: Sendable {
        case log
        case incident(Incident)
        case fact(Fact)
        case release(Release, revisions: [ReleaseRevision])
        case revisionText(Release, ReleaseRevision)
        case revisionHTML(Release, ReleaseRevision)
        case post(Post)
        case postText(Post)
        case postHTML(Post)
        case rumor(Rumor)
        case namedPerson(NamedPerson)
        case attestation(Attestation)
        case disposal(Disposal)
        case people
        case index
        case readme
        case manifest
    }

    struct File: Sendable {
        let path: String
        let content: Content
    }

    /// The records-log entries in scope, summed up without reading their changes.
    struct LogSegment: Sendable {
        var count = 0
        var firstSeq: Int64?
        var lastSeq: Int64?
        var lastTime: Int64?
    }

    /// Files of one folder (or one named file) and what they hold, for showing a plan.
    public struct FileGroup: Sendable, Hashable {
        /// "data/facts/" or "index.csv".
        public var location: String
        public var files: Int
        public var holds: String
    }

    public let scope: ExportScope
    /// Items per kind, under the names of the manifest's `counts` (incidents, facts, releases, revisions,
    /// posts, rumors, namedPeople, attestations, disposals, people, logEntries).
    public let counts: [String: Int]
    /// The head of the whole records log in this snapshot (the manifest records it).
    public let chainHead: ExportManifest.ChainHead

    let agency: Agency
    let exporter: Person?
    let incidents: [Incident]
    let people: [Person]
    let log: LogSegment
    let contents: [File]

    /// The kinds of item an export holds, in the order people read them, with the manifest's names.
    static let kinds: [(key: String, one: String, many: String)] = [
        ("incidents", "incident", "incidents"), ("releases", "release", "releases"), ("revisions", "revision", "revisions"),
        ("posts", "post", "posts"), ("facts", "fact", "facts"), ("rumors", "rumor", "rumors"),
        ("namedPeople", "named person", "named people"), ("logEntries", "log entry", "log entries"),
        ("attestations", "attestation", "attestations"), ("disposals", "disposal", "disposals"), ("people", "person", "people"),
    ]

    /// Every count with its noun in the right number ("1 incident", "49 log entries"), in reading order.
    public var namedCounts: [(noun: String, count: Int)] { Self.named(counts) }

    static func named(_ counts: [String: Int]) -> [(noun: String, count: Int)] {
        kinds.map { kind in
            let count = counts[kind.key] ?? 0
            return (count == 1 ? kind.one : kind.many, count)
        }
    }

    /// Every file the export writes, as paths relative to its folder, in the order written (`manifest.json` last).
    public var files: [String] { contents.map(\.path) }

    /// The files by folder, in the order written: what a person checks before answering a request.
    public var fileGroups: [FileGroup] {
        var groups: [FileGroup] = []
        for file in contents {
            let (location, holds) = Self.describe(file)
            if let i = groups.firstIndex(where: { $0.location == location }) {
                groups[i].files += 1
            } else {
                groups.append(FileGroup(location: location, files: 1, holds: holds))
            }
        }
        return groups
    }

    /// The folders and named files of an export, in the order their first file is written.
    enum Group: CaseIterable {
        case log, incidents, facts, releases, revisionCopies, posts, postCopies, rumors, namedPeople, attestations, disposals
        case people, index, readme, manifest

        var location: String {
            switch self {
            case .log: "log.jsonl"
            case .incidents: "data/incidents/"
            case .facts: "data/facts/"
            case .releases: "data/releases/"
            case .revisionCopies: "readable/releases/"
            case .posts: "data/posts/"
            case .postCopies: "readable/posts/"
            case .rumors: "data/rumors/"
            case .namedPeople: "data/named-people/"
            case .attestations: "data/attestations/"
            case .disposals: "data/disposals/"
            case .people: "data/people.json"
            case .index: "index.csv"
            case .readme: "README.txt"
            case .manifest: ExportChecker.manifestName
            }
        }

        var holds: String {
            switch self {
            case .log: "records-log entries with their chain hashes"
            case .incidents: "each incident as JSON"
            case .facts: "each fact as JSON"
            case .releases: "each release and its revisions as JSON"
            case .revisionCopies: "a text and an HTML copy of each revision"
            case .posts: "each post as JSON"
            case .postCopies: "a text and an HTML copy of each post"
            case .rumors: "each rumor as JSON"
            case .namedPeople: "each person named in an incident as JSON"
            case .attestations: "each signed decision with signature and key"
            case .disposals: "tombstones of records disposed of"
            case .people: "everyone who appears, with their public keys"
            case .index: "one row per item, for a spreadsheet"
            case .readme: "what each file is and how to check them"
            case .manifest: "the SHA-256 of every file, the log's head"
            }
        }
    }

    private static func describe(_ file: File) -> (location: String, holds: String) {
        let group: Group = switch file.content {
        case .log: .log
        case .incident: .incidents
        case .fact: .facts
        case .release: .releases
        case .revisionText, .revisionHTML: .revisionCopies
        case .post: .posts
        case .postText, .postHTML: .postCopies
        case .rumor: .rumors
        case .namedPerson: .namedPeople
        case .attestation: .attestations
        case .disposal: .disposals
        case .people: .people
        case .index: .index
        case .readme: .readme
        case .manifest: .manifest
        }
        return (group.location, group.holds)
    }

    /// Reads everything in `scope` from one snapshot and lays out the files.
    /// `disclosurePending`: the plan shown before an export, which will first log itself as a disclosure (one
    /// more entry in an open-ended scope, by the exporter).
    init(_ session: StoreSession, scope: ExportScope, identity: IdentityKey?, databasePath: String, disclosurePending: Date? = nil) throws {
        if let from = scope.from, let to = scope.to, from > to { throw SearchError.badRange }
        guard let agency = try session.agency() else { throw StoreError.notInitialised(path: databasePath) }
        if let incidentID = scope.incidentID, try session.incident(id: incidentID) == nil {
            throw StoreError.notFound(what: "incident #\(incidentID)")
        }
        self.scope = scope
        self.agency = agency
        exporter = try identity.flatMap { try session.person(publicKey: $0.publicKeyBase64) }
        let head = try session.logHead()

        let facts = try session.exportFacts(scope)
        let rumors = try session.exportRumors(scope)
        let named = try session.exportNamedPeople(scope)
        let posts = try session.exportPosts(scope)
        let releases = try session.exportReleases(scope)
        let attestations = try session.exportAttestations(scope)
        let disposals = try session.exportDisposals(scope)
        var logSummary = try session.exportLogSummary(scope)
        var chainHead = ExportManifest.ChainHead(seq: head?.seq ?? 0, hash: head?.hash ?? Hashing.zeroHash)
        if let now = disclosurePending, scope.lowerBound <= now && now <= scope.upperBound, let exporter {
            chainHead = ExportManifest.ChainHead(seq: chainHead.seq + 1, hash: "")
            logSummary.count += 1
            logSummary.firstSeq = logSummary.firstSeq ?? chainHead.seq
            logSummary.lastSeq = chainHead.seq
            logSummary.actorIDs.insert(exporter.id)
        }
        self.chainHead = chainHead
        log = LogSegment(count: logSummary.count, firstSeq: logSummary.firstSeq, lastSeq: logSummary.lastSeq, lastTime: logSummary.lastTime)

        // The incidents and people that what is exported names.
        var incidentIDs = logSummary.incidentIDs
        incidentIDs.formUnion(facts.map(\.incidentID))
        incidentIDs.formUnion(rumors.map(\.incidentID))
        incidentIDs.formUnion(named.map(\.incidentID))
        incidentIDs.formUnion(posts.map(\.incidentID))
        incidentIDs.formUnion(releases.map(\.release.incidentID))
        incidentIDs.formUnion(disposals.compactMap(\.incidentID))
        incidents = try session.exportIncidents(scope, owning: incidentIDs)

        var personIDs = logSummary.actorIDs
        for incident in incidents { personIDs.insert(incident.openedBy); if let s = incident.spokespersonID { personIDs.insert(s) } }
        for fact in facts { personIDs.insert(fact.recordedBy); if let s = fact.statusBy { personIDs.insert(s) } }
        personIDs.formUnion(rumors.map(\.recordedBy))
        personIDs.formUnion(named.map(\.recordedBy))
        for (release, revisions) in releases { personIDs.insert(release.createdBy); personIDs.formUnion(revisions.map(\.authorID)) }
        personIDs.formUnion(attestations.map(\.actorID))
        personIDs.formUnion(disposals.map(\.disposedBy))
        people = try session.people(ids: personIDs)

        // The files, in the order they are written.
        var files = [File(path: "log.jsonl", content: .log)]
        files += incidents.map { File(path: "data/incidents/incident-\($0.id).json", content: .incident($0)) }
        files += facts.map { File(path: "data/facts/fact-\($0.id).json", content: .fact($0)) }
        for (release, revisions) in releases {
            files.append(File(path: "data/releases/release-\(release.id).json", content: .release(release, revisions: revisions)))
            for revision in revisions {
                let base = "readable/releases/release-\(release.id)-revision-\(revision.number)"
                files.append(File(path: base + ".txt", content: .revisionText(release, revision)))
                files.append(File(path: base + ".html", content: .revisionHTML(release, revision)))
            }
        }
        for post in posts {
            files.append(File(path: "data/posts/post-\(post.id).json", content: .post(post)))
            files.append(File(path: "readable/posts/post-\(post.id).txt", content: .postText(post)))
            files.append(File(path: "readable/posts/post-\(post.id).html", content: .postHTML(post)))
        }
        files += rumors.map { File(path: "data/rumors/rumor-\($0.id).json", content: .rumor($0)) }
        files += named.map { File(path: "data/named-people/named-person-\($0.id).json", content: .namedPerson($0)) }
        files += attestations.map { File(path: "data/attestations/attestation-\($0.id).json", content: .attestation($0)) }
        files += disposals.map { File(path: "data/disposals/disposal-\($0.id).json", content: .disposal($0)) }
        files += [File(path: "data/people.json", content: .people), File(path: "index.csv", content: .index),
                  File(path: "README.txt", content: .readme), File(path: ExportChecker.manifestName, content: .manifest)]
        contents = files

        counts = ["incidents": incidents.count, "facts": facts.count, "releases": releases.count,
                  "revisions": releases.reduce(0) { $0 + $1.revisions.count }, "posts": posts.count, "rumors": rumors.count,
                  "namedPeople": named.count, "attestations": attestations.count, "disposals": disposals.count,
                  "people": people.count, "logEntries": log.count]
    }
}

extension Workspace {
    /// What `exportRecords(scope:)` would write now, without writing anything: the counts per kind of item
    /// and every file. Anyone who can read the database may plan and make an export (it changes nothing).
    public func planExport(scope: ExportScope) throws -> ExportPlan {
        try database.read { session in
            try ExportPlan(session, scope: scope, identity: identity, databasePath: database.path, disclosurePending: clock.now())
        }
    }
}
