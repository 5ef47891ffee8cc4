import Foundation

/// SplitMix64: a small seeded generator, so a synthetic agency is the same from run to run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Plausible incident titles, facts and releases in a PIO's words, with enough different words
/// that full-text search has common and rare terms to find.
struct SyntheticText {
    private var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    private mutating func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    static let streets = ["Elm", "Oak", "Maple", "Cedar", "Pine", "Walnut", "Chestnut", "Spruce", "Willow", "Birch", "Hickory",
                          "Sycamore", "Magnolia", "Juniper", "Laurel", "Aspen", "Cypress", "Poplar", "Alder", "Linden",
                          "Main", "Market", "Union", "Liberty", "Franklin", "Jefferson", "Madison", "Monroe", "Jackson",
                          "Lincoln", "Grant", "Harrison", "Cleveland", "Wilson", "Kennedy", "River", "Lake", "Hill",
                          "Quarry", "Mill", "Foundry", "Depot", "Harbor", "Bridge", "Canal", "Prairie", "Orchard"]
    static let suffixes = ["Street", "Avenue", "Road", "Boulevard", "Drive", "Lane", "Parkway"]
    static let places = ["Elm Park", "Riverside Mall", "Central Station", "Lincoln High School", "the county fairgrounds",
                         "Harbor Point", "the Quarrystone mill", "Mercy Hospital", "the public library", "Zephyrine Bridge",
                         "the transit center", "Memorial Stadium", "Northgate Plaza", "the water treatment plant",
                         "Oakwood Elementary", "the Route 9 interchange", "Westfield Community Center", "Pier 4"]
    static let hospitals = ["Mercy Hospital", "St. Luke's Medical Center", "Riverton General", "County Regional Trauma Center"]
    static let sources = ["Lt. Ortiz", "Sgt. Brennan", "Capt. Alvarez", "Fire Chief Okonkwo", "the county medical examiner",
                          "the Riverton Fire Department", "the state highway patrol", "Mercy Hospital's spokesperson",
                          "the dispatch log", "the district attorney's office", "the school district", "Det. Kowalski"]
    static let numbers = ["One", "Two", "Three", "Four", "Five", "Six"]
    static let roads = ["Route 9", "Route 4", "Interstate 35", "Highway 61", "the Zephyrine Bridge", "Market Street", "River Road"]

    mutating func kind() -> IncidentKind {
        pick([.general, .general, .general, .trafficFatality, .roadClosure, .missingPerson, .communityEvent, .evacuation,
              .highProfileArrest, .useOfForce, .massCasualty, .officerInvolvedShooting, .activeShooter, .inCustodyDeath])
    }

    mutating func location() -> String {
        "\(number(1, 99))00 block of \(pick(Self.streets)) \(pick(Self.suffixes))"
    }

    private mutating func number(_ low: Int, _ high: Int) -> Int { number(low...high) }

    mutating func title(_ kind: IncidentKind) -> String {
        let street = pick(Self.streets), place = pick(Self.places)
        switch kind {
        case .trafficFatality: return "Fatal crash on \(street) \(pick(Self.suffixes))"
        case .roadClosure: return "\(pick(Self.roads)) closed for \(pick(["bridge repairs", "a gas leak", "flooding", "a parade", "a water main break"]))"
        case .missingPerson: return "Missing \(pick(["teenager", "hiker", "older adult", "child"])) near \(place)"
        case .communityEvent: return "\(pick(["Fourth of July fireworks", "Marathon", "Harvest festival", "Graduation"])) at \(place)"
        case .evacuation: return "Evacuation near \(place) (\(pick(["chemical spill", "wildfire", "gas leak", "flooding"])))"
        case .highProfileArrest: return "Arrest in the \(street) \(pick(["burglaries", "fraud case", "homicide", "arson series"]))"
        case .useOfForce: return "Use of force during arrest on \(street) \(pick(Self.suffixes))"
        case .massCasualty: return "Multi-vehicle crash at \(place)"
        case .officerInvolvedShooting: return "Officer-involved shooting on \(street) \(pick(Self.suffixes))"
        case .activeShooter: return "Shots fired near \(place)"
        case .inCustodyDeath: return "Death in custody at the \(pick(["county jail", "central precinct", "juvenile center"]))"
        case .general: return pick(["Shots fired near", "Structure fire at", "Suspicious package at", "Power outage near",
                                    "Armed robbery near", "Stabbing near", "Vehicle into building at"]) + " " + place
        }
    }

