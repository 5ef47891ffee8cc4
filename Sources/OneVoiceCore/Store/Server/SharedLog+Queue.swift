import Foundation
import NIOCore
import PostgresNIO
import Synchronization

// Waiting for the head. Machines append one at a time, and each must first take in every entry the others
// appended. Done under the head's lock, that taking in is time every machine in the queue waits for; so a machine
// that has to queue takes in, while it waits, each append it hears of (LISTEN/NOTIFY on a second connection, as
// its main one is waiting for the lock), and holds the head only for what was appended since.

extension SharedLog {
    /// Waits for `lockStatements` (sent on `link`, the last one answering once the head's lock is this machine's);
    /// until then, whenever another machine commits an append, `whileWaiting` is handed this log's entries after
    /// the sequence number it gives. Throws what `whileWaiting` throws (the lock's statements are then still
    /// answered, and rolled back by the caller).
    func waitForLock(_ futures: [EventLoopFuture<PostgresQueryResult>], on link: PostgresLink,
                     whileWaiting: ((_ entriesAfter: (Int64) throws -> [LogEntry]) throws -> Void)?) throws -> [[PostgresRow]] {
        guard let whileWaiting, let last = futures.last else { return try link.answers(futures) }
        let wake = DispatchSemaphore(value: 0)
        let granted = Mutex(false)
        last.whenComplete { _ in
            granted.withLock { $0 = true }
            wake.signal()
        }
        // A lock granted at once (nobody else appending) needs no second connection.
        if wake.wait(timeout: .now() + .milliseconds(2)) == .success { return try link.answers(futures) }
        let deadline = Date().addingTimeInterval(PostgresLink.statementTimeout)
        if let side = try? queue.side(address: address, log: self) {
            queue.waiter.withLock { $0 = wake }
            defer { queue.waiter.withLock { $0 = nil } }
            do {
                // Whatever was appended before the LISTEN took effect is looked for once, now.
                try whileWaiting { try SharedLog.entries(side, after: $0, limit: SharedLog.page) }
                while !granted.withLock({ $0 }) && Date() < deadline {
                    _ = wake.wait(timeout: .now() + .milliseconds(250))
                    if granted.withLock({ $0 }) { break }
                    try whileWaiting { try SharedLog.entries(side, after: $0, limit: SharedLog.page) }
                }
            } catch {
                _ = try? link.answers(futures)
                throw error
            }
        }
        return try link.answers(futures)
    }
}

/// A machine's place in the queue for the head: the second connection it reads and listens on while its main
/// one waits, and the wait a notification ends.
final class HeadQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var link: PostgresLink?
    /// Signalled when another machine's append commits (and when the lock is granted).
    let waiter = Mutex<DispatchSemaphore?>(nil)

    /// The second connection, listening for appends; made on the first wait, and again after the server closed it.
    func side(address: ServerAddress, log: SharedLog) throws -> PostgresLink {
        lock.lock()
        defer { lock.unlock() }
        if let link, !link.isClosed { return link }
        link?.close()
        let fresh = try PostgresLink.connect(address)
        fresh.listen(on: SharedLog.channel) { [weak self] in self?.waiter.withLock { _ = $0?.signal() } }
        link = fresh
        return fresh
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        link?.close()
        link = nil
    }
}
