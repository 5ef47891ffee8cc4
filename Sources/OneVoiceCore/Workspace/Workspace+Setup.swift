import Foundation

extension Workspace {
    /// Creates the agency in a new database and enrols the caller as admin and drafter.
    public static func initialize(at url: URL, agencyName: String, timeZoneIdentifier: String, mode: WorkspaceMode,
                                  handle: String, displayName: String, key: IdentityKey,
                                  clock: any WallClock = SystemClock(), anchors: AnchorStore = .standard) throws -> Workspace {
        try initialize(.file(url), copies: url.deletingLastPathComponent(), agencyName: agencyName,
                       timeZoneIdentifier: timeZoneIdentifier, mode: mode, handle: handle, displayName: displayName, key: key,
                       clock: clock, anchors: anchors)
    }

    /// Sets up a new agency at `location`: a new file, or an empty shared server (`copies` holds this machine's
    /// working copy of a server's log).
    public static func initialize(_ location: DatabaseLocation, copies: URL, agencyName: String, timeZoneIdentifier: String, mode: WorkspaceMode,
                                  handle: String, displayName: String, key: IdentityKey,
                                  clock: any WallClock = SystemClock(), anchors: AnchorStore = .standard) throws -> Workspace {
        let name = agencyName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw StoreError.invalid("The agency needs a name (--agency).") }
        try TextInput.check(name, as: .name)
        guard TimeZone(identifier: timeZoneIdentifier) != nil, timeZoneIdentifier.contains("/") || timeZoneIdentifier == "UTC" else {
            throw StoreError.invalid("\"\(timeZoneIdentifier)\" is not a time zone name; use an IANA name such as America/Chicago.")
        }
        guard Person.isValidHandle(handle) else {
            throw StoreError.invalid("\"\(handle)\" is not a usable handle; use lower-case letters, digits, '.', '-' or '_' (up to 32).")
        }
        let database = try AppDatabase.open(location, create: true, copies: copies)
        let workspace = Workspace(database: database, clock: clock, identity: key, anchors: anchors)
        try database.write(signer: key) { session in
            if try session.agency() != nil { throw StoreError.alreadyInitialised(path: database.path) }
            let now = clock.now()
            let agency = Agency(name: name, timeZoneIdentifier: timeZoneIdentifier, mode: mode, createdAt: now)
            try session.insertAgency(agency)
            // The founding admin is person #1 of a new database; the first entry, signed with their key, names it.
            let founder = Person(id: 1, handle: handle, displayName: displayName, publicKey: key.publicKeyBase64,
                                 roles: [.admin, .drafter], addedAt: now)
            try session.appendLog(actor: founder, action: "agency.init", subjectType: "agency", subjectID: 1,
                                  incidentID: nil, change: agency, at: now)
            var person = founder
            try session.insertPerson(&person)
            try session.appendLog(actor: person, action: "roster.add", subjectType: "person", subjectID: person.id,
                                  incidentID: nil, change: person, at: now)
        }
        // A new history at this path: notes kept for a database that was here before no longer apply to it.
        anchors.retire(databasePath: database.path, at: clock.now())
        // The founding head, noted at once: a log later recomputed from its start fails here even if this user
        // never verified or delivered from it.
        if let head = try database.read({ try $0.logHead() }) {
            workspace.recordAnchor(ChainAnchor(seq: head.seq, hash: head.hash), source: "founding")
        }
        return workspace
    }
}
