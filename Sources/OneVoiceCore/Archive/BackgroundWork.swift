import Dispatch
import Synchronization

/// Work started on another thread when made; `wait()` gives its result (or throws its error) once it is done,
/// and again at once to any later wait. What `archive verify` runs beside its replay.
final class BackgroundWork<T: Sendable>: Sendable {
    private let result = Mutex<Result<T, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> T) {
        DispatchQueue.global(qos: .userInitiated).async {
            let outcome = Result { try work() }
            self.result.withLock { $0 = outcome }
            self.done.signal()
        }
    }

    func wait() throws -> T {
        done.wait()
        done.signal()  // a second wait returns at once
        return try result.withLock { $0! }.get()
    }
}
