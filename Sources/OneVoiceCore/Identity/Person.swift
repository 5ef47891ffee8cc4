import Foundation

/// Someone in the agency's roster. Who they are is the public key they hold.
public struct Person: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var handle: String
    public var displayName: String
    /// Base64 of the raw 32-byte Ed25519 public key.
    public var publicKey: String
    public var roles: [Role]
    public var addedAt: Date
    /// The agency they belong to and hold their roles in: `AgencyID.host` (the agency the record was made
    /// for) or a partner's id. Rows and log entries from before agencies were kept have none: the host.
    public var agencyID: Int64

    public init(id: Int64, handle: String, displayName: String, publicKey: String, roles: [Role], addedAt: Date,
                agencyID: Int64 = AgencyID.host) {
        self.id = id
        self.handle = handle
        self.displayName = displayName
        self.publicKey = publicKey
        self.roles = roles.sorted()
        self.addedAt = addedAt
        self.agencyID = agencyID
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(Int64.self, forKey: .id), handle: try c.decode(String.self, forKey: .handle),
                  displayName: try c.decode(String.self, forKey: .displayName), publicKey: try c.decode(String.self, forKey: .publicKey),
                  roles: try c.decode([Role].self, forKey: .roles), addedAt: try c.decode(Date.self, forKey: .addedAt),
                  agencyID: try c.decodeIfPresent(Int64.self, forKey: .agencyID) ?? AgencyID.host)
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    /// The first of `roles` this person holds, in the order given.
    public func firstRole(among roles: [Role]) -> Role? { roles.first(where: has) }

    /// Handles are what people type: lower-case letters, digits, `.`, `-`, `_`.
    public static func isValidHandle(_ handle: String) -> Bool {
        guard (1...32).contains(handle.count) else { return false }
        return handle.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "." || s == "-" || s == "_"
        }
    }
}
