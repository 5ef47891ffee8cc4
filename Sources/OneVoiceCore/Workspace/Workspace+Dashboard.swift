import Foundation

/// The dashboard's front door to the records: each `dashboardRead` is one consistent snapshot, and only these
/// named reads leave Core (StoreSession and raw database access stay inside, as a second storage backend needs).
public struct DashboardReader {
    let session: StoreSession

    public func agency() throws -> Agency? { try session.agency() }
    public func person(id: Int64) throws -> Person? { try session.person(id: id) }
    public func person(publicKey: String) throws -> Person? { try session.person(publicKey: publicKey) }
    public func allPeople() throws -> [Person] { try session.allPeople() }
    public func agencyDirectory() throws -> AgencyDirectory { try session.agencyDirectory() }

    // The board.
    public func incidentCount() throws -> Int { try session.incidentCount() }
    public func boardPage(after cursor: BoardPosition?, backward: Bool = false, limit: Int, matching text: String? = nil) throws -> [BoardEntry] {
        try session.boardPage(after: cursor, backward: backward, limit: limit, matching: text)
    }
    public func boardRowsBefore(_ cursor: BoardPosition) throws -> Int { try session.boardRowsBefore(cursor) }
    public func boardMatchCount(matching text: String, before cursor: BoardPosition? = nil) throws -> Int {
        try session.boardMatchCount(matching: text, before: cursor)
    }
    /// A disputed or retracted fact that a released release of the incident said, with that release (to correct).
    public func factToCorrect(incidentID: Int64) throws -> (fact: Fact, releaseID: Int64)? {
        try Workspace.factToCorrect(incidentID: incidentID, in: session)
    }

    // An incident.
    public func incident(id: Int64) throws -> Incident? { try session.incident(id: id) }
    public func incidentCounts(incidentID: Int64) throws -> (facts: [FactStatus: Int], releases: [ReleaseStatus: Int], posts: Int) {
        try session.incidentCounts(incidentID: incidentID)
    }
    public func facts(incidentID: Int64) throws -> [Fact] { try session.facts(incidentID: incidentID) }
    /// The facts tab's rows: unverified first, then verified, disputed, retracted.
    public func factListings(incidentID: Int64, limit: Int) throws -> [FactListing] {
        try session.factListings(incidentID: incidentID, limit: limit)
    }
    public func release(id: Int64) throws -> Release? { try session.release(id: id) }
    /// The titles of some releases, by id (one query of two columns, for lists that name each row's release).
    public func releaseTitles(ids: Set<Int64>) throws -> [Int64: String] { try session.releaseTitles(ids: ids) }
    public func releases(incidentID: Int64) throws -> [Release] { try session.releases(incidentID: incidentID) }
    public func approvers(incidentID: Int64) throws -> [Int64: String] { try session.approvers(incidentID: incidentID) }
    /// Each release's last delivery and next scheduled time, from its posts' two time columns.
    public func releaseTimes(incidentID: Int64) throws -> [Int64: ReleaseTimes] {
        try session.releaseTimes(incidentID: incidentID)
    }
    public func posts(incidentID: Int64) throws -> [Post] { try session.posts(incidentID: incidentID) }
    /// An incident's posts that need a person, latest first: what a board row's alert names.
    public func postsNeedingAPerson(incidentID: Int64) throws -> [PostListing] { try session.postsNeedingAPerson(incidentID: incidentID) }
    /// The posts tab's rows, soonest first.
    public func postListings(incidentID: Int64, limit: Int) throws -> [PostListing] {
        try session.postListings(incidentID: incidentID, limit: limit)
    }
    public func posts(releaseID: Int64) throws -> [Post] { try session.posts(releaseID: releaseID) }

    // The schedule and the top bar.
    public func upcomingPosts(limit: Int) throws -> [Post] { try session.upcomingPosts(limit: limit) }
    public func nextScheduledPost() throws -> (post: Post, release: Release)? { try session.nextScheduledPost() }

    // The records log and its search.
    public func logCount(incidentID: Int64?, since: Date? = nil, until: Date? = nil) throws -> Int {
        try session.logCount(incidentID: incidentID, since: since, until: until)
    }
    public func logWindow(incidentID: Int64?, from seq: Int64?, backward: Bool, limit: Int, since: Date? = nil, until: Date? = nil) throws -> [LogEntry] {
        try session.logWindow(incidentID: incidentID, from: seq, backward: backward, limit: limit, since: since, until: until)
    }
    public func logEntriesNewer(than seq: Int64, incidentID: Int64?, since: Date? = nil, until: Date? = nil) throws -> Int {
        try session.logEntriesNewer(than: seq, incidentID: incidentID, since: since, until: until)
    }
    public func releaseIDs(of type: SearchItemType, ids: [Int64]) throws -> [Int64: Int64] { try session.releaseIDs(of: type, ids: ids) }
}

extension Workspace {
    /// Runs `body` on one consistent snapshot of the records, through the dashboard's named reads.
    public func dashboardRead<T>(_ body: (DashboardReader) throws -> T) throws -> T {
        try database.read { try body(DashboardReader(session: $0)) }
    }

    /// A number that grows with every commit, this process's included (the dashboard polls it to refresh).
    public func changeStamp() throws -> Int { try database.changeStamp() }
}
