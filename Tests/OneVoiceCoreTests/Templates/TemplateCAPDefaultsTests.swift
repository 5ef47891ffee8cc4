import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Template CAP defaults")
struct TemplateCAPDefaultsTests {
    static let base = """
        id = "storm"
        name = "Storm"
        kind = "general"
        holding = "A storm. The investigation is ongoing, and more information will follow."
        release = "A storm. The investigation is ongoing, and more information will follow."

        """

    @Test func aCapTableSetsTheDefaultsOfItsReleases() throws {
        let (template, problems) = TemplateParser.parse(source: Self.base + "[cap]\nurgency = \"Immediate\"\nseverity = \"Severe\"\n", file: "storm.toml")
        #expect(problems.isEmpty)
        let parsed = try #require(template)
        let fields = CAPFields.defaults(kind: .general, releaseKind: .original, template: parsed)
        #expect(fields.urgency == "Immediate" && fields.severity == "Severe")
        #expect(fields.certainty == CAPProfile.standard(for: .general).certainty)
        #expect(fields.msgType == "Alert")
        #expect(CAPFields.defaults(kind: .general, releaseKind: .update, template: parsed).msgType == "Update")
    }

    @Test(arguments: ["[cap]\nurgency = \"Soon\"\n", "[cap]\nlevel = \"High\"\n", "cap = 3\n"])
    func aBadCapTableIsAProblemWithItsPlace(_ table: String) {
        let (template, problems) = TemplateParser.parse(source: Self.base + table, file: "storm.toml")
        #expect(template == nil)
        #expect(problems.first?.line ?? 0 >= 6, "\(problems)")
    }

    @Test func theBuiltInEvacuationTemplateIsUrgent() throws {
        let agency = try TestAgency()
        let drafter = try agency.enrol("dana", [.drafter])
        let incident = try drafter.openIncident(title: "Evacuation", kind: .evacuation, location: "Riverside")
        let release = try drafter.draftRelease(incidentID: incident.id, templateID: "evacuation", holding: true)
        let cap = try #require(try drafter.revision(releaseID: release.id).cap)
        #expect(cap.urgency == "Immediate" && cap.severity == "Severe")
    }
}
