import Foundation

/// A claim circulating in public, where it was seen, and the verified fact that answers it.
public struct Rumor: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var incidentID: Int64
    public var text: String
    public var seenAt: String
    public var answeredByFactID: Int64?
    public var recordedBy: Int64
    public var recordedAt: Date

    public init(id: Int64 = 0, incidentID: Int64, text: String, seenAt: String, answeredByFactID: Int64? = nil, recordedBy: Int64, recordedAt: Date) {
        self.id = id
        self.incidentID = incidentID
        self.text = text
        self.seenAt = seenAt
        self.answeredByFactID = answeredByFactID
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }
}
