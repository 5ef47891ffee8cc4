import OneVoiceCore

/// Harmless sample values for every slot the built-in templates use.
enum TemplateSamples {
    static let agencyPhone = "217-555-0100"

    static let facts: [String: String] = [
        "injuries": "One adult was taken to a hospital.",
        "public-safety": "There is no ongoing threat to the public.",
        "investigating-agency": "The State Bureau of Investigation",
        "officer-injuries": "No officers were injured.",
        "officer-status": "The officers involved have been placed on paid administrative leave, per department policy.",
        "protective-action": "People near the area should shelter in place and lock their doors.",
        "casualties": "Several people were taken to hospitals.",
        "reunification-site": "the Lincoln Community Center",
        "incident-summary": "a report of a building collapse",
        "road-closures": "Main Street is closed between 5th Avenue and 8th Avenue.",
        "arrestee": "a 41-year-old man",
        "charges": "suspicion of fraud",
        "arrest-circumstances": "Detectives made the arrest without incident after a months-long investigation.",
        "booking": "He is being held at the county jail.",
        "force-summary": "During an arrest, officers used force to take a man into custody.",
        "review-process": "The professional standards unit is reviewing the incident, as it does after every use of force.",
        "custody-summary": "Jail staff found the person unresponsive during a scheduled check and began life-saving measures.",
        "medical-response": "Paramedics took the person to a hospital, where the person was pronounced dead.",
        "person-description": "a 78-year-old man with dementia",
        "last-seen": "at about 2 p.m. on Monday",
        "clothing": "He was wearing a blue jacket and gray pants.",
        "family-consent": "The family has asked for the public's help.",
        "hazard": "a chemical leak",
        "evacuation-area": "the area north of the river",
        "shelter-location": "Springfield High School",
        "routes": "Route 9 northbound",
        "vehicles": "two cars",
        "closed-roads": "Main Street",
        "closure-reason": "a water main break",
        "closure-times": "from 7 a.m. to 4 p.m. on Saturday",
        "detour": "Oak Avenue",
        "event-name": "National Night Out",
        "event-time": "Tuesday, August 5, from 5 to 8 p.m.",
        "event-place": "Riverside Park",
        "event-details": "Meet officers, tour a patrol car and enjoy free food.",
    ]

    static var values: SlotValues {
        var values: SlotValues = [
            "incident.title": "the Riverside Park investigation",
            "incident.location": "the 1200 block of Main Street",
            "incident.kind": "General",
            "incident.opened_date": "Tuesday, June 10",
            "incident.opened_time": "10:42 p.m.",
            "agency.name": "Springfield Police Department",
            "agency.phone": agencyPhone,
            "agency.email": "media@springfieldpd.gov",
            "agency.website": "https://springfieldpd.gov",
            "spokesperson.name": "Lt. Dana Whitfield",
            "spokesperson.title": "public information officer",
            "release.date": "June 10",
            "release.time": "11:30 p.m.",
            "next_update": "at 4 p.m. on the department's website",
        ]
        for (key, value) in facts { values.setFact(key, value) }
        return values
    }

    static func context(for template: Template) -> PolicyContext {
        PolicyContext(incidentKind: template.kind, incidentActive: true, publicContacts: [agencyPhone])
    }
}
