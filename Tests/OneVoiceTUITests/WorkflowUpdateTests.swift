import Foundation
import Testing
@testable import OneVoiceTUI

/// The workflow keys and dialogs through the pure update: what they ask the workspace to do.
@Suite struct WorkflowUpdateTests {
    let update = Update()

    func state(role: String? = "drafter+spokesperson", route: Route = .board) -> DashboardState {
        var state = DashboardState(width: 120, height: 40, now: Fixtures.now, theme: .fallback)
        var header = Fixtures.header()
        header.operatorInfo = role.map { OperatorInfo(handle: "pio", role: $0) }
        state.header = header
        state.route = route
        return state
    }

    func keys(_ keys: [Key], _ state: inout DashboardState) -> [Effect] {
        var last: [Effect] = []
        for key in keys { last = update(&state, .key(key)) }
        return last
    }

    func typed(_ text: String) -> [Key] { text.map { Key.char($0) } }

    static let detail = ReleaseDetail(
        id: "10", incidentID: "6", incidentTitle: "Shots fired", title: "Holding statement: Shots fired", stage: .inReview,
        revision: 2, text: "We believe one adult was hurt.\nThe investigation is ongoing.",
        renditions: [RenditionPreview(slug: "x", channel: "X", text: "EXERCISE: one adult was hurt.", length: 29, limit: 280, problems: []),
                     RenditionPreview(slug: "facebook", channel: "Facebook", text: "EXERCISE: one adult was hurt.", length: 29, limit: 63206, problems: []),
                     RenditionPreview(slug: "website", channel: "Website", text: "One adult was hurt.", length: 19, limit: nil, problems: [])],
        findings: [FindingRow(rule: "speculation", blocking: false, line: 1, column: 1, length: 10, message: "Speculation: say what is known.", suggestion: nil)],
        legalReviewRequired: false, legalClearedBy: nil, approvedBy: nil, spokesperson: "pio",
        contentHash: String(repeating: "ab", count: 32), posts: [])

    @Test func newIncidentFormOpensAnIncidentWithTheOperatorAsSpokesperson() {
        var state = state()
        _ = keys([.char("n")], &state)
        #expect(state.dialog?.purpose == .newIncident)
        #expect(state.dialog?.fields[3].text == "pio", "the spokesperson defaults to the operator who holds the role")
        let effects = keys(typed("Shots fired") + [.enter, .enter] + typed("the 500 block of Elm Street") + [.enter, .enter], &state)
        #expect(effects == [.operate(.openIncident(title: "Shots fired", kind: "officer-involved-shooting",
                                                   location: "the 500 block of Elm Street", spokesperson: "pio"))])
        #expect(state.dialog != nil, "the form stays until the incident is open")
        // Refused: the form stays with the reason; done: the incident opens with the template picker.
        _ = update(&state, .operationFailed("There is nobody with the handle pio in the roster."))
        #expect(state.dialog?.error == "There is nobody with the handle pio in the roster.")
        let next = update(&state, .operationDone(OperationOutcome("Opened incident #6.", followUp: .pickTemplate(
            incidentID: "6", choices: [TemplateChoice(id: "active-shooter", name: "Active shooter"),
                                       TemplateChoice(id: "officer-involved-shooting", name: "Officer-involved shooting")], preselected: 1))))
        #expect(state.route == .incident("6"))
        #expect(next.contains(.loadIncident("6")))
        #expect(state.dialog?.fields.first?.value == "officer-involved-shooting")
        #expect(keys([.enter], &state) == [.operate(.draftRelease(incidentID: "6", templateID: "officer-involved-shooting", holding: true))])
        #expect(keys([.char("f")], &state) == [.operate(.draftRelease(incidentID: "6", templateID: "officer-involved-shooting", holding: false))])
    }

    @Test func aTitleIsRequiredAndEscCancels() {
        var state = state()
        _ = keys([.char("n"), .enter, .enter, .enter, .enter], &state)
        #expect(state.dialog?.error == "The incident needs a title.")
        #expect(state.dialog?.focus == 0)
        _ = keys([.escape], &state)
        #expect(state.dialog == nil)
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

    @Test func scheduleTicksChannelsWithDigits() {
        var state = state(route: .release("10"))
        state.release = ReleaseScreen(id: "10")
        state.release?.detail = Self.detail
        _ = keys([.char("t")], &state)
        #expect(state.dialog?.fields[0].text == "+0m")
        let effects = keys([.enter, .char("2"), .enter], &state)
        #expect(effects == [.operate(.scheduleRelease("10", at: "+0m", channels: ["x", "website"]))])
    }

    @Test func factKeysAskForANote() {
        var state = state(route: .incident("INC-0042"))
        var incident = IncidentScreen(id: "INC-0042")
        incident.tab = .facts
        incident.facts = Fixtures.facts
        incident.selection[.facts] = 2
        state.incident = incident
        _ = keys([.char("v")], &state)
        #expect(state.dialog?.purpose == .fact(factID: "F3", .verify))
        #expect(keys(typed("called back") + [.enter], &state) == [.operate(.setFactStatus(factID: "F3", status: .verified, note: "called back"))])
        state.dialog = nil
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
