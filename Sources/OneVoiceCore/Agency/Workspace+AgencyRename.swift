import Foundation

extension Workspace {
    /// Gives an agency (`host` or a partner's code) a new name: a host admin renames any agency, a partner's
    /// admin only their own. Signed and logged as `agency.rename`.
    ///
    /// A release goes out under its agencies' names as they are when it is sent (CAP `senderName`, the media
    /// e-mail's From), and an approval signs which agencies, not what they are called. So a rename waits while
    /// a signed release that speaks for the agency has not gone out yet: otherwise it would go out under a name
    /// its spokesperson never saw.
    @discardableResult
    public func renameAgency(code: String, to newName: String) throws -> AgencyRenaming {
        let name = try AgencyName.checked(newName)
        return try write { session in
            let admin = try actor(in: session, allowed: [.admin], to: "rename an agency")
            let directory = try session.agencyDirectory()
            let id = try agencyIDs(codes: [code], in: session)[0]
            if admin.agencyID != AgencyID.host, admin.agencyID != id {
                throw IdentityError.refused("\(admin.handle) is an admin of \(directory.name(of: admin.agencyID) ?? "another agency") and can rename only it, not \(directory.name(of: id) ?? "another agency"); nothing was changed.")
            }
            let old = directory.name(of: id) ?? ""
            guard old != name else { throw StoreError.invalid("The agency \(directory.code(of: id) ?? code) is already named \(name); nothing was changed.") }
            try refuseNameClash(name, except: id, in: session)
            if let waiting = try session.signedReleasesWaiting(forAgency: id).first {
                throw StoreError.invalid("""
                    Release #\(waiting.release) of incident #\(waiting.incident) speaks for \(old) and is signed off but not sent yet; \
                    it would go out under a name its spokesperson did not see. Rename once it has gone out, or revise it first \
                    (a revision needs a new sign-off). Nothing was changed.
                    """)
            }
            let renaming = AgencyRenaming(code: directory.code(of: id) ?? code, from: old, to: name)
            if id == AgencyID.host {
                try session.renameHostAgency(name)
                try session.appendLog(actor: admin, action: "agency.rename", subjectType: "agency", subjectID: 1, incidentID: nil,
                                      change: renaming, at: clock.now())
            } else {
                try session.renamePartnerAgency(id: id, name)
                try session.appendLog(actor: admin, action: "agency.rename", subjectType: "partnerAgency", subjectID: id, incidentID: nil,
                                      change: renaming, at: clock.now())
            }
            return renaming
        }
    }
}

/// An agency's new name beside its old one: what `agency.rename` logs.
public struct AgencyRenaming: Codable, Sendable, Equatable {
    public var code: String
    public var from: String
    public var to: String
}
