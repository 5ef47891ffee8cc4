import Foundation
import OneVoiceCore

/// What a person does to a post that waits for them: `post mark-posted` and `post resend`, from the schedule
/// view (its selected post) or a release view (its posts in a state that allows it, picked when several).
enum PostActions {
    /// A post the keys can act on, whichever view lists it.
    struct Candidate: Equatable {
        var id: PostID
        var channel: String
        var status: PostState
        var words: String
    }

    /// The states a person can mark posted, and those a person can send again (as `Workspace` allows them).
    static let markable: Set<PostState> = [.handOff, .handOffOverdue, .needsCheck]
    static let resendable: Set<PostState> = [.needsCheck, .credentialsExpired]

    /// `m` or `R`: refused here, before any form, when no post on screen is in a state that allows it.
    static func perform(_ action: PostAction, state: inout DashboardState) -> [Effect] {
        guard Update.allowed([.drafter, .spokesperson], to: action == .markPosted ? "mark a post posted" : "resend a post", state: &state)
        else { return [] }
        let allowedStates = action == .markPosted ? markable : resendable
        let candidates: [Candidate]
        switch state.route {
        case .schedule:
            guard let row = state.schedule.selectedRow else { return [] }
            guard allowedStates.contains(row.status) else {
                Update.flash(refusal(action, post: "Post #\(row.postID) (\(row.channel))", words: row.state), error: true, state: &state)
                return []
            }
            candidates = [Candidate(id: row.postID, channel: row.channel, status: row.status, words: row.state)]
        case .release:
            guard let detail = state.release?.detail else { return [] }
            if action == .resend, detail.stage != .approved, detail.stage != .scheduled {
                Update.flash("Release #\(detail.id) is \(detail.stage.phrase); only the posts of an approved release are sent.",
                             error: true, state: &state)
                return []
            }
            candidates = detail.posts.filter { allowedStates.contains($0.status) }
                .map { Candidate(id: $0.id, channel: $0.channel, status: $0.status, words: $0.state) }
            guard !candidates.isEmpty else {
                let what = action == .markPosted ? "to post by hand or to check" : "to check or held for expired credentials"
                Update.flash("No post of release #\(detail.id) is \(what); nothing to \(action == .markPosted ? "mark" : "resend").",
                             error: true, state: &state)
                return []
            }
        case .board, .incident, .log:
            return []
        }
        state.dialog = dialog(action, candidates: candidates)
        return []
    }

    static func refusal(_ action: PostAction, post: String, words: String) -> String {
        switch action {
        case .markPosted:
            "\(post) is \(words); only a post to post by hand or one to check can be marked posted."
        case .resend:
            "\(post) is \(words); only a post to check or one held for expired credentials can be resent."
        }
    }

    static func dialog(_ action: PostAction, candidates: [Candidate]) -> Dialog {
        let single = candidates.count == 1 ? candidates[0] : nil
        let pick = FormField.choice("Post", options: candidates.map { "#\($0.id) \($0.channel): \($0.words)" }, values: candidates.map(\.id.rawValue))
        switch action {
        case .markPosted:
            let title = single.map { "Mark post #\($0.id) (\($0.channel)) posted" } ?? "Mark a post posted"
            return Dialog(title: title, form: .post(PostForm(action: .markPosted, postID: single?.id, post: pick)),
                          body: [DialogLine("Only once it is on the platform: the record says a person posted it, signed by you.", .muted)],
                          footer: "Address: the post's web address on the platform (may stay empty) · Enter marks it posted · Esc cancels")
        case .resend:
            if let post = single {
                return Dialog(title: "Resend post #\(post.id) (\(post.channel))?", form: .question(.resendPost(postID: post.id)),
                              body: [DialogLine("It goes out again at the scheduler's next pass.", .heading),
                                     DialogLine(post.status == .needsCheck ? "Look on \(post.channel) first: if it is there, mark it posted (m) instead."
                                                : "Put in a new token first (onevoice channel test checks it).", .warning)],
                              footer: "y resends it · n or Esc cancels")
            }
            return Dialog(title: "Resend a post", form: .post(PostForm(action: .resend, postID: nil, post: pick)),
                          body: [DialogLine("It goes out again at the scheduler's next pass; look on the platform first.", .muted)],
                          footer: "↓/↑ or 1-9 picks · Enter resends it · Esc cancels")
        }
    }
}
