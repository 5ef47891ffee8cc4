import Foundation
import GRDB

/// Intention-named reads and writes over one connection, inside one transaction or snapshot.
/// Every SQL statement of OneVoice lives in `Store/`; the rest of Core calls these methods.
struct StoreSession {
    let db: Database
    /// The key that signs the log entries this session appends (writes only).
    let signer: IdentityKey?

    init(db: Database, signer: IdentityKey? = nil) {
        self.db = db
        self.signer = signer
    }
}

// MARK: - Agency and roster

extension StoreSession {
    public func agency() throws -> Agency? {
        // By hand (ImageRecords.swift): every command reads this row, and Decodable's first use in a process was
        // a twentieth of a short command's time.
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM agency WHERE id = 1")).map { try Agency.decodeStored($0) }
    }

    public func insertAgency(_ agency: Agency) throws {
        try agency.insert(db)
    }

    public func setWorkspaceMode(_ mode: WorkspaceMode) throws {
        try db.execute(sql: "UPDATE agency SET mode = ? WHERE id = 1", arguments: [mode.rawValue])
    }

    public func insertPerson(_ person: inout Person) throws {
        try person.insert(db)
    }

    public func person(id: Int64) throws -> Person? {
        try Person.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [id])
    }

    public func person(handle: String) throws -> Person? {
        try Person.fetchOne(db, sql: "SELECT * FROM person WHERE handle = ? AND removedAt IS NULL", arguments: [handle])
    }

    /// The enrolled (not removed) person holding this public key.
    public func person(publicKey: String) throws -> Person? {
        try Person.fetchOne(db.cachedStatement(sql: "SELECT * FROM person WHERE publicKey = ? AND removedAt IS NULL"), arguments: [publicKey])
    }

    /// Everyone ever enrolled, removed people included (they signed records).
    public func allPeople() throws -> [Person] {
        try Person.fetchAll(db, sql: "SELECT * FROM person ORDER BY handle")
    }

    public func roster() throws -> [Person] {
        try Person.fetchAll(db, sql: "SELECT * FROM person WHERE removedAt IS NULL ORDER BY handle")
    }

    /// The removed person who held this public key, if any (to say why their key no longer works).
    public func removedPerson(publicKey: String) throws -> Person? {
        try Person.fetchOne(db, sql: "SELECT * FROM person WHERE publicKey = ? AND removedAt IS NOT NULL", arguments: [publicKey])
    }

    public func removePerson(id: Int64, reason: String, at time: Date) throws {
        try db.execute(sql: "UPDATE person SET removedAt = ?, removalReason = ? WHERE id = ? AND removedAt IS NULL",
                       arguments: [time, reason, id])
    }

    public func setRoles(personID: Int64, roles: [Role]) throws {
        guard var person = try person(id: personID) else { return }
        person.roles = roles.sorted()
        try person.update(db)
    }

    /// The lowest-numbered incident that is not closed whose spokesperson is this person, if any.
    public func openIncidentSpokenFor(personID: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM incident WHERE spokespersonID = ? AND status != 'closed'",
                           arguments: [personID])
    }

    public func handleOrPublicKeyTaken(handle: String, publicKey: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM person WHERE handle = ? OR publicKey = ?)",
                          arguments: [handle, publicKey]) ?? false
    }
}

// MARK: - Incidents

extension StoreSession {
    public func insertIncident(_ incident: inout Incident) throws {
        try incident.insert(db)
    }

    public func updateIncident(_ incident: Incident) throws {
        try incident.update(db)
    }

    public func incident(id: Int64) throws -> Incident? {
        try Incident.fetchOne(db, sql: "SELECT * FROM incident WHERE id = ?", arguments: [id])
    }

    /// Active and monitoring incidents first (newest first), then closed ones (most recently closed first).
    /// The order is that of the index `incident_on_list` (Migrations, v11): change both together.
    public func incidents(limit: Int = 1000) throws -> [Incident] {
        try Incident.fetchAll(db, sql: Self.incidentListSQL, arguments: [limit])
    }

    static let incidentListSQL = """
        SELECT * FROM incident
        ORDER BY (status = 'closed'), CASE WHEN status = 'closed' THEN closedAt ELSE openedAt END DESC, id DESC
        LIMIT ?
        """
}

// MARK: - Facts

extension StoreSession {
    public func insertFact(_ fact: inout Fact) throws {
        try fact.insert(db)
    }

    public func updateFact(_ fact: Fact) throws {
        try fact.update(db)
    }

    public func fact(id: Int64) throws -> Fact? {
        try Fact.fetchOne(db, sql: "SELECT * FROM fact WHERE id = ?", arguments: [id])
    }

