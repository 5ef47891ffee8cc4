import Dispatch
import Synchronization

/// Reads too long for a key's or a frame's time (the unreadable-row count reads every incident and waiting
/// post: 110 ms at large scale) run on another thread; their answers are taken in at the next tick.
/// One job of a kind at a time: a tick that asks again while one runs asks for nothing.
final class BackgroundWork: Sendable {
    private let answers = Mutex<[Action]>([])
    private let running = Mutex<Set<String>>([])
    private let group = DispatchGroup()

    /// Runs `job` off this thread unless a job of the same `kind` is still running; a nil answer is dropped.
    func run(_ kind: String, _ job: @escaping @Sendable () -> Action?) {
        guard running.withLock({ $0.insert(kind).inserted }) else { return }
        DispatchQueue.global(qos: .utility).async(group: group) { [self] in
            let answer = job()
            answers.withLock { if let answer { $0.append(answer) } }
            running.withLock { _ = $0.remove(kind) }
        }
    }

    /// The answers that came in since the last call, in the order they came.
    func finished() -> [Action] {
        answers.withLock { answers in
            defer { answers = [] }
            return answers
        }
    }

    /// Waits for every job started so far.
    func wait() { group.wait() }
}
