import Testing
import OneVoiceCore

/// One rule for every screen: which posts still wait, and which need a person.
@Suite("Post state attention")
struct PostStateAttentionTests {
    @Test func troubleIsFailedMissedOrOverdue() {
        let trouble = PostState.allCases.filter(\.needsPerson)
        #expect(Set(trouble) == [.failed, .missed, .awaitingConfirmation, .handOffOverdue, .needsCheck, .credentialsExpired])
    }

    @Test func whatNeedsAPersonStillWaitsAndWhatIsDoneDoesNot() {
        for state in PostState.allCases where state.needsPerson { #expect(state.isWaiting, "\(state)") }
        for state in [PostState.delivered, .cancelled, .delivering] { #expect(!state.isWaiting, "\(state)") }
        #expect(PostState.scheduled.isWaiting && PostState.held.isWaiting)
    }
}
