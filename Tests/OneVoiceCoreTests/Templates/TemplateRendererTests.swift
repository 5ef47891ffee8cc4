import Testing
@testable import OneVoiceCore

@Suite("Template renderer")
struct TemplateRendererTests {
    @Test func fillsKnownSlotsAndLeavesTheRest() {
        var values: SlotValues = ["incident.location": "the 1200 block of Main Street"]
        values.setFact("injuries", "One adult was taken to a hospital.")
        let text = "Near {{incident.location}}. {{fact:injuries}} {{ incident.location }} {{fact:missing}} {{agency.name}} {{bogus}} {{unclosed"
        let filled = TemplateRenderer.fill(text, values: values)
        #expect(filled == "Near the 1200 block of Main Street. One adult was taken to a hospital. the 1200 block of Main Street {{fact:missing}} {{agency.name}} {{bogus}} {{unclosed")
    }

    @Test func leftoverSlotsAreFlaggedByThePolicyChecker() {
        let filled = TemplateRenderer.fill("At {{incident.opened_time}}, {{agency.name}} responded.", values: ["agency.name": "the department"])
        let findings = PolicyChecker.check(text: filled, rules: [], context: PolicyContext())
        #expect(findings.map(\.rule) == ["unfilled-slot"])
        #expect(findings.first?.excerpt == "{{incident.opened_time}}")
    }

    @Test func valuesAreNotRescannedForSlots() {
        let filled = TemplateRenderer.fill("{{fact:a}}", values: ["fact:a": "{{fact:b}}", "fact:b": "x"])
        // The fact ends the text, so it gets its full stop; the value itself is not filled again.
        #expect(filled == "{{fact:b}}.")
    }

    @Test func slotGrammar() {
        #expect(TemplateSlot("fact:shots-fired") == .fact("shots-fired"))
        #expect(TemplateSlot(" next_update ") == .named("next_update"))
        #expect(TemplateSlot("fact:") == nil)
        #expect(TemplateSlot("fact:Shots") == nil)
        #expect(TemplateSlot("incident.address") == nil)
        #expect(TemplateSlot.fact("x").description == "{{fact:x}}")
        #expect(TemplateRenderer.slots(in: "{{fact:a}} {{agency.name}} {{fact:a}} {{nope}}") == [.fact("a"), .named("agency.name")])
    }
}
