import Foundation
import OneVoiceCore
import Testing
@testable import OneVoiceTUI

/// `m` (mark posted) and `R` (resend) on the schedule and release views: refused before the form when the
/// post's state does not allow it, else one Core operation (`post mark-posted`, `post resend`).
@Suite struct PostActionTests {
    let update = Update()

        func state(role: String = "drafter", route: Route) -> DashboardState { Fixtures.state(role: role, route: route) }

    func keys(_ keys: [Key], _ state: inout DashboardState) -> [Effect] { Fixtures.press(keys, &state, update: update) }

    func typed(_ text: String) -> [Key] { Fixtures.typed(text) }

    static func row(_ id: PostID, _ status: PostState, channel: String = "Nextdoor") -> ScheduleRow {
        ScheduleRow(postID: id, releaseID: "9", incidentID: "3", releaseTitle: "Road closed", channel: channel, status: status,
                    state: status.label, at: Fixtures.at(minutesAgo: 5), retryAt: nil, lastError: nil)
    }

    func schedule(_ rows: [ScheduleRow], role: String = "drafter") -> DashboardState {
        var state = state(role: role, route: .schedule)
        state.schedule.rows = rows
        state.schedule.loaded = true
        return state
    }

    func release(_ posts: [PostRow], stage: ReleaseStage = .scheduled) -> DashboardState {
        var state = state(route: .release("10"))
        state.release = ReleaseScreen(id: "10")
        state.release?.detail = WorkflowUpdateTests.detail
        state.release?.detail?.stage = stage
        state.release?.detail?.posts = posts
        return state
    }

    @Test func aHandOffOnTheScheduleIsMarkedPostedWithItsAddress() {
        var state = schedule([Self.row("31", .handOff)])
        #expect(keys([.char("m")], &state).isEmpty)
        #expect(state.dialog?.title == "Mark post #31 (Nextdoor) posted")
        #expect(state.dialog?.hints.first?.word == "mark")
        let effects = keys(typed("https://nextdoor.com/p/1") + [.enter], &state)
        #expect(effects == [.operate(.markPosted(postID: "31", url: "https://nextdoor.com/p/1"))])
        // Core's refusal of the address stays in the form, on the field it names.
        _ = update(&state, .operationFailed("The post's address must be its web address, such as https://x.com/riverton_pd/status/1."))
        #expect(state.dialog?.error?.hasPrefix("The post's address") == true)
        _ = update(&state, .operationDone(OperationOutcome("Marked post #31 (Nextdoor) posted.")))
        #expect(state.dialog == nil)
        #expect(state.flash?.text == "Marked post #31 (Nextdoor) posted.")
    }

    @Test func theAddressMayStayEmpty() {
        var state = schedule([Self.row("31", .needsCheck, channel: "X")])
        _ = keys([.char("m")], &state)
        #expect(keys([.enter], &state) == [.operate(.markPosted(postID: "31", url: ""))])
    }

    @Test func aPostInAnotherStateIsRefusedBeforeTheForm() {
        for (key, status) in [("m", PostState.scheduled), ("m", .credentialsExpired), ("m", .failed), ("R", .failed), ("R", .handOff),
                              ("R", .scheduled)] {
            var state = schedule([Self.row("31", status)])
            #expect(keys([.char(Character(key))], &state).isEmpty)
            #expect(state.dialog == nil, "\(key) on a post that is \(status.rawValue)")
            #expect(state.flash?.isError == true)
            #expect(state.flash?.text.hasPrefix("Post #31 (Nextdoor) is \(status.label); only") == true, "\(state.flash?.text ?? "")")
        }
    }

    @Test func aRoleNotHeldIsRefusedAtTheKey() {
        var state = schedule([Self.row("31", .handOff)], role: "verifier")
        #expect(keys([.char("m")], &state).isEmpty)
        #expect(state.dialog == nil)
        #expect(state.flash?.text.hasPrefix("Only a drafter or a spokesperson can mark a post posted") == true, "\(state.flash?.text ?? "")")
    }

