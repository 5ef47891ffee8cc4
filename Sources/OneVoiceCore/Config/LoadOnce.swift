import Synchronization

/// A value made the first time it is read, then kept for the life of the process (nothing it is made from
/// is watched: it is the value a load at start would have given, only later). Safe across threads.
final class LoadOnce<Value: Sendable>: Sendable {
    private let state: Mutex<Value?>
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        state = Mutex(nil)
        self.make = make
    }

    /// A value already made.
    init(_ value: Value) {
        state = Mutex(value)
        make = { value }
    }

    var value: Value {
        state.withLock { stored in
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}
