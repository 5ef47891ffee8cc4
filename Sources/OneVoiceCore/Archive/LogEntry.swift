import Foundation

/// One entry of the records log: who did what to which thing, and when, chained by hash.
public struct LogEntry: Codable, Sendable, Hashable, Identifiable {
    public var seq: Int64
    /// Milliseconds since 1970, UTC.
    public var time: Int64
    public var actorID: Int64?
    public var actorHandle: String
    public var action: String
    public var subjectType: String
    public var subjectID: Int64
    /// The incident the change belongs to, when it belongs to one (for the incident's own log).
    public var incidentID: Int64?
    /// The change as canonical JSON.
    public var change: String
    public var prevHash: String
    public var hash: String

    public var id: Int64 { seq }
    public var date: Date { Timestamps.date(milliseconds: time) }

    public init(seq: Int64, time: Int64, actorID: Int64?, actorHandle: String, action: String, subjectType: String,
                subjectID: Int64, incidentID: Int64?, change: String, prevHash: String) {
        self.seq = seq
        self.time = time
        self.actorID = actorID
        self.actorHandle = actorHandle
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.incidentID = incidentID
        self.change = change
        self.prevHash = prevHash
        self.hash = LogEntry.computeHash(seq: seq, time: time, actorHandle: actorHandle, action: action,
                                         subjectType: subjectType, subjectID: subjectID, incidentID: incidentID,
                                         change: change, prevHash: prevHash)
    }

    /// An entry as read back from storage: the hash is the stored one, not recomputed.
    public init(seq: Int64, time: Int64, actorID: Int64?, actorHandle: String, action: String, subjectType: String,
                subjectID: Int64, incidentID: Int64?, change: String, prevHash: String, storedHash: String) {
        self.seq = seq
        self.time = time
        self.actorID = actorID
        self.actorHandle = actorHandle
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.incidentID = incidentID
        self.change = change
        self.prevHash = prevHash
        self.hash = storedHash
    }

    /// What the hash should be for the content as it stands.
    public var expectedHash: String { Hashing.sha256Hex(hashInput) }

    /// The exact text the hash covers.
    public var hashInput: String {
        LogEntry.hashInput(seq: seq, time: time, actorHandle: actorHandle, action: action, subjectType: subjectType,
                           subjectID: subjectID, incidentID: incidentID, change: change, prevHash: prevHash)
    }

    /// SHA-256 of the hashed form.
    public static func computeHash(seq: Int64, time: Int64, actorHandle: String, action: String, subjectType: String,
                                   subjectID: Int64, incidentID: Int64?, change: String, prevHash: String) -> String {
        Hashing.sha256Hex(hashInput(seq: seq, time: time, actorHandle: actorHandle, action: action, subjectType: subjectType,
                                    subjectID: subjectID, incidentID: incidentID, change: change, prevHash: prevHash))
    }

    /// The fields joined by U+001F, which canonical JSON, handles and action names never contain.
    static func hashInput(seq: Int64, time: Int64, actorHandle: String, action: String, subjectType: String,
                          subjectID: Int64, incidentID: Int64?, change: String, prevHash: String) -> String {
        let incident = incidentID.map(String.init) ?? ""
        return "\(seq)\u{1F}\(time)\u{1F}\(actorHandle)\u{1F}\(action)\u{1F}\(subjectType)\u{1F}\(subjectID)\u{1F}\(incident)\u{1F}\(change)\u{1F}\(prevHash)"
    }

    /// "fact #12" style reference for people.
    public var subject: String { "\(subjectType) #\(subjectID)" }
}
