import Foundation
import Testing
@testable import OneVoiceCore

/// Published text reads as a person wrote it: filled slots keep their punctuation, no doubled or
/// internal labels, links name the real release, the editor file keeps every line of text.
@Suite("Published text")
struct PublishedTextTests {
    @Test func aFactSlotEndingASentenceKeepsItsFullStop() {
        let values: SlotValues = ["fact:threat": "There is no threat to the public", "fact:agency": "The State Police",
                                  "fact:asked": "Is anyone hurt?"]
        #expect(TemplateRenderer.fill("{{fact:threat}} The investigation is ongoing.", values: values)
                == "There is no threat to the public. The investigation is ongoing.")
        #expect(TemplateRenderer.fill("{{fact:threat}}\n\nNext.", values: values) == "There is no threat to the public.\n\nNext.")
        #expect(TemplateRenderer.fill("{{fact:threat}} {{fact:agency}} is investigating.", values: values)
                == "There is no threat to the public. The State Police is investigating.")
        #expect(TemplateRenderer.fill("{{fact:threat}}.", values: values) == "There is no threat to the public.")
        #expect(TemplateRenderer.fill("{{fact:agency}} is investigating", values: values) == "The State Police is investigating")
        #expect(TemplateRenderer.fill("Asked: {{fact:asked}} More later.", values: values) == "Asked: Is anyone hurt? More later.")
    }

    @Test(arguments: [
        ("Holding statement: Shots fired", "Shots fired"),
        ("UPDATE: UPDATE: Road reopened", "Road reopened"),
        ("CORRECTION: CORRECTION: Holding statement: Crash", "Crash"),
        ("EXERCISE: UPDATE: Drill", "Drill"),
        ("[EXERCISE] Drill", "Drill"),
        ("Update on the crash", "Update on the crash"),
        ("Release", "Release"),
    ])
    func publicHeadlinesHaveNoInternalOrDoubledLabels(_ title: String, _ expected: String) {
        #expect(Release.publicHeadline(title) == expected)
    }

    @Test(arguments: Storage.allCases) func followUpsCarryOneMarkerAndLinkToThemselves(storage: Storage) throws {
        let team = try SchedulerTeam(storage: storage)
        var settings = team.drafter.settings
        settings.releaseURLPattern = "https://riverton.example/news/{id}"
        let drafter = Workspace(database: team.drafter.database, clock: team.clock, identity: team.drafter.identity, settings: settings)
        let original = try drafter.createRelease(incidentID: team.incident.id, title: "Holding statement: Elm Street closed",
                                                 text: SchedulerTeam.text, renditions: SchedulerTeam.renditions)
        try team.approve(original.id)
        let update = try drafter.followUpRelease(of: original.id, kind: .update)
        #expect(update.title == "UPDATE: Elm Street closed")
        let again = try drafter.followUpRelease(of: original.id, kind: .correction)
        #expect(again.headline == "Elm Street closed")
        for (slug, text) in try drafter.revision(releaseID: update.id).renditions {
            #expect(!text.contains("UPDATE: UPDATE:"), "\(slug): \(text)")
            #expect(!text.contains("/news/0"), "\(slug): \(text)")
            if text.contains("/news/") { #expect(text.contains("/news/\(update.id)"), "\(slug): \(text)") }
        }
        let item = DeliveryItem(postID: 1, channel: .cap, text: "x", idempotencyKey: "k", releaseID: update.id, releaseKind: .update,
                                releaseTitle: update.title, incidentID: 1, incidentTitle: "t", incidentKind: .roadClosure,
                                incidentLocation: "Downtown", isExercise: true, sentAt: TestAgency.start, agencyName: "Riverton",
                                agencySenderID: "pio@riverton.example", timeZoneIdentifier: "America/Chicago")
        #expect(item.markedTitle == "EXERCISE: UPDATE: Elm Street closed")
        #expect(MediaMessageWriter.subject(for: item) == "[EXERCISE] UPDATE: Elm Street closed")
    }

    @Test func markersAreNeverDoubledInRenditions() {
        let renditions = Renditions.make(.init(text: "UPDATE: Road open.", channels: [.x, .website], isExercise: true, kind: .update))
        #expect(renditions["x"] == "EXERCISE: UPDATE: Road open.")
        #expect(Renditions.markedText("EXERCISE: UPDATE: Road open.", isExercise: true, kind: .update) == "EXERCISE: UPDATE: Road open.")
    }

    @Test(arguments: [("1200 block of Elm Street", "the 1200 block of Elm Street"), ("the 400 block of Main", "the 400 block of Main"),
                      ("Elm Park", "Elm Park"), ("3400 Block of W. Lincoln Ave.", "the 3400 Block of W. Lincoln Ave.")])
    func hundredBlockLocationsGetTheirArticle(_ location: String, _ expected: String) {
        #expect(Workspace.locationPhrase(location) == expected)
    }

    @Test func theEditorFileKeepsHashtagLines() throws {
        let revision = ReleaseRevision(releaseID: 1, number: 2, text: "#RivertonPD\nRoad closed.\n#Traffic #Safety",
                                       renditions: ["x": "#BREAKING Road closed. #RivertonPD"], authorID: 1, createdAt: TestAgency.start)
        let file = EditableRelease.render(revision, title: "Road closed")
        let parsed = try EditableRelease.parse(file)
        #expect(parsed.text == revision.text)
        #expect(parsed.renditions == revision.renditions)
        // A file whose header was deleted keeps its hashtag lines too; "# " comment lines at the top go.
        let bare = try EditableRelease.parse("# a note\n#RivertonPD Road closed.\n")
        #expect(bare.text == "#RivertonPD Road closed.")
    }

    /// Every built-in template, drafted with facts filled, reads as written by a person on every channel.
    @Test(arguments: IncidentKind.allCases)
    func everyTemplateAndRenditionReadsWell(_ kind: IncidentKind) throws {
        let agency = try TestAgency()
        var settings = WorkspaceSettings.builtIn
        settings.agencyPhone = "217-555-0100"
        settings.agencyEmail = "pio@riverton.example"
        settings.agencyWebsite = "https://riverton.example"
        settings.releaseURLPattern = "https://riverton.example/news/{id}"
        let enrolled = try agency.enrol("dana", [.drafter])
        let drafter = Workspace(database: enrolled.database, clock: agency.clock, identity: enrolled.identity, settings: settings)
        try agency.enrol("sam", [.spokesperson])
        let incident = try drafter.openIncident(title: "Incident near Elm Park", kind: kind, location: "1200 block of Elm Street", spokesperson: "sam")
        let template = try #require(drafter.settings.templates.template(for: kind))
        let slots = TemplateRenderer.slots(in: template.release + template.shortTexts(holding: false).values.joined(separator: " "))
        for slot in slots where slot.name.hasPrefix("fact:") {
            try drafter.addFact(incidentID: incident.id, text: "the detail \(slot.name.dropFirst(5)).",
                                source: "Lt. Ortiz", sourceKind: .incidentCommander, key: String(slot.name.dropFirst(5)))
        }
        for holding in [true, false] {
            let release = try drafter.draftRelease(incidentID: incident.id, templateID: template.id, holding: holding)
            let revision = try drafter.revision(releaseID: release.id)
            for (name, text) in [("text", revision.text), ("headline", release.headline)] + revision.renditions.map({ ($0.key, $0.value) }) {
                let where_ = "\(kind.slug) \(holding ? "holding" : "full") \(name): \(text)"
                #expect(!text.contains("{{"), "\(where_)")
                #expect(!text.contains(".."), "\(where_)")
                #expect(!text.contains(" ."), "\(where_)")
                #expect(!text.contains("  "), "\(where_)")
                #expect(!text.lowercased().contains("near 1200"), "\(where_)")
                #expect(!text.contains("Holding statement:"), "\(where_)")
                #expect(!text.contains("UPDATE: UPDATE") && !text.contains("CORRECTION: CORRECTION"), "\(where_)")
                // A filled fact ends its sentence, or the sentence goes on in lower case.
                let pattern = try NSRegularExpression(pattern: #"detail [a-z-]+(?![a-z-]|[.!?]| [a-z]|,|;|:|$)"#, options: [.anchorsMatchLines])
                #expect(pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil, "\(where_)")
            }
        }
    }
}
