import Foundation
import OneVoiceCore

/// The one way a post's state is said on every screen: "sent", "scheduled", "failed, retry in 4m: HTTP 503",
/// "missed: awaiting sign-off", "overdue: confirm to send".
enum PostStateWords {
    static func words(_ state: PostState, nextAttemptAt: Date?, lastError: String?, publicURL: String? = nil, now: Date) -> String {
        switch state {
        case .delivered:
            return "sent" + (publicURL.map { " \($0)" } ?? "")
        case .handOff, .handOffOverdue, .needsCheck, .credentialsExpired:
            return state.label + (lastError.map { ": \($0)" } ?? "")
        case .failed:
            let retry = nextAttemptAt.map { ", retry in \(LocalTime.span($0.timeIntervalSince(now)))" } ?? ""
            return "failed\(retry)" + (lastError.map { ": \($0)" } ?? "")
        case .scheduled, .held, .delivering, .missed, .awaitingConfirmation, .cancelled:
            return state.label
        }
    }

    static func words(_ post: Post, now: Date) -> String {
        words(post.state, nextAttemptAt: post.nextAttemptAt, lastError: post.lastError, publicURL: post.publicURL, now: now)
    }
}
