import Foundation
import Synchronization

/// Where Core gets the time, so tests and the demo can fix it.
public protocol WallClock: Sendable {
    func now() -> Date
}

public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Timestamps.truncated(Date()) }
}

/// A clock that only moves when told to (tests, demos, benchmarks).
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(Timestamps.truncated(start)) }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = Timestamps.truncated($0.addingTimeInterval(seconds)) }
    }

    public func set(_ date: Date) { current.withLock { $0 = Timestamps.truncated(date) } }
}
