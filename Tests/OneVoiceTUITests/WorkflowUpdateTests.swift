import Foundation
import Testing
@testable import OneVoiceTUI

/// The workflow keys and dialogs through the pure update: what they ask the workspace to do.
@Suite struct WorkflowUpdateTests {
    let update = Update()

        func state(role: String? = "drafter+spokesperson", route: Route = .board) -> DashboardState { Fixtures.state(role: role, route: route) }

    func keys(_ keys: [Key], _ state: inout DashboardState) -> [Effect] { Fixtures.press(keys, &state, update: update) }

    func typed(_ text: String) -> [Key] { Fixtures.typed(text) }

    static let detail = ReleaseDetail(
        id: "10", incidentID: "6", incidentTitle: "Shots fired", title: "Holding statement: Shots fired", stage: .inReview,
        revision: 2, text: "We believe one adult was hurt.\nThe investigation is ongoing.",
        renditions: [RenditionPreview(slug: "x", channel: "X", text: "EXERCISE: one adult was hurt.", length: 29, limit: 280, problems: []),
                     RenditionPreview(slug: "facebook", channel: "Facebook", text: "EXERCISE: one adult was hurt.", length: 29, limit: 63206, problems: []),
                     RenditionPreview(slug: "website", channel: "Website", text: "One adult was hurt.", length: 19, limit: nil, problems: [])],
        findings: [FindingRow(rule: "speculation", blocking: false, line: 1, column: 1, length: 10, message: "Speculation: say what is known.", suggestion: nil)],
        legalReviewRequired: false, legalClearedBy: nil, approvedBy: nil, spokesperson: "pio",
        contentHash: String(repeating: "ab", count: 32), posts: [])

    static let people = [RosterRow(handle: "pio", name: "Pat Ingram", roles: [.drafter, .spokesperson]),
                         RosterRow(handle: "sam", name: "Sam Ortiz", roles: [.spokesperson]),
                         RosterRow(handle: "vic", name: "Vic Chen", roles: [.verifier])]

    func openNewIncidentForm(_ state: inout DashboardState) {
        #expect(keys([.char("n")], &state) == [.loadForm(.newIncident)], "the pickers load before the form")
        var data = FormData()
        data.people = Self.people
        _ = update(&state, .formLoaded(.newIncident, data))
    }

