import Foundation

/// Everything a user can do, as Core operations: the CLI, the dashboard and tests all call these.
///
/// A workspace is one agency's database, a clock and (for changes) the caller's key.
/// Each change runs in one transaction that also appends its records-log entry.
public struct Workspace: Sendable {
    public let database: AppDatabase
    public let clock: any WallClock
    public let identity: IdentityKey?
    /// Where the key came from, for error messages.
    public let identityPath: String
    public let settings: WorkspaceSettings
    /// Where the chain heads this user has seen are kept, outside the database.
    public let anchors: AnchorStore

    public init(database: AppDatabase, clock: any WallClock = SystemClock(), identity: IdentityKey?, identityPath: String = "",
                settings: WorkspaceSettings = .builtIn, anchors: AnchorStore = .standard) {
        self.database = database
        self.clock = clock
        self.identity = identity
        self.identityPath = identityPath
        self.settings = settings
        self.anchors = anchors
    }

    /// The same workspace acting with another key (the demo's role switch, tests).
    public func acting(as identity: IdentityKey?) -> Workspace {
        Workspace(database: database, clock: clock, identity: identity, identityPath: identityPath, settings: settings,
                  anchors: anchors)
    }

    /// The name under which this log's anchors are kept: its first entry's hash.
    public func logKey() throws -> String? {
        try database.read { try $0.anchorKey() }
    }

    /// Notes a chain head outside the database; a failure to note it is reported, not fatal to the work.
    @discardableResult
    public func recordAnchor(_ anchor: ChainAnchor, source: String) -> Bool {
        guard let key = try? logKey() else { return false }
        return (try? anchors.record(anchor, source: source, logKey: key, databasePath: database.path, at: clock.now())) != nil
    }

    /// One transaction whose log entries are signed with the caller's key.
    func write<T>(_ body: (StoreSession) throws -> T) throws -> T {
        try database.write(signer: identity, body)
    }

    /// The caller as a roster member holding one of `roles`, or a one-sentence refusal.
    func actor(in session: StoreSession, allowed roles: [Role], to action: String) throws -> Person {
        let person = try caller(in: session)
        guard person.firstRole(among: roles) != nil else {
            throw IdentityError.notAllowed(action: action, needs: roles, handle: person.handle, has: person.roles)
        }
        return person
    }

    /// The caller as a roster member, whatever their roles.
    func caller(in session: StoreSession) throws -> Person {
        guard let identity else { throw IdentityError.missingKey(path: identityPath) }
        guard let person = try session.person(publicKey: identity.publicKeyBase64) else {
            if let removed = try session.removedPerson(publicKey: identity.publicKeyBase64) {
                throw IdentityError.removedFromRoster(handle: removed.handle)
            }
            throw IdentityError.notInRoster(publicKey: identity.publicKeyBase64)
        }
        return person
    }

    /// Who the caller is, if their key is in the roster (read-only callers get nil).
    public func currentPerson() throws -> Person? {
        guard let identity else { return nil }
        return try database.read { try $0.person(publicKey: identity.publicKeyBase64) }
    }

    public func agency() throws -> Agency {
        try database.read { session in
            guard let agency = try session.agency() else { throw StoreError.notInitialised(path: database.path) }
            return agency
        }
    }

    /// Signs an attestation with the caller's key and stores it with its log entry.
    func attest(_ session: StoreSession, by person: Person, role: Role, subjectType: String, subjectID: Int64,
                incidentID: Int64?, contentHash: String, verdict: String, note: String) throws -> Attestation {
        guard let identity else { throw IdentityError.missingKey(path: identityPath) }
        let now = clock.now()
        var attestation = try Attestation.sign(by: person, role: role, key: identity, subjectType: subjectType,
                                               subjectID: subjectID, contentHash: contentHash, verdict: verdict,
                                               note: note, at: now)
        try session.insertAttestation(&attestation)
        try session.appendLog(actor: person, action: "attest.\(verdict)", subjectType: "attestation",
                              subjectID: attestation.id, incidentID: incidentID, change: attestation, at: now)
        return attestation
    }
}
