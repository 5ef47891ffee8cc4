import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// One connection to the shared PostgreSQL server, used from OneVoice's synchronous code: each call waits for
/// the server's answer on the calling thread (never an event-loop thread). Calls are serialized, so a
/// transaction begun on the link is never interleaved with another caller's statement.
final class PostgresLink: @unchecked Sendable {
    let address: ServerAddress
    private let connection: PostgresConnection
    private let logger: Logger
    /// Held for one statement, or across a transaction by `exclusive`.
    private let lock = NSRecursiveLock()

    private init(address: ServerAddress, connection: PostgresConnection, logger: Logger) {
        self.address = address
        self.connection = connection
        self.logger = logger
    }

    /// PostgresNIO requires a connection to be closed before it is let go.
    deinit {
        if !connection.isClosed { try? connection.close().wait() }
    }

    static func connect(_ address: ServerAddress, timeout: TimeAmount = .seconds(5)) throws -> PostgresLink {
        let logger = quietLogger()
        let configuration = try Self.configuration(for: address, timeout: timeout)
        do {
            let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(),
                                                            configuration: configuration, id: 1, logger: logger).wait()
            return PostgresLink(address: address, connection: connection, logger: logger)
        } catch {
            throw Self.describe(error, address: address)
        }
    }

    /// PostgresNIO logs every connection event; a command prints only its own sentences.
    static func quietLogger() -> Logger {
        var logger = Logger(label: "onevoice.postgres")
        logger.logLevel = .critical
        return logger
    }

    /// One TLS context for every connection of the process (a machine opens up to three connections: the main
    /// one, the queue's, the listener's), its roots read as they are needed (`TLSTrust`).
    private static let clientTLS = Result { try NIOSSLContext(configuration: TLSTrust.clientConfiguration()) }

    static func configuration(for address: ServerAddress, timeout: TimeAmount = .seconds(5)) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch address.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try clientTLS.get())
            case .require: tls = .require(try clientTLS.get())
            }
        } catch {
            throw StoreError.server(location: address.description, detail: "could not be reached over TLS (\(error))")
        }
        var configuration = PostgresConnection.Configuration(host: address.host, port: address.port, username: address.user,
                                                             password: address.password, database: address.database, tls: tls)
        configuration.options.connectTimeout = timeout
        return configuration
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ binds: [PostgresBindable] = []) throws -> [PostgresRow] {
        lock.lock()
        defer { lock.unlock() }
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds { bind.append(to: &bindings) }
        do {
            return try wait(connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)).rows
        } catch {
            throw Self.describe(error, address: address)
        }
    }

    /// Runs statements back to back without waiting for each answer in between: PostgresNIO queues them on the
    /// connection and sends each as the last one is answered, so the calling thread wakes once, not once a
    /// statement (under the head's lock every wake-up is time another machine waits). Returns each statement's
    /// rows; throws the first failure, once every statement has been answered, so the link stays in step.
    @discardableResult
    func run(_ statements: [PostgresStatement]) throws -> [[PostgresRow]] {
        lock.lock()
        defer { lock.unlock() }
        return try answers(send(statements))
    }

    /// Sends statements without waiting for them (the caller holds the link); `answers` waits.
    private func send(_ statements: [PostgresStatement]) -> [EventLoopFuture<PostgresQueryResult>] {
        statements.map { statement in
            var bindings = PostgresBindings(capacity: statement.binds.count)
            for bind in statement.binds { bind.append(to: &bindings) }
            return connection.query(PostgresQuery(unsafeSQL: statement.sql, binds: bindings), logger: logger)
        }
    }

    /// Waits for sent statements, as `run` does.
    private func answers(_ futures: [EventLoopFuture<PostgresQueryResult>]) throws -> [[PostgresRow]] {
        var answers: [[PostgresRow]] = []
        var failure: (any Error)?
        for future in futures {
            do {
                answers.append(try wait(future).rows)
            } catch let error as StoreError {
                throw error // unanswered: the link is closed, and the rest will not come either
            } catch {
                failure = failure ?? error
                answers.append([])
            }
        }
        if let failure { throw Self.describe(failure, address: address) }
        return answers
    }

    /// How long one statement may take, a wait for the head's lock included, before the link is given up.
    static let statementTimeout: TimeInterval = 15

    /// Waits for `future`, at most `statementTimeout`: a server killed mid-statement can leave an answer that
    /// never comes. The connection is then closed, so the next call makes a new one.
    private func wait<T: Sendable>(_ future: EventLoopFuture<T>) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        guard done.wait(timeout: .now() + Self.statementTimeout) == .success, let result = outcome.withLock({ $0 }) else {
            broken.withLock { $0 = true }
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
            throw StoreError.server(location: address.description, detail: "did not answer within \(Int(Self.statementTimeout)) seconds")
        }
        return try result.get()
    }

    /// Runs `body` with the link held by this thread alone (a transaction's statements, in order).
    func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Set when a statement went unanswered: the connection is not used again.
    private let broken = Mutex(false)

    /// Calls `handler` (on an event-loop thread) for each notification on `channel`; the LISTEN is sent by
    /// PostgresNIO, ahead of any statement run after this call.
    func listen(on channel: String, _ handler: @escaping @Sendable () -> Void) {
        connection.addListener(channel: channel) { _, _ in handler() }
    }

    /// Waits until the server or the network closes this connection.
    func waitUntilClosed() {
        try? connection.closeFuture.wait()
    }

    var isClosed: Bool { connection.isClosed || broken.withLock { $0 } }

    func close() {
        try? connection.close().wait()
    }

    /// A server or connection error as one sentence.
    static func describe(_ error: any Error, address: ServerAddress) -> StoreError {
        if let store = error as? StoreError { return store }
        let location = address.description
        guard let psql = error as? PSQLError else {
            return .server(location: location, detail: "could not be reached (\(error))")
        }
        if let message = psql.serverInfo?[.message] {
            let state = psql.serverInfo?[.sqlState].map { " [\($0)]" } ?? ""
            return .server(location: location, detail: "refused: \(message)\(state)")
        }
        switch psql.code {
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return .server(location: location, detail: "closed the connection (is it restarting?)")
        case .connectionError:
            return .server(location: location, detail: "could not be reached (is it running, and is the address right?)")
        case .sslUnsupported:
            return .server(location: location, detail: "does not offer TLS, which sslmode=require asks for")
        case .authMechanismRequiresPassword, .unsupportedAuthMechanism, .saslError:
            return .server(location: location, detail: "did not accept the sign-in (check the user and password)")
        default:
            return .server(location: location, detail: "failed (\(psql.code))")
        }
    }
}

/// One statement and the values bound to its `$n`.
struct PostgresStatement {
    let sql: String
    let binds: [PostgresBindable]

    init(_ sql: String, _ binds: [PostgresBindable] = []) {
        self.sql = sql
        self.binds = binds
    }
}

/// A value bound to a statement's `$n`.
enum PostgresBindable {
    case int(Int64?)
    case text(String?)

    func append(to bindings: inout PostgresBindings) {
        switch self {
        case .int(let value?): bindings.append(value)
        case .text(let value?): bindings.append(value)
        case .int(nil), .text(nil): bindings.appendNull()
        }
    }
}
