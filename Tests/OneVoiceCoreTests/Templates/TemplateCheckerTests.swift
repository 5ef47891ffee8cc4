import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Template checker")
struct TemplateCheckerTests {
    @Test func badTOMLIsLocatedByTOMLKit() {
        let source = "id = \"x\"\nname = \"X\"\nkind = = \"general\"\n"
        let problems = TemplateChecker.check(source: source, file: "bad.toml")
        #expect(problems.count == 1)
        #expect(problems.first?.kind == .badTOML)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.description.hasPrefix("bad.toml:3:") == true)
    }

    @Test func everyProblemIsReportedWithFileLineColumn() {
        let source = """
            id = "custom"
            name = "Custom"
            kind = "riot"
            legal_review = "yes"
            channels = ["x", "myspace"]
            release = \"\"\"
            At {{incident.opened_time}} officers responded.
              See {{incident.adress}} and {{fact:Bad Key}}.
            \"\"\"

            [[holds]]
            id = "names"
            description = "Names are held."
            applies_to = "victim-names"

            [short]
            fax = "hello"
            x = 5
            """
        let problems = TemplateChecker.check(source: source, file: "custom.toml")
        let lines = problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("custom.toml:3:8: unknown incident kind \"riot\"") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("custom.toml:4:1: \"legal_review\" must be true or false") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("custom.toml:5:18: unknown channel \"myspace\"") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("custom.toml:8:7: unknown slot {{incident.adress}}") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("custom.toml:8:31: unknown slot {{fact:Bad Key}}") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("custom.toml:1:1: missing required field \"holding\"") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("custom.toml:11:1: hold is missing \"hours\" or \"until\"") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("custom.toml:17:1: unknown channel \"fax\" in [short]") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("custom.toml:18:1: \"x\" must be a string, not an integer") }, "\(lines)")
        #expect(problems.count == 9, "\(lines)")
        #expect(problems.map(\.line) == problems.map(\.line).sorted())
    }

    @Test func unknownFieldsAndUnclosedSlotsAreProblems() {
        let source = """
            id = "t"
            name = "T"
            kind = "general"
            holding = "At {{incident.opened_time"
            release = "Done."
            requried_facts = ["a"]
            """
        let problems = TemplateChecker.check(source: source, file: "t.toml")
        #expect(problems.map(\.kind) == [.unknownSlot, .unknownField])
        #expect(problems.first?.line == 4 && problems.first?.column == 15)
        #expect(problems.last?.line == 6)
    }

    @Test func unreadableFileIsAProblemNotACrash() {
        let problems = TemplateChecker.check(URL(fileURLWithPath: "/nonexistent/onevoice/t.toml"))
        #expect(problems.map(\.kind) == [.unreadable])
    }

    @Test func aValidFileParsesIntoATemplate() throws {
        let source = """
            id = "parade"
            name = "Parade"
            kind = "community-event"
            channels = ["x", "nextdoor"]
            required_facts = ["route"]
            caveat = "More information will follow."
            holding = "{{agency.name}} will host a parade."
            release = "The parade follows {{fact:route}}."

            [[holds]]
            id = "route"
            description = "The route is held until command approves it."
            applies_to = "route"
            until = "command-approval"

            [[holds]]
            id = "start"
            description = "Start time held a day."
            applies_to = "start-time"
            hours = 24

            [short]
            x = "Parade today!"
            """
        let result = TemplateParser.parse(source: source, file: "parade.toml")
        #expect(result.problems.isEmpty, "\(result.problems)")
        let template = try #require(result.template)
        #expect(template.kind == .communityEvent)
        #expect(template.channels == [.x, .nextdoor])
        #expect(template.requiredFacts == ["route"])
        #expect(template.holds.map(\.duration) == [.until(.commandApproval), .hours(24)])
        #expect(template.short == [.x: "Parade today!"])
        #expect(template.legalReview == false)
    }

    @Test func holdingShortTextsAreTheirOwnTableAndCheckedLikeShort() throws {
        let source = """
            id = "t"
            name = "T"
            kind = "general"
            holding = "Officers are responding near {{incident.location}}."
            release = "Officers responded to {{fact:summary}}."

            [short]
            x = "Officers responded to {{fact:summary}}."

            [holding_short]
            x = "Officers are responding near {{incident.location}}."
            cap = "Avoid {{incident.location}}."
            """
        let result = TemplateParser.parse(source: source, file: "t.toml")
        #expect(result.problems.isEmpty, "\(result.problems)")
        let template = try #require(result.template)
        #expect(template.short == [.x: "Officers responded to {{fact:summary}}."])
        #expect(template.holdingShort == [.x: "Officers are responding near {{incident.location}}.", .cap: "Avoid {{incident.location}}."])
        #expect(template.shortTexts(holding: true) == template.holdingShort)
        #expect(template.shortTexts(holding: false) == template.short)
        #expect(template.texts.map(\.label).contains("holding_short.cap"))
        #expect(template.holdingTexts.map(\.label) == ["holding", "holding_short.x", "holding_short.cap"])

        let broken = source + "\nfax = \"Avoid the area.\"\npager = 3\n"
        let lines = TemplateChecker.check(source: broken, file: "t.toml").map(\.description)
        #expect(lines.contains { $0.hasPrefix("t.toml:13:1: unknown channel \"fax\" in [holding_short]") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("t.toml:14:1: unknown channel \"pager\" in [holding_short]") }, "\(lines)")
        let wrongType = TemplateChecker.check(source: "holding_short = \"x\"\n" + source.replacingOccurrences(of: "[holding_short]", with: "[other]"),
                                              file: "t.toml").map(\.description)
        #expect(wrongType.contains { $0.hasPrefix("t.toml:1:1: \"holding_short\" must be a table") }, "\(wrongType)")
    }
}
