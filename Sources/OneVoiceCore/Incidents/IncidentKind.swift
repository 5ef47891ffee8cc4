/// The kinds of incident a PIO plans for; each has a pre-plan template whose id is the slug.
public enum IncidentKind: String, CaseIterable, Codable, Sendable {
    case officerInvolvedShooting = "officer-involved-shooting"
    case activeShooter = "active-shooter"
    case massCasualty = "mass-casualty"
    case highProfileArrest = "high-profile-arrest"
    case useOfForce = "use-of-force"
    case inCustodyDeath = "in-custody-death"
    case missingPerson = "missing-person"
    case evacuation
    case trafficFatality = "traffic-fatality"
    case roadClosure = "road-closure"
    case communityEvent = "community-event"
    case general

    public var slug: String { rawValue }

    /// A short human label for screens ("Officer-involved shooting").
    public var label: String {
        if self == .officerInvolvedShooting { return "Officer-involved shooting" }
        let words = rawValue.split(separator: "-").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
