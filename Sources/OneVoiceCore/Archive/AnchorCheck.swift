import Foundation

/// One chain head seen outside the database (a delivery, an export, the user's state folder), and whether
/// the log still holds it.
public struct AnchorCheck: Sendable, Codable, Equatable {
    public var seq: Int64
    public var hash: String
    /// Where it was found: a file path and what kind of anchor it is.
    public var source: String
    public var holds: Bool
}