    public func facts(incidentID: Int64) throws -> [Fact] {
        // Decoded by hand (ImageRecords.swift): an incident's facts are read at every opening of its releases,
        // 400 of them took 3.5 ms through Decodable.
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM fact WHERE incidentID = ? ORDER BY id", arguments: [incidentID])
        var facts: [Fact] = []
        while let row = try cursor.next() { facts.append(try Fact.decodeStored(row)) }
        return facts
    }
}

// MARK: - Attestations

extension StoreSession {
    public func insertAttestation(_ attestation: inout Attestation) throws {
        try attestation.insert(db)
    }

    /// Every statement made about one thing, oldest first.
    public func attestations(subjectType: String, subjectID: Int64) throws -> [Attestation] {
        try Attestation.fetchAll(db, sql: "SELECT * FROM attestation WHERE subjectType = ? AND subjectID = ? ORDER BY id",
                                 arguments: [subjectType, subjectID])
    }

    /// Walks every attestation in id order without loading them all at once.
    public func forEachAttestation(_ body: (Attestation) throws -> Void) throws {
        let cursor = try Attestation.fetchCursor(db, sql: "SELECT * FROM attestation ORDER BY id")
        while let attestation = try cursor.next() { try body(attestation) }
    }
}

// MARK: - Records log

extension StoreSession {
    /// Appends one entry to the records log, chained to the previous one and signed by the session's key,
    /// with every row of record written since the last entry. Call inside the write that makes the change,
    /// after its rows are written. `actor` nil means the person holding the signing key (the scheduler).
    @discardableResult
    public func appendLog(actor: Person?, action: String, subjectType: String, subjectID: Int64, incidentID: Int64?,
                          change: some Encodable, at time: Date) throws -> LogEntry {
        try appendLog(actor: actor, action: action, subjectType: subjectType, subjectID: subjectID, incidentID: incidentID,
                      changeJSON: CanonicalJSON.string(change), time: Timestamps.milliseconds(time))
    }

    @discardableResult
    func appendLog(actor: Person?, action: String, subjectType: String, subjectID: Int64, incidentID: Int64?,
                   changeJSON: String, time: Int64) throws -> LogEntry {
        guard let signer else { throw IdentityError.refused("A change needs the key of the person making it; none was given, so nothing was changed.") }
        let signerPerson: Person?
        if let actor {
            guard actor.publicKey == signer.publicKeyBase64 else {
                throw IdentityError.refused("\(actor.handle)'s change must be signed with \(actor.handle)'s own key; nothing was changed.")
            }
            signerPerson = actor
        } else {
            signerPerson = try person(publicKey: signer.publicKeyBase64)
        }
        if let actor, let incidentID { try refuseUnlessTakingPart(actor, incidentID: incidentID, action: action) }
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM logHead WHERE id = 1")
        let prevSeq: Int64 = head?["seq"] ?? 0
        let prevHash: String = head?["hash"] ?? Hashing.zeroHash
        let images = RowImages.text(try takePendingImages())
        let entry = try LogEntry.signed(seq: prevSeq + 1, time: time, actorID: signerPerson?.id,
                                        actorHandle: signerPerson?.handle ?? "system", action: action,
                                        subjectType: subjectType, subjectID: subjectID, incidentID: incidentID,
                                        change: changeJSON, images: images, prevHash: prevHash, key: signer)
        try insertLogEntry(entry)
        return entry
    }

    /// Stores an entry and moves the head to it.
    func insertLogEntry(_ entry: LogEntry) throws {
        // Cached: compiling an insert into logEntry compiles its search-index triggers too, every time.
        try db.cachedStatement(sql: """
            INSERT INTO logEntry (seq, time, actorID, actorHandle, action, subjectType, subjectID, incidentID, change,
                                  prevHash, hash, format, actorKey, images, signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [entry.seq, entry.time, entry.actorID, entry.actorHandle, entry.action, entry.subjectType,
                                     entry.subjectID, entry.incidentID, entry.change, entry.prevHash, entry.hash, entry.format,
                                     entry.actorKey, entry.images, entry.signature])
        try db.cachedStatement(sql: """
            INSERT INTO logHead (id, seq, hash) VALUES (1, ?, ?)
            ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            """).execute(arguments: [entry.seq, entry.hash])
    }

    /// The first claim of a post for delivery: its entry is the chain head every attempt carries, so a retry
    /// sends the same bytes.
    func firstClaim(postID: Int64, incidentID: Int64) throws -> (seq: Int64, hash: String)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT seq, hash FROM logEntry
            WHERE incidentID = ? AND action = 'post.claim' AND subjectType = 'post' AND subjectID = ? ORDER BY seq LIMIT 1
            """, arguments: [incidentID, postID]) else { return nil }
        return (row[0], row[1])
    }

