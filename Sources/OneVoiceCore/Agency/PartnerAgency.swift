import Foundation

/// Which agency: the host is the agency the record was made for (its row is `agency`); partners are the
/// other agencies of a joint information center that share the record, numbered from 1.
public enum AgencyID {
    public static let host: Int64 = 0
    /// What people type for the host agency wherever a partner's code goes.
    public static let hostCode = "host"
}

/// An agency that shares the record in a joint information center: police beside fire, the county, the
/// state. Its people hold their roles in it and act on its incidents and the joint incidents it takes part in.
public struct PartnerAgency: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    /// A short name people type (`fire`, `county-oem`), with the rules of a handle.
    public var code: String
    public var name: String
    public var addedAt: Date

    public init(id: Int64 = 0, code: String, name: String, addedAt: Date) {
        self.id = id
        self.code = code
        self.name = name
        self.addedAt = addedAt
    }
}

/// The agencies of one record, host and partners, by id: what names an incident's agencies.
public struct AgencyDirectory: Sendable, Hashable {
    public var hostName: String
    public var partners: [PartnerAgency]

    public init(hostName: String, partners: [PartnerAgency]) {
        self.hostName = hostName
        self.partners = partners
    }

    public func name(of id: Int64) -> String? {
        id == AgencyID.host ? hostName : partners.first { $0.id == id }?.name
    }

    public func code(of id: Int64) -> String? {
        id == AgencyID.host ? AgencyID.hostCode : partners.first { $0.id == id }?.code
    }

    /// The id a typed code stands for (`host` or a partner's code), if any.
    public func id(ofCode code: String) -> Int64? {
        let code = code.trimmingCharacters(in: .whitespaces).lowercased()
        return code == AgencyID.hostCode ? AgencyID.host : partners.first { $0.code == code }?.id
    }

    /// The names of every agency taking part in an incident, its own agency first.
    public func names(of incident: Incident) -> [String] {
        incident.participatingAgencies.map { name(of: $0) ?? "agency #\($0)" }
    }

    /// "Riverton Police Department, Riverton Fire Rescue and the County Office of Emergency Management" style:
    /// the names joined as a sentence names them.
    public static func phrase(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        case 2: return "\(names[0]) and \(names[1])"
        default: return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
    }
}
