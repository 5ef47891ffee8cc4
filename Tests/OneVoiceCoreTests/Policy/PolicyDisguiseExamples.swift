import OneVoiceCore

/// Sentences written the way people (and people trying to slip past the checks) write them, per class
/// of disguise, and ordinary public-safety sentences that must never be blocked.
enum PolicyDisguiseExamples {
    struct Case: Sendable, CustomStringConvertible {
        var rule: String
        var text: String
        var description: String { "[\(rule)] \(text.unicodeScalars.map { $0.isASCII ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined())" }
    }

    static let zwsp = "\u{200B}"
    static let shy = "\u{00AD}"

    static let caught: [Case] = [
        // SSN: separators of every kind, none, invisible characters, full-width digits
        Case(rule: "ssn", text: "His number is 123 45 6789."),
        Case(rule: "ssn", text: "His number is 123.45.6789."),
        Case(rule: "ssn", text: "His number is 123\u{2013}45\u{2013}6789."),
        Case(rule: "ssn", text: "His number is 123\u{2014}45\u{2014}6789."),
        Case(rule: "ssn", text: "His number is 123\u{2212}45\u{2212}6789."),
        Case(rule: "ssn", text: "His number is 123456789."),
        Case(rule: "ssn", text: "His number is 123-4\(zwsp)5-6789."),
        Case(rule: "ssn", text: "His number is \u{FF11}\u{FF12}\u{FF13}-45-6789."),
        Case(rule: "ssn", text: "His number is 123\u{00A0}45\u{00A0}6789."),
        Case(rule: "ssn", text: "S.S.N. on file: see SSN record."),
        // phones
        Case(rule: "phone-number", text: "Call her at 217 555 0143."),
        Case(rule: "phone-number", text: "Call her at 217.555.0143."),
        Case(rule: "phone-number", text: "Call her at 217\u{2013}555\u{2013}0143."),
        Case(rule: "phone-number", text: "Call her at 2175550143."),
        Case(rule: "phone-number", text: "Call her at +1 217 555 0143."),
        Case(rule: "phone-number", text: "Call her at 1-217-555-0143."),
        Case(rule: "phone-number", text: "Call her at (217)555-0143."),
        Case(rule: "phone-number", text: "Call her at 217-555-01\(zwsp)43."),
        Case(rule: "phone-number", text: "Call her at 555.0143 tonight."),
        Case(rule: "phone-number", text: "Call her at 555\u{2011}0143 tonight."),
        // juveniles in every phrasing
        Case(rule: "juvenile", text: "Jordan Smith (15) was arrested."),
        Case(rule: "juvenile", text: "Jordan Smith ( 15 ) was arrested."),
        Case(rule: "juvenile", text: "Jordan Smith [15] was arrested."),
        Case(rule: "juvenile", text: "Jordan Smith, 15 years of age, was arrested."),
        Case(rule: "juvenile", text: "Jordan Smith,15, was arrested."),
        Case(rule: "juvenile", text: "Jordan Smith , 15 , was arrested."),
        Case(rule: "juvenile", text: "Jordan Smith, 15 of Riverton, was arrested."),
        Case(rule: "juvenile", text: "The boy is 15 yrs old."),
        Case(rule: "juvenile", text: "The boy is 15 yrs. old."),
        Case(rule: "juvenile", text: "A 15yo was cited."),
        Case(rule: "juvenile", text: "A 15 y/o was cited."),
        Case(rule: "juvenile", text: "A 15-yr-old was cited."),
        Case(rule: "juvenile", text: "A fifteen year old was cited."),
        Case(rule: "juvenile", text: "The driver, aged fifteen, was cited."),
        Case(rule: "juvenile", text: "The driver, age: 15, was cited."),
        Case(rule: "juvenile", text: "A 15\u{2013}year\u{2013}old was cited."),
        Case(rule: "juvenile", text: "A 1\(zwsp)5-year-old was cited."),
        Case(rule: "juvenile", text: "Jordan Smith (age 14) was arrested."),
        // addresses
        Case(rule: "address", text: "Officers went to 1234 elm street."),
        Case(rule: "address", text: "Officers went to 1234 ELM STREET."),
        Case(rule: "address", text: "Officers went to 1234 n main st."),
        Case(rule: "address", text: "Officers went to 1234 Route 9."),
        Case(rule: "address", text: "Officers went to 1234 route 9."),
        Case(rule: "address", text: "Officers went to 1234 State Route 9."),
        Case(rule: "address", text: "Officers went to 1234 Highway 61."),
        Case(rule: "address", text: "Officers went to 1234 County Road 12."),
        Case(rule: "address", text: "Officers went to 1234 US-61."),
        Case(rule: "address", text: "Officers went to 1234 Hwy. 9."),
        Case(rule: "address", text: "Officers went to 12B oak ave."),
        Case(rule: "address", text: "She lives in apt 4b."),
        Case(rule: "address", text: "She lives at 1234 Elm\u{00A0}Street."),
        Case(rule: "address", text: "She lives at 12\(zwsp)34 Elm Street."),
        Case(rule: "address", text: "The car was found at 40.7128 -74.0060."),
        Case(rule: "address", text: "GPS: 40.7128, -74.0060."),
        Case(rule: "address", text: "Found at latitude 40.71283."),
        // dates of birth
        Case(rule: "date-of-birth", text: "The man, born 1990-01-02, was arrested."),
        Case(rule: "date-of-birth", text: "The man, born on 01/02/1990, was arrested."),
        Case(rule: "date-of-birth", text: "The man, born Jan. 2, 1990, was arrested."),
        Case(rule: "date-of-birth", text: "The man, born 2 January 1990, was arrested."),
        Case(rule: "date-of-birth", text: "The man, born on the 2nd of January, 1990, was arrested."),
        Case(rule: "date-of-birth", text: "The man, born in March 1990, was arrested."),
        Case(rule: "date-of-birth", text: "The man (b. 1/2/1990) was arrested."),
        Case(rule: "date-of-birth", text: "The man, D.O.B. 1/2/1990, was arrested."),
        Case(rule: "date-of-birth", text: "The man, born 1990\u{2013}01\u{2013}02, was arrested."),
        Case(rule: "date-of-birth", text: "The man, bo\(zwsp)rn 1990-01-02, was arrested."),
        // confessions and statements with invisible characters or look-alikes
        Case(rule: "statement", text: "The suspect con\(shy)fessed to the shooting."),
        Case(rule: "statement", text: "The suspect con\(zwsp)fessed to the shooting."),
        Case(rule: "statement", text: "The suspect con\u{2060}fessed to the shooting."),
        Case(rule: "statement", text: "The suspect c\u{043E}nfessed to the shooting."),
        Case(rule: "statement", text: "The suspect ｃｏｎｆｅｓｓｅｄ to the shooting."),
        Case(rule: "statement", text: "The suspect made a con\(shy)fes\(shy)sion."),
        Case(rule: "statement", text: "He ad\(zwsp)mitted to taking the car."),
        // invisible characters are blocking on their own
        Case(rule: "invisible-character", text: "The road is \u{202E}DETFIL\u{202C} closed."),
        Case(rule: "invisible-character", text: "Shelter\u{2066} in place.\u{2069}"),
        Case(rule: "invisible-character", text: "All clear\(zwsp)."),
        Case(rule: "invisible-character", text: "All clear\u{FEFF}."),
        Case(rule: "invisible-character", text: "All\u{200E} clear."),
        Case(rule: "invisible-character", text: "All\u{0007} clear."),
    ]