    /// The recorded head of the chain: the last entry's number and hash.
    public func logHead() throws -> (seq: Int64, hash: String)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM logHead WHERE id = 1")) else { return nil }
        return ((try row.decode(forColumn: "seq")), (try row.decode(forColumn: "hash")))
    }

    public func logCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM logEntry") ?? 0
    }

    /// A page of the log, newest first, starting below `beforeSeq` (keyset paging).
    public func logPage(beforeSeq: Int64? = nil, incidentID: Int64? = nil, limit: Int) throws -> [LogEntry] {
        var sql = "SELECT * FROM logEntry WHERE seq < ?"
        var arguments: StatementArguments = [beforeSeq ?? Int64.max]
        if let incidentID {
            sql += " AND incidentID = ?"
            arguments += [incidentID]
        }
        sql += " ORDER BY seq DESC LIMIT ?"
        arguments += [limit]
        return try LogEntry.fetchAll(db, sql: sql, arguments: arguments)
    }

    /// Walks the whole log in chain order, one entry at a time, reading the stored columns as they are.
    public func forEachLogEntry(_ body: (LogEntry) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT seq, time, actorID, actorHandle, action, subjectType, subjectID, incidentID, change, prevHash, hash,
                   format, actorKey, images, signature
            FROM logEntry ORDER BY seq
            """)
        while let row = try cursor.next() {
            var entry = LogEntry(seq: row[0], time: row[1], actorID: row[2], actorHandle: row[3], action: row[4],
                                 subjectType: row[5], subjectID: row[6], incidentID: row[7], change: row[8],
                                 prevHash: row[9], storedHash: row[10])
            entry.format = row[11]
            entry.actorKey = row[12]
            entry.images = row[13]
            entry.signature = row[14]
            try body(entry)
        }
    }
}

// MARK: - Releases

extension StoreSession {
    /// Walks every release revision in id order.
    public func forEachRevision(_ body: (ReleaseRevision) throws -> Void) throws {
        let cursor = try ReleaseRevision.fetchCursor(db, sql: "SELECT * FROM releaseRevision ORDER BY id")
        while let revision = try cursor.next() { try body(revision) }
    }
}

// MARK: - Rumors

extension StoreSession {
    public func insertRumor(_ rumor: inout Rumor) throws {
        try rumor.insert(db)
    }
}

// MARK: - Named people

extension StoreSession {
    public func insertNamedPerson(_ person: inout NamedPerson) throws {
        try person.insert(db)
    }

    public func updateNamedPerson(_ person: NamedPerson) throws {
        try person.update(db)
    }

    public func namedPerson(id: Int64) throws -> NamedPerson? {
        try NamedPerson.fetchOne(db, sql: "SELECT * FROM namedPerson WHERE id = ?", arguments: [id])
    }

    public func namedPeople(incidentID: Int64) throws -> [NamedPerson] {
        try NamedPerson.fetchAll(db, sql: "SELECT * FROM namedPerson WHERE incidentID = ? ORDER BY id", arguments: [incidentID])
    }
}

extension StoreSession {
    public func insertRelease(_ release: inout Release) throws {
        try release.insert(db)
    }

    public func updateRelease(_ release: Release) throws {
        try release.update(db)
    }

    public func release(id: Int64) throws -> Release? {
        try Release.fetchOne(db, sql: "SELECT * FROM pressRelease WHERE id = ?", arguments: [id])
    }

    public func releases(incidentID: Int64) throws -> [Release] {
        try Release.fetchAll(db, sql: "SELECT * FROM pressRelease WHERE incidentID = ? ORDER BY id", arguments: [incidentID])
    }

    /// Titles by release id, for lists that name each row's release.
    func releaseTitles(ids: Set<Int64>) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db, sql: "SELECT id, title FROM pressRelease WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                                    arguments: StatementArguments(Array(ids)))
        return Dictionary(try rows.map { (try $0.decode(forColumn: "id"), try $0.decode(forColumn: "title")) }, uniquingKeysWith: { a, _ in a })
    }

    public func insertRevision(_ revision: inout ReleaseRevision) throws {
        try revision.insert(db)
    }

    public func revision(releaseID: Int64, number: Int) throws -> ReleaseRevision? {
        try ReleaseRevision.fetchOne(db, sql: "SELECT * FROM releaseRevision WHERE releaseID = ? AND number = ?",
                                     arguments: [releaseID, number])
    }

    public func revisions(releaseID: Int64) throws -> [ReleaseRevision] {
        try ReleaseRevision.fetchAll(db, sql: "SELECT * FROM releaseRevision WHERE releaseID = ? ORDER BY number",
                                     arguments: [releaseID])
    }

    /// Marks every current attestation about a release as superseded (an edit made them stale).
    public func markAttestationsSuperseded(subjectType: String, subjectID: Int64, at time: Date) throws {
        try db.execute(sql: """
            UPDATE attestation SET supersededAt = ?
            WHERE subjectType = ? AND subjectID = ? AND supersededAt IS NULL
            """, arguments: [time, subjectType, subjectID])
    }
}

extension StoreSession {
    public func rumor(id: Int64) throws -> Rumor? {
        try Rumor.fetchOne(db, sql: "SELECT * FROM rumor WHERE id = ?", arguments: [id])
    }

    public func updateRumor(_ rumor: Rumor) throws {
        try rumor.update(db)
    }

    public func rumors(incidentID: Int64) throws -> [Rumor] {
        try Rumor.fetchAll(db, sql: "SELECT * FROM rumor WHERE incidentID = ? ORDER BY id", arguments: [incidentID])
    }
}

// MARK: - Posts and the scheduler

extension StoreSession {
    public func insertPost(_ post: inout Post) throws {
        try post.insert(db)
    }

    public func updatePost(_ post: Post) throws {
        try post.update(db)
    }

    public func post(id: Int64) throws -> Post? {
        try Post.fetchOne(db, sql: "SELECT * FROM post WHERE id = ?", arguments: [id])
    }

    public func posts(releaseID: Int64) throws -> [Post] {
        try fetchReadable(Post.self, table: "post", sql: "SELECT * FROM post WHERE releaseID = ? ORDER BY scheduledAt, id", arguments: [releaseID])
    }

    /// The readable posts of a release; the ids of those that cannot be read go to `unreadable`.
    public func posts(releaseID: Int64, unreadable: inout [UnreadableRow]) throws -> [Post] {
        try fetchReadable(Post.self, table: "post", sql: "SELECT * FROM post WHERE releaseID = ? ORDER BY scheduledAt, id",
                          arguments: [releaseID], unreadable: &unreadable)
    }

    /// Puts a post that cannot be read back into `state` (and, when given, a readable time), if it is
    /// still waiting: how a person cancels, holds or reschedules a post whose stored time is damaged.
    /// Returns whether it changed.
    public func setWaitingPostState(id: Int64, to state: PostState, scheduledAt: Date?) throws -> Bool {
        try db.execute(sql: """
            UPDATE post SET state = ?, scheduledAt = COALESCE(?, scheduledAt), nextAttemptAt = NULL
            WHERE id = ? AND state IN ('scheduled', 'held', 'missed', 'awaiting_confirmation', 'failed')
            """, arguments: [state.rawValue, scheduledAt, id])
        return db.changesCount > 0
    }

    public func posts(incidentID: Int64) throws -> [Post] {
        try fetchReadable(Post.self, table: "post", sql: "SELECT * FROM post WHERE incidentID = ? ORDER BY scheduledAt DESC, id DESC",
                          arguments: [incidentID])
    }

    /// Posts waiting for their time (scheduled, held, failed with a retry, or waiting for a person), soonest first.
    public func upcomingPosts(limit: Int) throws -> [Post] {
        var ignored: [UnreadableRow] = []
        return try upcomingPosts(limit: limit, unreadable: &ignored)
    }

    /// The same, naming the waiting posts that cannot be read.
    public func upcomingPosts(limit: Int, unreadable: inout [UnreadableRow]) throws -> [Post] {
        try fetchReadable(Post.self, table: "post", sql: """
            SELECT * FROM post WHERE state IN ('scheduled', 'held', 'failed', 'awaiting_confirmation', 'missed', 'delivering',
                                               'hand_off', 'hand_off_overdue', 'needs_check', 'credentials_expired')
            ORDER BY scheduledAt, id LIMIT ?
            """, arguments: [limit], unreadable: &unreadable)
    }

    /// Posts whose time has come: scheduled ones due now, failed ones due for a retry, and claims
    /// older than `staleBefore` (their scheduler died mid-delivery). Uses the (state, scheduledAt) index.
    /// A row that cannot be read is skipped and named in `unreadable`: the others still go out.
    public func duePosts(now: Date, staleBefore: Date, limit: Int, unreadable: inout [UnreadableRow]) throws -> [Post] {
        try fetchReadable(Post.self, table: "post", sql: """
            SELECT * FROM post WHERE state = 'scheduled' AND scheduledAt <= ?
            UNION ALL
            SELECT * FROM post WHERE state = 'failed' AND nextAttemptAt IS NOT NULL AND nextAttemptAt <= ?
            UNION ALL
            SELECT * FROM post WHERE state = 'delivering' AND claimedAt < ?
            ORDER BY scheduledAt, id LIMIT ?
            """, arguments: [now, now, staleBefore, limit], unreadable: &unreadable)
    }

    /// Hand-offs not marked posted whose time was before `before`: they become overdue.
    public func handOffsDue(before: Date, limit: Int) throws -> [Post] {
        try Post.fetchAll(db, sql: """
            SELECT * FROM post WHERE state = 'hand_off' AND scheduledAt < ? ORDER BY scheduledAt, id LIMIT ?
            """, arguments: [before, limit])
    }

    /// The delivered post of `releaseID` on `channel`, if any: what a correction or update replies to.
    public func deliveredPost(releaseID: Int64, channel: Channel) throws -> Post? {
        try Post.fetchOne(db, sql: """
            SELECT * FROM post WHERE releaseID = ? AND channel = ? AND state = 'delivered' ORDER BY deliveredAt DESC, id DESC LIMIT 1
            """, arguments: [releaseID, channel.rawValue])
    }

    /// True when the records log says `postID` went out (delivered, or marked posted by a person) after the last
    /// time a person chose to resend it: a row set back to "scheduled" by hand cannot make it go out twice.
    public func logSaysPostWentOut(postID: Int64, incidentID: Int64) throws -> Bool {
        let row = try Row.fetchOne(db, sql: """
            SELECT MAX(CASE WHEN action IN ('post.delivered', 'post.mark_posted') THEN seq END) AS out,
                   MAX(CASE WHEN action = 'post.resend' THEN seq END) AS resent
            FROM logEntry WHERE incidentID = ? AND subjectType = 'post' AND subjectID = ?
            """, arguments: [incidentID, postID])
        guard let out: Int64 = row?["out"] else { return false }
        let resent: Int64? = row?["resent"]
        return out > (resent ?? -1)
    }

    /// The earliest time something is scheduled to go out.
    public func nextScheduledTime() throws -> Date? {
        // A time that cannot be read back (sorted first as text) is passed over, not thrown.
        let values = try DatabaseValue.fetchAll(db, sql: "SELECT scheduledAt FROM post WHERE state = 'scheduled' ORDER BY scheduledAt LIMIT 20")
        return values.compactMap { Date.fromDatabaseValue($0) }.min()
    }

    /// Takes the scheduler lease when it is free, expired or already ours; false when someone else holds it.
    public func acquireSchedulerLease(holder: String, now: Date, until expiry: Date) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO schedulerLease (id, holder, expiresAt) VALUES (1, ?, ?)
            ON CONFLICT(id) DO UPDATE SET holder = excluded.holder, expiresAt = excluded.expiresAt
            WHERE schedulerLease.holder = excluded.holder OR schedulerLease.expiresAt < ?
            """, arguments: [holder, expiry, now])
        return db.changesCount > 0
    }

    public func releaseSchedulerLease(holder: String) throws {
        try db.execute(sql: "DELETE FROM schedulerLease WHERE holder = ?", arguments: [holder])
    }

    public func schedulerLease() throws -> (holder: String, expiresAt: Date)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT holder, expiresAt FROM schedulerLease WHERE id = 1") else { return nil }
        return ((try row.decode(forColumn: "holder")), (try row.decode(forColumn: "expiresAt")))
    }
}

// MARK: - Media contacts

extension StoreSession {
    public func insertContact(_ contact: inout Contact) throws {
        try contact.insert(db)
    }

    public func updateContact(_ contact: Contact) throws {
        try contact.update(db)
    }

    public func contact(id: Int64) throws -> Contact? {
        try Contact.fetchOne(db, sql: "SELECT * FROM contact WHERE id = ?", arguments: [id])
    }

    /// The current media list (removed contacts are kept in the table, not listed).
    public func contacts() throws -> [Contact] {
        try Contact.fetchAll(db, sql: "SELECT * FROM contact WHERE removedAt IS NULL ORDER BY name")
    }

    /// Delivered website posts of one mode, newest first: the entries the Atom feed keeps.
    public func deliveredPosts(channel: Channel, isExercise: Bool, limit: Int) throws -> [Post] {
        try Post.fetchAll(db, sql: """
            SELECT * FROM post WHERE channel = ? AND isExercise = ? AND state = 'delivered'
            ORDER BY deliveredAt DESC LIMIT ?
            """, arguments: [channel.rawValue, isExercise, limit])
    }
}
