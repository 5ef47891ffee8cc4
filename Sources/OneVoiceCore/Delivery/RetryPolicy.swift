import Foundation

/// When to try a failed delivery again: exponential backoff (1 s, 2 s, 4 s, … capped), no sleeping.
///
/// Deliverers never retry inside a call. The scheduler records the failure and sets the post's
/// `nextAttemptAt` from `nextAttempt(after:error:at:)`, so a retry survives a restart, shows on
/// the board, and never blocks the loop. No random jitter: one agency has few posts, and a
/// deterministic schedule is easier to test and to explain in the record.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// The wait after the first failed attempt.
    public var initialDelay: TimeInterval
    public var multiplier: Double
    /// No wait is longer than this (a server's Retry-After is capped too).
    public var maximumDelay: TimeInterval
    /// After this many failed attempts the post stays failed and waits for a person.
    public var maximumAttempts: Int
    /// How long one HTTP request may take before it counts as failed.
    public var requestTimeout: TimeInterval

    public init(initialDelay: TimeInterval = 1, multiplier: Double = 2, maximumDelay: TimeInterval = 300,
                maximumAttempts: Int = 8, requestTimeout: TimeInterval = 15) {
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
        self.maximumAttempts = maximumAttempts
        self.requestTimeout = requestTimeout
    }

    public static let standard = RetryPolicy()

    /// The wait after failed attempt number `attempt` (1 for the first): 1, 2, 4, 8 … up to `maximumDelay`.
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = Double(max(attempt, 1) - 1)
        let raw = initialDelay * pow(multiplier, exponent)
        return raw.isFinite ? min(raw, maximumDelay) : maximumDelay
    }

    /// When to try again after failed attempt number `attempt`, or nil when it must not be retried
    /// (the error needs a person, or the attempts are used up). A server's Retry-After wins when longer.
    public func nextAttempt(after attempt: Int, error: DeliveryError, at now: Date) -> Date? {
        guard error.isRetryable, attempt < maximumAttempts else { return nil }
        var wait = delay(afterAttempt: attempt)
        if let asked = error.retryAfter { wait = min(max(wait, asked), maximumDelay) }
        return now.addingTimeInterval(wait)
    }
}
