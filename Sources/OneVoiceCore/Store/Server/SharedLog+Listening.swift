import Foundation
import Synchronization

// LISTEN/NOTIFY: every append notifies `onevoice_log` when it commits. A long-running client (the dashboard)
// listens on a connection of its own; while it does, a read looks at the server only after a notification,
// instead of asking for the head every time. Without a listener (a command, or while it reconnects), every
// read asks.

extension SharedLog {
    /// Starts listening for other machines' appends, on a thread of its own (never the shared pool of Swift
    /// concurrency, which blocking callers can fill), reconnecting a second after the connection is lost.
    /// Idempotent.
    func startListening() {
        let started = listenState.withLock { state -> Bool in
            if state.started { return false }
            state.started = true
            return true
        }
        guard started else { return }
        let address = self.address
        let thread = Thread { [weak self] in
            while self != nil {
                if let link = try? PostgresLink.connect(address) {
                    link.listen(on: SharedLog.channel) { [weak self] in self?.listenState.withLock { $0.notified = true } }
                    // Answered after the LISTEN: from here on no append goes unheard; anything before it is looked for once.
                    if (try? link.query("SELECT 1")) != nil {
                        self?.listenState.withLock { $0.listening = true; $0.notified = true }
                        link.waitUntilClosed()
                    }
                    self?.listenState.withLock { $0.listening = false; $0.notified = true }
                    link.close()
                }
                Thread.sleep(forTimeInterval: 1)
            }
        }
        thread.name = "onevoice-listen"
        thread.start()
    }

    /// Whether a read must look at the server: always without a listener; with one, only after a notification
    /// (which this takes).
    func needsLook() -> Bool {
        listenState.withLock { state in
            guard state.listening else { return true }
            defer { state.notified = false }
            return state.notified
        }
    }
}

struct ListenState {
    var started = false
    var listening = false
    var notified = true
}