    @Test func resendAsksFirst() {
        var state = schedule([Self.row("32", .credentialsExpired, channel: "Facebook")])
        _ = keys([.char("R")], &state)
        #expect(state.dialog?.isQuestion == true)
        #expect(state.dialog?.title == "Resend post #32 (Facebook)?")
        #expect(keys([.char("y")], &state) == [.operate(.resendPost(postID: "32"))])
    }

    @Test func onAReleaseTheOnePostThatAllowsItIsTaken() {
        var state = release([PostRow(id: "40", channel: "X", releaseTitle: "t", status: .delivered, at: nil, length: 10, limit: 280),
                             PostRow(id: "41", channel: "Nextdoor", releaseTitle: "t", status: .handOffOverdue, at: nil, length: 10, limit: nil)])
        _ = keys([.char("m")], &state)
        guard case .post(let form) = state.dialog?.form else { Issue.record("no post form"); return }
        #expect(form.postID == "41" && form.action == .markPosted)
        #expect(keys([.enter], &state) == [.operate(.markPosted(postID: "41", url: ""))])
    }

    @Test func onAReleaseSeveralArePickedFrom() {
        var state = release([PostRow(id: "40", channel: "X", releaseTitle: "t", status: .needsCheck, at: nil, length: 10, limit: 280),
                             PostRow(id: "41", channel: "Facebook", releaseTitle: "t", status: .credentialsExpired, at: nil, length: 10, limit: nil)])
        _ = keys([.char("R")], &state)
        #expect(state.dialog?.fields.map(\.label) == ["Post"])
        #expect(keys([.char("j"), .enter], &state) == [.operate(.resendPost(postID: "41"))])
        // Marking: the post, then its address.
        var marking = release([PostRow(id: "40", channel: "X", releaseTitle: "t", status: .needsCheck, at: nil, length: 10, limit: 280),
                               PostRow(id: "42", channel: "Nextdoor", releaseTitle: "t", status: .handOff, at: nil, length: 10, limit: nil)])
        _ = keys([.char("m")], &marking)
        #expect(marking.dialog?.fields.map(\.label) == ["Post", "Address"])
        #expect(keys([.char("2"), .enter, .enter], &marking) == [.operate(.markPosted(postID: "42", url: ""))])
    }

    @Test func onAReleaseWithNoSuchPostNothingOpens() {
        var state = release([PostRow(id: "40", channel: "X", releaseTitle: "t", status: .scheduled, at: nil, length: 10, limit: 280)])
        _ = keys([.char("m")], &state)
        #expect(state.dialog == nil)
        #expect(state.flash?.text == "No post of release #10 is to post by hand or to check; nothing to mark.")
        // A release that is not approved sends nothing: refused before the question.
        var draft = release([PostRow(id: "40", channel: "X", releaseTitle: "t", status: .needsCheck, at: nil, length: 10, limit: 280)],
                            stage: .draft)
        _ = keys([.char("R")], &draft)
        #expect(draft.dialog == nil)
        #expect(draft.flash?.text.hasPrefix("Release #10 is a draft") == true)
    }

    @Test func postedTakesTheAddressOnTheCommandLine() {
        var state = schedule([Self.row("31", .handOff)])
        _ = keys([.char(":")] + typed("posted https://nextdoor.com/p/9") + [.enter], &state)
        #expect(keys([.enter], &state) == [.operate(.markPosted(postID: "31", url: "https://nextdoor.com/p/9"))])
    }

    @Test func theKeysAreInHelp() {
        let help = Keymap.standard.helpEntries(for: .schedule).map(\.keys)
        #expect(help.contains("m") && help.contains("R"))
        #expect(Keymap.standard.helpEntries(for: .release).map(\.keys).contains("R"))
        #expect(CommandRegistry.standard.command(named: "resend") != nil && CommandRegistry.standard.command(named: "posted") != nil)
    }
}
