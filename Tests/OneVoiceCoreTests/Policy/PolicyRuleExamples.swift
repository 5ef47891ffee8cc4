import OneVoiceCore

/// Realistic sentences each built-in rule must catch, and ordinary release language no rule
/// may flag.
enum PolicyRuleExamples {
    struct Example: Sendable, CustomStringConvertible {
        var rule: String
        var text: String
        var context: PolicyContext = PolicyContext()
        var description: String { "[\(rule)] \(text)" }
    }

    static let sexCrime = "Detectives are investigating a reported sexual assault."

    static let caught: [Example] = [
        // juvenile
        Example(rule: "juvenile", text: "Officers detained Tyler Jenkins, a juvenile, near the park."),
        Example(rule: "juvenile", text: "The minor, Emily Carter, was released to a guardian."),
        Example(rule: "juvenile", text: "A 16-year-old was taken into custody."),
        Example(rule: "juvenile", text: "The driver, a 16 year old from Springfield, was cited."),
        Example(rule: "juvenile", text: "The suspect, age 16, was booked."),
        Example(rule: "juvenile", text: "A boy aged 15 was struck by a car."),
        Example(rule: "juvenile", text: "A 15-year-old boy was taken to a hospital."),
        Example(rule: "juvenile", text: "The passenger was 17 years old."),
        Example(rule: "juvenile", text: "A six-year-old girl was found safe."),
        Example(rule: "juvenile", text: "Police arrested Jordan Blake, 16, on Tuesday."),
        // sex-crime victim
        Example(rule: "sex-crime-victim", text: "\(sexCrime) The suspect is the victim's stepfather."),
        Example(rule: "sex-crime-victim", text: "Police arrested a man on charges of child abuse involving his niece."),
        Example(rule: "sex-crime-victim", text: "The victim, Maria Gonzalez, reported a sexual assault on Friday."),
        Example(rule: "sex-crime-victim", text: "Detectives are investigating elder abuse of a dependent adult by her caregiver."),
        // address
        Example(rule: "address", text: "Officers responded to 1234 N. Main St. at 10 p.m."),
        Example(rule: "address", text: "The fire started at 1,234 Elm Street."),
        Example(rule: "address", text: "The man lives at 42 Oak Avenue, Apt. 3B."),
        Example(rule: "address", text: "The woman was found in Unit 12 of the complex."),
        Example(rule: "address", text: "Police searched apartment #4 on the second floor."),
        Example(rule: "address", text: "The vehicle was found at 40.7128, -74.0060."),
        Example(rule: "address", text: "The property, parcel 123-456-789, was searched."),
        Example(rule: "address", text: "Deputies served a warrant at 907 W Harbor Blvd."),
        // identifiers
        Example(rule: "phone-number", text: "The caller can be reached at 555-867-5309."),
        Example(rule: "phone-number", text: "Her number is (217) 555-0147."),
        Example(rule: "phone-number", text: "Witness line: +1 217.555.0147."),
        Example(rule: "date-of-birth", text: "The suspect, born 4/12/1987, was arrested."),
        Example(rule: "date-of-birth", text: "John Roe, DOB 04-12-1987, was booked."),
        Example(rule: "date-of-birth", text: "His date of birth was confirmed by records."),
        Example(rule: "ssn", text: "The card showed 123-45-6789."),
        Example(rule: "ssn", text: "Investigators recovered his Social Security number."),
        Example(rule: "drivers-license", text: "Driver's license number D1234567 was recovered."),
        Example(rule: "drivers-license", text: "The woman gave DL A123-456-789 at the stop."),
        Example(rule: "email", text: "Contact the owner at jane.doe84@gmail.com for details."),
        // statements
        Example(rule: "statement", text: "The suspect confessed to the shooting."),
        Example(rule: "statement", text: "He admitted to taking the car."),
        Example(rule: "statement", text: "The man told police he was at home that night."),
        Example(rule: "statement", text: "His alibi is being checked."),
        Example(rule: "statement", text: "The driver refused a breath test."),
        Example(rule: "statement", text: "She refused to submit to a blood test."),
        Example(rule: "statement", text: "The suspect said the gun went off by accident."),
        // forensic
        Example(rule: "forensic", text: "DNA from the scene matched the suspect."),
        Example(rule: "forensic", text: "Fingerprints were found on the window."),
        Example(rule: "forensic", text: "Ballistics tests link the two shootings."),
        Example(rule: "forensic", text: "He failed a polygraph."),
        Example(rule: "forensic", text: "Toxicology results showed alcohol."),
        Example(rule: "forensic", text: "His blood-alcohol content was 0.15."),
        // prior record
        Example(rule: "prior-record", text: "The suspect has a lengthy criminal history."),
        Example(rule: "prior-record", text: "The man was known to police."),
        Example(rule: "prior-record", text: "She was on probation at the time."),
        Example(rule: "prior-record", text: "He has prior convictions for burglary."),
        // guilt
        Example(rule: "guilt", text: "The murderer fled on foot."),
        Example(rule: "guilt", text: "Officers are searching for the perpetrator."),
        Example(rule: "guilt", text: "The man is guilty of the attack."),
        Example(rule: "guilt", text: "The killer has not been found."),
        // speculation
        Example(rule: "speculation", text: "We believe the shooting was gang related."),
        Example(rule: "speculation", text: "The fire was possibly set on purpose."),
        Example(rule: "speculation", text: "It appears the driver lost control."),
        Example(rule: "speculation", text: "The crash was probably caused by speed."),
        Example(rule: "speculation", text: "The suspect is believed to be in his 30s."),
        Example(rule: "speculation", text: "The driver may have been distracted."),
    ]