    @Test func newIncidentFormOpensAnIncidentWithTheOperatorAsSpokesperson() {
        var state = state()
        openNewIncidentForm(&state)
        guard case .newIncident(let form) = state.dialog?.form else { Issue.record("not the new-incident form"); return }
        #expect(form.spokesperson.text == "pio", "the spokesperson defaults to the operator who holds the role")
        #expect(form.spokesperson.values == ["pio", "sam"], "only the roster's spokespersons are offered")
        let effects = keys(typed("Shots fired") + [.enter, .enter] + typed("the 500 block of Elm Street") + [.enter, .enter], &state)
        #expect(effects == [.operate(.openIncident(title: "Shots fired", kind: "officer-involved-shooting",
                                                   location: "the 500 block of Elm Street", spokesperson: "pio"))])
        #expect(state.dialog != nil, "the form stays until the incident is open")
        // Refused: the form stays with the reason, focused on the field it names.
        _ = update(&state, .operationFailed("There is nobody with the handle pio in the roster."))
        #expect(state.dialog?.error == "There is nobody with the handle pio in the roster.")
        // Done with its holding statement: the release shows over the incident.
        let next = update(&state, .operationDone(OperationOutcome("Opened incident #6.", followUp: .draftedHolding(incidentID: "6", releaseID: "11"))))
        #expect(state.route == .release("11"))
        #expect(state.backStack.last == .incident("6"), "Esc goes back to the new incident")
        #expect(next.contains(.loadRelease("11")))
        #expect(state.dialog == nil)
    }

    @Test func theKindIsTypedAhead() {
        var state = state()
        openNewIncidentForm(&state)
        let effects = keys(typed("Flood on Elm") + [.enter] + typed("road") + [.enter, .enter, .enter], &state)
        #expect(effects == [.operate(.openIncident(title: "Flood on Elm", kind: "road-closure", location: "", spokesperson: "pio"))])
    }

    @Test func aKindThatMatchesNothingIsRefusedAtTheKind() {
        var state = state()
        openNewIncidentForm(&state)
        _ = keys(typed("Flood") + [.enter] + typed("zzz") + [.enter, .enter, .enter], &state)
        #expect(state.dialog?.error?.contains("No kind matches") == true)
        #expect(state.dialog?.focusedField?.label == "Kind", "the refusal focuses the field it is about")
    }

    @Test func aSpokespersonNotOnTheRosterIsRefused() {
        var state = state()
        openNewIncidentForm(&state)
        _ = keys(typed("Flood") + [.enter, .enter, .enter, .ctrl("u")] + typed("vic") + [.enter], &state)
        #expect(state.dialog?.error?.contains("no spokesperson") == true, "\(state.dialog?.error ?? "")")
        #expect(state.dialog?.focusedField?.label == "Spokesperson")
    }

    @Test func aTitleIsRequiredAndEscCancels() {
        var state = state()
        openNewIncidentForm(&state)
        _ = keys([.enter, .enter, .enter, .enter], &state)
        #expect(state.dialog?.error == "The incident needs a title.")
        #expect(state.dialog?.focus == 0)
        _ = keys([.escape], &state)
        #expect(state.dialog == nil)
    }

    @Test func aRoleNotHeldIsRefusedAtTheKey() {
        var state = state(role: "verifier")
        #expect(keys([.char("n")], &state).isEmpty)
        #expect(state.dialog == nil)
        #expect(state.flash?.text == "Only an admin, a drafter or a spokesperson can open an incident; you act as pio (verifier).")
    }

    @Test func readOnlyRefusesChanges() {
        var state = state(role: nil)
        _ = keys([.char("n")], &state)
        #expect(state.dialog == nil)
        #expect(state.flash?.isError == true)
    }

    @Test func approvalShowsWhatIsSignedAndAcknowledgesTheWarnings() {
        var state = state(route: .release("10"))
        state.release = ReleaseScreen(id: "10")
        state.release?.detail = Self.detail
        _ = keys([.char("a")], &state)
        let body = state.dialog?.body.map(\.text) ?? []
        #expect(body.contains("SHA-256 " + Self.detail.contentHash))
        #expect(body.contains("We believe one adult was hurt."))
        #expect(body.contains("X (29/280)"))
        #expect(body.contains { $0.contains("[speculation]") })
        #expect(keys([.enter], &state).isEmpty, "a question is answered with y, not Enter")
        #expect(keys([.char("y")], &state) == [.operate(.approveRelease("10", acknowledging: ["speculation"], contentHash: Self.detail.contentHash))])
        _ = update(&state, .operationFailed("Only sam, the incident's spokesperson, can approve release #10; pio cannot."))
        #expect(state.dialog == nil, "a refused question closes; the refusal is on the flash line")
        #expect(state.flash?.text.hasPrefix("Only sam") == true)
    }

    @Test func schedulingIsRefusedAtTBeforeApproval() {
        for stage in [ReleaseStage.draft, .inReview, .scheduled, .released] {
            var state = state(route: .release("10"))
            state.release = ReleaseScreen(id: "10")
            state.release?.detail = Self.detail
            state.release?.detail?.stage = stage
            #expect(keys([.char("t")], &state).isEmpty)
            #expect(state.dialog == nil, "no form for a release that is \(stage.rawValue)")
            #expect(state.flash?.isError == true)
            #expect(state.flash?.text.contains("is draft") == false)
        }
    }

    @Test func scheduleTicksTheTemplatesChannelsFirst() {
        var state = state(route: .release("10"))
        state.release = ReleaseScreen(id: "10")
        state.release?.detail = Self.detail
        state.release?.detail?.stage = .approved
        state.release?.detail?.defaultChannels = ["x", "website"]
        _ = keys([.char("t")], &state)
        #expect(keys([.enter, .enter], &state) == [.operate(.scheduleRelease("10", at: "+0m", channels: ["x", "website"]))])
    }

    @Test func scheduleTicksChannelsWithDigits() {
        var state = state(route: .release("10"))
        state.release = ReleaseScreen(id: "10")
        state.release?.detail = Self.detail
        state.release?.detail?.stage = .approved
        _ = keys([.char("t")], &state)
        #expect(state.dialog?.fields[0].text == "+0m")
        let effects = keys([.enter, .char("2"), .enter], &state)
        #expect(effects == [.operate(.scheduleRelease("10", at: "+0m", channels: ["x", "website"]))])
    }

    @Test func factKeysAreRefusedBeforeTheFormForAFactAlreadyThereOrARoleNotHeld() {
        var state = state(role: "verifier+legal", route: .incident("42"))
        var incident = IncidentScreen(id: "42")
        incident.tab = .facts
        incident.facts = Fixtures.facts
        incident.selection[.facts] = 0  // F1: verified and cleared
        state.incident = incident
        #expect(keys([.char("v")], &state).isEmpty)
        #expect(state.dialog == nil)
        #expect(state.flash?.text == "Fact #F1 is already verified; nothing to do.")
        _ = keys([.char("c")], &state)
        #expect(state.dialog == nil, "already cleared")
        state.incident?.selection[.facts] = 2  // F3: unverified
        _ = keys([.char("c")], &state)
        #expect(state.dialog == nil, "only a verified fact is cleared")
        var drafter = self.state(role: "drafter", route: .incident("42"))
        drafter.incident = state.incident
        _ = keys([.char("v")], &drafter)
        #expect(drafter.dialog == nil)
        #expect(drafter.flash?.text.hasPrefix("Only a verifier can verify a fact") == true, "\(drafter.flash?.text ?? "")")
    }

    @Test func addingAFactPicksItsKeyFromTheTemplate() {
        var state = state(route: .incident("42"))
        var incident = IncidentScreen(id: "42")
        incident.tab = .facts
        state.incident = incident
        #expect(keys([.char("a")], &state) == [.loadForm(.addFact(incidentID: "42"))])
        var data = FormData()
        data.factKeys = ["injuries", "public-safety"]
        _ = update(&state, .formLoaded(.addFact(incidentID: "42"), data))
        guard case .fact(let form) = state.dialog?.form else { Issue.record("not the fact form"); return }
        #expect(form.key.options == ["{{fact:injuries}}", "{{fact:public-safety}}", "(no key)"])
        let effects = keys([.char("j"), .enter] + typed("No one was hurt.") + [.enter] + typed("Lt. Ortiz") + [.enter, .char("j"), .enter], &state)
        #expect(effects == [.operate(.addFact(incidentID: "42", FactDraft(key: "public-safety", text: "No one was hurt.", source: "Lt. Ortiz",
                                                                          sourceKind: "incident-commander")))])
    }

    @Test func theSpokespersonIsPickedFromTheRoster() {
        var state = state(route: .incident("42"))
        state.incident = IncidentScreen(id: "42")
        #expect(keys([.char("P")], &state) == [.loadForm(.spokesperson(incidentID: "42"))])
        var data = FormData()
        data.people = Self.people
        data.spokesperson = "pio"
        _ = update(&state, .formLoaded(.spokesperson(incidentID: "42"), data))
        guard case .spokesperson(let form) = state.dialog?.form else { Issue.record("not the spokesperson form"); return }
        #expect(form.spokesperson.values == ["pio", "sam"])
        #expect(keys([.enter], &state) == [.operate(.assignSpokesperson(incidentID: "42", handle: "sam"))], "the other spokesperson is offered first")
    }

    @Test func aCorrectionIsOnlyForAReleasedRelease() {
        var state = state(route: .release("10"))
        state.release = ReleaseScreen(id: "10")
        state.release?.detail = Self.detail
        #expect(keys([.char("C")], &state).isEmpty)
        #expect(state.flash?.isError == true)
        state.release?.detail?.stage = .released
        #expect(keys([.char("C")], &state) == [.operate(.followUp(releaseID: "10", correction: true))])
        #expect(keys([.char("u")], &state) == [.operate(.followUp(releaseID: "10", correction: false))])
    }

    @Test func switchingToLiveAsksFirstAndNeedsAnAdmin() {
        var state = state()
        _ = keys([.char(":")] + typed("mode live") + [.enter], &state)
        #expect(state.dialog == nil)
        #expect(state.flash?.text.hasPrefix("Only an admin") == true)
        var admin = self.state(role: "admin")
        _ = keys([.char(":")] + typed("mode live") + [.enter], &admin)
        #expect(admin.dialog?.form == .question(.setMode(exercise: false)))
        #expect(keys([.char("y")], &admin) == [.operate(.setMode(exercise: false))])
    }

    @Test func eachDialogShowsItsOwnHints() {
        var state = state()
        openNewIncidentForm(&state)
        let words = { (state: DashboardState) in state.dialog?.hints.map(\.word) ?? [] }
        #expect(!words(state).contains("tick"), "no checklist in the new-incident form")
        #expect(!words(state).contains("yes"))
        _ = keys([.enter], &state)
        #expect(words(state).contains("pick"), "the kind is picked")
    }

    @Test func factKeysAskForANote() {
        var state = state(role: "verifier+legal", route: .incident("INC-0042"))
        var incident = IncidentScreen(id: "INC-0042")
        incident.tab = .facts
        incident.facts = Fixtures.facts
        incident.selection[.facts] = 2
        state.incident = incident
        _ = keys([.char("v")], &state)
        guard case .factNote(let form) = state.dialog?.form else { Issue.record("not the fact note"); return }
        #expect(form.factID == "F3" && form.action == .verify)
        #expect(keys(typed("called back") + [.enter], &state) == [.operate(.setFactStatus(factID: "F3", status: .verified, note: "called back"))])
        state.dialog = nil
        state.incident?.facts[2].status = .verified
        _ = keys([.char("c")], &state)
        #expect(keys([.enter], &state) == [.operate(.clearFact(factID: "F3", note: ""))])
    }

    @Test func releaseViewShowsFindingsAndCounters() {
        var state = state(route: .release("10"))
        state.release = ReleaseScreen(id: "10")
        state.release?.detail = Self.detail
        state.release?.loaded = true
        let text = Renderer().render(state).plainText()
        #expect(text.contains("IN REVIEW rev 2"))
        #expect(text.contains("Sign-off: AWAITING pio"))
        #expect(text.contains("1:1 warn  speculation"))
        #expect(text.contains("29/280"))
    }
}
