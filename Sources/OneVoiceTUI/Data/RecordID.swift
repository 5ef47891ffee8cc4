/// A record's number as the dashboard holds it, typed by what it numbers: an incident's number cannot go where
/// a release's is wanted, nor a post's where a fact's is. It reads as the number shown (`#42`) and typed
/// (`:incident 42`); the store turns it into Core's `Int64` (`number`), and a text that is no number finds nothing.
public struct RecordID<Kind>: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(_ number: Int64) { self.rawValue = String(number) }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
    /// Core's number for the record, nil when the text is none (then there is no such record).
    public var number: Int64? { Int64(rawValue) }

    /// As the text compares (the board's last tie-break, as the store orders it).
    public static func < (a: RecordID, b: RecordID) -> Bool { a.rawValue < b.rawValue }
}

/// What a `RecordID` numbers (never made: only named in the id's type).
public enum IncidentRecord {}
public enum ReleaseRecord {}
public enum PostRecord {}
public enum FactRecord {}

public typealias IncidentID = RecordID<IncidentRecord>
public typealias ReleaseID = RecordID<ReleaseRecord>
public typealias PostID = RecordID<PostRecord>
public typealias FactID = RecordID<FactRecord>