    /// Ordinary release language: no built-in rule may fire on any of these.
    static let harmless: [String] = [
        "Officers responded at 10:42 p.m. to the 1200 block of Main Street.",
        "Officers responded to the 1,200 block of N. Main St. at about 9 p.m.",
        "The department has 1,250 officers and 300 civilian staff.",
        "In an emergency, call 911.",
        "The investigation is ongoing, and more information will follow.",
        "A 2024 Ford sedan and a pickup truck were involved in the crash.",
        "Highway 101 is closed in both directions near Exit 12.",
        "Northbound lanes of Interstate 5 will reopen at 6 a.m.",
        "One adult was taken to a hospital with minor injuries.",
        "Two people were taken to Mercy Hospital and admitted for treatment.",
        "The driver was admitted to the hospital in stable condition.",
        "A 45-year-old man was arrested on suspicion of robbery.",
        "The woman, 34, was booked into the county jail.",
        "Residents 18 and older may apply to the citizen academy.",
        "The event is open to ages 12 and up; admission is free.",
        "Children under age 12 must be with an adult.",
        "There is no known threat to the public.",
        "The suspect was arrested on probable cause and pleaded not guilty.",
        "Everyone is presumed innocent until proven guilty in a court of law.",
        "We will provide an update at 3 p.m. at police headquarters.",
        "The department will release a statement as soon as possible.",
        "Chief Dana Whitfield said the department is grateful for the community's patience.",
        "Officers told residents to shelter in place until further notice.",
        "Evidence technicians processed the scene throughout the night.",
        "An autopsy will be conducted by the county medical examiner.",
        "Media inquiries: pio@springfieldpd.gov.",
        "Questions may be sent to media@example.org or press@city.example.gov.",
        "Anyone with information is asked to call Crime Stoppers.",
        "Case number 2024-001234 has been assigned.",
        "Detectives with the Special Victims Unit are investigating.",
        "The Springfield Police Department detained a juvenile after the fight.",
        "A juvenile was taken to a hospital; the family has been notified.",
        "Expect delays and use Oak Avenue or 5th Street instead.",
        "The road will close from 7 a.m. to 4 p.m. on Saturday, June 14, 2025.",
        "The parade steps off at 10 a.m. from City Hall.",
        "Traffic on State Route 9 is moving slowly.",
        "The crash involved 3 vehicles blocking Highway 50.",
        "A mother and her child were taken to a hospital as a precaution.",
        "Residents may see an increased police presence in the area.",
        "Drivers should expect delays of up to 30 minutes.",
        "The suspect was driving on a suspended driver's license.",
        "Two people suffered minor injuries in a minor collision.",
        "A suspicious parcel was reported at the post office.",
        "The officer has been placed on paid administrative leave, per department policy.",
        "The state Bureau of Investigation is leading the investigation.",
        "The department extends its sympathy to everyone affected.",
        "The K-9 team searched the area for about 45 minutes.",
        "Our thoughts are with the officer and his family.",
        "Detectives are investigating a reported sexual assault near the 400 block of Elm Street.",
        "Anyone with information about the sexual assault is asked to contact detectives.",
        "The road will reopen at 5:30 p.m., about 2 hours from now.",
        "Lanes 1 and 2 are blocked; use lane 3.",
        "Officers recovered 12 firearms and $4,500 in cash.",
        "The suspect is described as a man about 6 feet tall, wearing a red jacket.",
        "A Silver Alert has been issued for a 78-year-old man with dementia.",
        "#SpringfieldPD thanks everyone who came to the open house.",
        "The crash happened at about 7:15 a.m. on Route 30 near Mile Marker 114.",
    ]
}
