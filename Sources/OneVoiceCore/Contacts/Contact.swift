import Foundation

/// A journalist or outlet on the media e-mail list.
public struct Contact: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var name: String
    public var email: String
    public var outlet: String
    public var addedAt: Date
    /// A removed contact stays in the record (a tombstone), with why.
    public var removedAt: Date?
    public var removalReason: String?

    public init(id: Int64 = 0, name: String, email: String, outlet: String, addedAt: Date) {
        self.id = id
        self.name = name
        self.email = email
        self.outlet = outlet
        self.addedAt = addedAt
        self.removedAt = nil
        self.removalReason = nil
    }

    /// A plain check that catches typos, not a full RFC 5322 parser: one @, a dot in the domain, no spaces.
    public static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasSuffix("."), !parts[1].hasPrefix(".") else { return false }
        return !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" })
    }
}