    /// Ordinary public-safety sentences: none may be blocked.
    static let ordinary: [String] = [
        "Anyone with information is asked to call Crime Stoppers at 800-555-0199.",
        "Crime Stoppers: 1-800-555-0199. Tips can be anonymous.",
        "If you or someone you know is in crisis, call or text 988.",
        "The National Suicide Prevention Lifeline is 1-800-273-8255.",
        "Call the tip line at (888) 555-0123 or 1 (877) 555 0199.",
        "In an emergency, call 911; for non-emergencies, call 311.",
        "Officers responded to the 1200 block of Elm Street.",
        "Officers responded to the 1200 block of elm street.",
        "Officers responded to the 400 block of Route 9.",
        "Route 9 at Mill Road is closed in both directions.",
        "Route 9 is closed between Mill Road and Oak Street.",
        "Highway 61 is closed at County Road 12.",
        "Use State Route 9 or US-61 instead.",
        "The case number is 2026-001234.",
        "Case number 2026001234 has been assigned.",
        "Refer to case #2026-001234 when you call.",
        "Report No. 26-014520 was filed.",
        "The crash happened at 5:45 p.m. on December 3, 2026.",
        "On 12/03/2026 at about 10 p.m., officers were called to the park.",
        "A 34-year-old man and a 52-year-old woman were taken to Mercy Hospital.",
        "The driver, 45, was not hurt.",
        "At 7 p.m. on Main Street, 2 people were hurt.",
        "About 300 residents along Oak Street were asked to leave.",
        "Officers spent 2 hours on Elm Street.",
        "The department has 120 officers on patrol tonight.",
        "The suspect was born and raised in Riverton.",
        "The festival celebrates 150 years of the city.",
        "The road reopens at 6 a.m. Friday.",
        "Northbound lanes of I-80 near Exit 12 are closed.",
        "The investigation is ongoing, and more information will follow.",
        "#RivertonPD #BreakingNews Please avoid the area.",
        "Families can call 217-555-0100 for information.",
        "Thank you 👨‍👩‍👧 for your patience.",
        "The temperature dropped to 12 degrees overnight.",
        "Grades 9-12 will be dismissed at noon.",
        "Shelter in place until 3 p.m.",
    ]
}
