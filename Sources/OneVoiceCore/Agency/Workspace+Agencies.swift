import Foundation

extension Workspace {
    /// Adds a partner agency to a joint information center's record (the host agency's admins only): its
    /// people can then be enrolled, and it can take part in joint incidents.
    @discardableResult
    public func addPartnerAgency(code: String, name: String) throws -> PartnerAgency {
        let code = code.trimmingCharacters(in: .whitespaces)
        guard Person.isValidHandle(code), code != AgencyID.hostCode else {
            throw StoreError.invalid("\"\(code)\" is not a usable agency code; use lower-case letters, digits, '.', '-' or '_' (up to 32), and not \"\(AgencyID.hostCode)\".")
        }
        let name = try AgencyName.checked(name)
        return try write { session in
            let admin = try hostAdmin(in: session, to: "add a partner agency")
            if try session.partnerAgencies().contains(where: { $0.code == code }) {
                throw StoreError.invalid("There is already an agency with the code \(code); nothing was changed.")
            }
            try refuseNameClash(name, except: nil, in: session)
            let now = clock.now()
            var partner = PartnerAgency(code: code, name: name, addedAt: now)
            try session.insertPartnerAgency(&partner)
            try session.appendLog(actor: admin, action: "agency.add", subjectType: "partnerAgency", subjectID: partner.id,
                                  incidentID: nil, change: partner, at: now)
            return partner
        }
    }

    /// Refuses a name another agency of the record already has (folded as releases' texts are read).
    func refuseNameClash(_ name: String, except: Int64?, in session: StoreSession) throws {
        let directory = try session.agencyDirectory()
        if let other = AgencyName.clash(name, in: directory, except: except) {
            throw StoreError.invalid("\(directory.name(of: other) ?? "Another agency") (\(directory.code(of: other) ?? "?")) already has that name; releases could not tell the two apart. Nothing was changed.")
        }
    }

    /// The agencies the caller may enrol people into, their own first: a host admin's every agency, a partner's
    /// admin their own only (as `addToRoster` allows). Empty on a record of one agency, where there is no choice.
    public func enrolmentAgencies() throws -> [(code: String, name: String)] {
        guard let me = try currentPerson(), me.has(.admin) else { return [] }
        let directory = try agencyDirectory()
        guard !directory.partners.isEmpty else { return [] }
        let all = [AgencyID.host] + directory.partners.map(\.id)
        let allowed = me.agencyID == AgencyID.host ? [me.agencyID] + all.filter { $0 != me.agencyID } : [me.agencyID]
        return allowed.compactMap { id in directory.code(of: id).map { ($0, directory.name(of: id) ?? $0) } }
    }

    /// The host and its partners.
    public func agencyDirectory() throws -> AgencyDirectory {
        try database.read { try $0.agencyDirectory() }
    }

    /// The caller, when they are an admin of the host agency: the one who runs the record.
    func hostAdmin(in session: StoreSession, to action: String) throws -> Person {
        let person = try actor(in: session, allowed: [.admin], to: action)
        guard person.agencyID == AgencyID.host else {
            let directory = try session.agencyDirectory()
            throw IdentityError.refused("Only an admin of \(directory.hostName) (the host agency) can \(action); \(person.handle) is an admin of \(directory.name(of: person.agencyID) ?? "another agency").")
        }
        return person
    }

    /// The agency ids of typed codes, refused in one sentence when one is unknown.
    func agencyIDs(codes: [String], in session: StoreSession) throws -> [Int64] {
        let directory = try session.agencyDirectory()
        return try codes.map { code in
            guard let id = directory.id(ofCode: code) else {
                let known = ([AgencyID.hostCode] + directory.partners.map(\.code)).joined(separator: ", ")
                throw StoreError.invalid("There is no agency with the code \(code); the agencies are: \(known).")
            }
            return id
        }
    }
}