    mutating func fact() -> String {
        switch number(0, 9) {
        case 0: return "\(pick(Self.numbers)) people were taken to \(pick(Self.hospitals)) with \(pick(["minor", "serious", "life-threatening", "non-life-threatening"])) injuries."
        case 1: return "\(pick(Self.roads)) is closed in both directions between \(pick(Self.streets)) and \(pick(Self.streets)) \(pick(Self.suffixes))."
        case 2: return "Officers were dispatched at about \(number(1, 12)):\(String(format: "%02d", number(0, 59))) \(pick(["a.m.", "p.m."])) after several 911 calls."
        case 3: return "The fire was under control by \(number(1, 12)):\(String(format: "%02d", number(0, 59))); \(pick(Self.numbers).lowercased()) buildings were damaged."
        case 4: return "Residents within \(number(2, 9)) blocks of \(pick(Self.places)) were asked to shelter in place."
        case 5: return "There is no ongoing threat to the public, according to \(pick(Self.sources))."
        case 6: return "\(pick(Self.numbers)) \(pick(["vehicles", "buses", "trucks", "motorcycles"])) were involved; the \(pick(["driver", "passenger", "cyclist", "pedestrian"])) was treated at the scene."
        case 7: return "A \(pick(["red", "white", "black", "silver", "blue"])) \(pick(["sedan", "pickup", "van", "SUV"])) was seen leaving toward \(pick(Self.streets)) \(pick(Self.suffixes))."
        case 8: return "The \(pick(["state crime lab", "county fire marshal", "NTSB", "ATF", "FBI"])) is assisting with the investigation."
        default: return "A reunification point is open at \(pick(Self.places)) for families."
        }
    }

    mutating func source() -> String { pick(Self.sources) }

    mutating func sourceKind() -> SourceKind {
        pick([.incidentCommander, .incidentCommander, .officialRecord, .hospital, .onSceneOfficer, .witness])
    }

    mutating func release(incident: Incident, facts: [String], agency: String, kind: ReleaseKind) -> String {
        let time = "\(number(1, 12)):\(String(format: "%02d", number(0, 59))) \(pick(["a.m.", "p.m."]))"
        var parts = ["At about \(time), officers of the \(agency) responded to a report of \(incident.title.lowercased()) in the \(incident.location)."]
        parts += facts
        parts.append(pick(["There is no ongoing threat to the public.", "Please avoid the area while crews work.",
                           "Drivers should use \(pick(Self.roads)) as a detour."]))
        parts.append("Detectives of the \(pick(["major crimes", "traffic investigations", "special victims", "property crimes"])) unit are investigating.")
        parts.append("The investigation is ongoing, and more information will follow. The next update will be at \(number(1, 12)):00 \(pick(["a.m.", "p.m."])).")
        parts.append("Anyone with information is asked to call the \(agency) tip line.")
        return parts.joined(separator: " ")
    }

    mutating func revisionNote() -> String {
        pick(["Update: \(pick(Self.roads)) has reopened.", "Update: the shelter-in-place request was lifted.",
              "Update: \(pick(Self.numbers).lowercased()) more people were treated at \(pick(Self.hospitals)).",
              "Update: a press briefing will be held at \(pick(Self.places)).",
              "Update: the \(pick(["state crime lab", "county fire marshal", "NTSB"])) has joined the investigation."])
    }
}
