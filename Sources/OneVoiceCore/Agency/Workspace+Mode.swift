import Foundation

extension Workspace {
    /// Switches the whole workspace between EXERCISE and LIVE: an admin's signed, logged act.
    /// Incidents keep the mode they were opened in.
    @discardableResult
    public func setWorkspaceMode(_ mode: WorkspaceMode, note: String = "") throws -> Agency {
        try TextInput.check(note, as: .note)
        return try write { session in
            let admin = try hostAdmin(in: session, to: "switch between exercise and live")
            guard var agency = try session.agency() else { throw StoreError.notInitialised(path: database.path) }
            guard agency.mode != mode else {
                throw StoreError.invalid("The workspace is already in \(mode.badge) mode; nothing was changed.")
            }
            _ = try attest(session, by: admin, role: .admin, subjectType: "agency", subjectID: 1, incidentID: nil,
                           contentHash: Hashing.sha256Hex("agency mode \(mode.rawValue)"), verdict: "mode-\(mode.rawValue)", note: note)
            agency.mode = mode
            try session.setWorkspaceMode(mode)
            try session.appendLog(actor: admin, action: "agency.mode", subjectType: "agency", subjectID: 1, incidentID: nil,
                                  change: StatusChange(status: mode.rawValue, note: note), at: clock.now())
            return agency
        }
    }
}
