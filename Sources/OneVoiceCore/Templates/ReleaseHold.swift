/// Something a template says must not be released for a while, e.g. officer names for 72
/// hours after an officer-involved shooting, or victims' names until next of kin are notified.
public struct ReleaseHold: Sendable, Equatable, Hashable, Identifiable {
    /// When a hold ends.
    public enum Duration: Sendable, Equatable, Hashable {
        /// A number of hours after the incident opened.
        case hours(Int)
        /// Until a condition is met.
        case until(Condition)
    }

    /// The closed set of conditions a hold can wait for (`until = "..."`).
    public enum Condition: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
        case nextOfKinNotified = "next-of-kin-notified"
        case legalClearance = "legal-clearance"
        case chargesFiled = "charges-filed"
        case commandApproval = "command-approval"
    }

    public var id: String
    public var description: String
    /// A slug for what is held. Built-in templates use: officer-names, victim-names,
    /// deceased-names, suspect-names, cause-of-death, missing-person-details.
    public var appliesTo: String
    public var duration: Duration

    public init(id: String, description: String, appliesTo: String, duration: Duration) {
        self.id = id
        self.description = description
        self.appliesTo = appliesTo
        self.duration = duration
    }
}
