import Foundation
import Testing
@testable import OneVoiceTUI

/// Typed dialog forms: a form reads its fields by name, and a refusal focuses the field it names, wherever that
/// field sits in the form.
@Suite struct DialogFormTests {
    let update = Update()

        func state(role: String = "admin+drafter") -> DashboardState { Fixtures.state(role: role) }

    func keys(_ keys: [Key], _ state: inout DashboardState) -> [Effect] { Fixtures.press(keys, &state, update: update) }

    func typed(_ text: String) -> [Key] { Fixtures.typed(text) }

    @Test func aContactWithoutAnAtIsRefusedAtTheEmail() {
        var state = state()
        _ = keys([.char(":")] + typed("contact") + [.enter], &state)
        guard case .contact(let form) = state.dialog?.form else { Issue.record("not the contact form"); return }
        #expect(keys(typed("City Desk") + [.enter] + typed("desk.example") + [.enter, .enter], &state).isEmpty)
        #expect(state.dialog?.error == "The email address needs an @.")
        #expect(state.dialog?.focus == form.position(of: \.email))
        // Fixed where it was refused: the same form goes.
        let effects = keys([.ctrl("u")] + typed("desk@news.example") + [.enter, .enter], &state)
        #expect(effects == [.operate(.addContact(name: "City Desk", email: "desk@news.example", outlet: ""))])
    }

    @Test func aRosterEntryNeedsARoleAndItsKey() {
        var state = state()
        #expect(keys([.char(":")] + typed("roster add") + [.enter], &state) == [.loadForm(.addToRoster)], "the agencies load before the form")
        // A record of one agency: the form as it always was, without an agency field.
        _ = update(&state, .formLoaded(.addToRoster, FormData()))
        guard case .roster(let form) = state.dialog?.form else { Issue.record("not the roster form"); return }
        #expect(form.fields.map(\.label) == ["Handle", "Name", "Roles", "Public key"])
        #expect(!Renderer().render(state).plainText().contains("Agency"))
        _ = keys(typed("vic") + [.enter] + typed("Vic Chen") + [.enter, .enter, .enter], &state)
        #expect(state.dialog?.error == "Tick at least one role.")
        #expect(state.dialog?.focus == form.position(of: \.roles))
        _ = keys([.char("3"), .enter, .enter], &state)
        #expect(state.dialog?.error?.hasPrefix("Paste the public key") == true)
        #expect(state.dialog?.focus == form.position(of: \.publicKey))
        let effects = keys(typed("KEY=") + [.enter], &state)
        #expect(effects == [.operate(.addToRoster(handle: "vic", name: "Vic Chen", roles: ["verifier"], publicKey: "KEY="))])
    }

    /// Several agencies share the record: the admin picks the agency, their own first and picked.
    @Test func aRosterEntryGoesToTheAgencyPicked() {
        var state = state()
        _ = keys([.char(":")] + typed("roster add") + [.enter], &state)
        var data = FormData()
        data.agencies = [AgencyChoice(code: "host", name: "Riverton Police Department"), AgencyChoice(code: "fire", name: "Riverton Fire Rescue")]
        _ = update(&state, .formLoaded(.addToRoster, data))
        guard case .roster(let form) = state.dialog?.form else { Issue.record("not the roster form"); return }
        #expect(form.fields.map(\.label) == ["Handle", "Name", "Agency", "Roles", "Public key"])
        #expect(form.agency.value == "host", "the admin's own agency is picked first")
        let screen = Renderer().render(state).plainText()
        #expect(screen.contains("Riverton Police Department") && screen.contains("Agency: ↓/↑ picks"), "\(screen)")
        // Left as it is, the admin's own agency goes with the entry.
        var own = state
        let ownEffects = keys(typed("vic") + [.enter] + typed("Vic Chen") + [.enter, .enter, .char("3"), .enter] + typed("KEY=") + [.enter], &own)
        #expect(ownEffects == [.operate(.addToRoster(handle: "vic", name: "Vic Chen", roles: ["verifier"], publicKey: "KEY=", agency: "host"))])
        // ↓ picks fire.
        let effects = keys(typed("fran") + [.enter] + typed("Fran Diaz") + [.enter, .down, .enter, .char("2"), .enter] + typed("KEY=") + [.enter], &state)
        #expect(effects == [.operate(.addToRoster(handle: "fran", name: "Fran Diaz", roles: ["drafter"], publicKey: "KEY=", agency: "fire"))])
    }

    @Test func aRescheduleAsksForTheTimeOnly() {
        var state = state()
        state.route = .schedule
        state.schedule.rows = [PostActionTests.row("31", .scheduled)]
        _ = keys([.char("t")], &state)
        guard case .schedule(let form) = state.dialog?.form else { Issue.record("not the schedule form"); return }
        #expect(form.fields.map(\.label) == ["Time"])
        #expect(keys([.ctrl("u")] + typed("+15m") + [.enter], &state) == [.operate(.rescheduleRelease("9", at: "+15m"))])
    }
}
