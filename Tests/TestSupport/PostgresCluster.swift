import Foundation
import Synchronization

/// A throw-away PostgreSQL server for the tests of this process: made by `initdb` in a temporary folder (as the
/// `postgres` user when the tests run as root, which initdb refuses to be), started on a free loopback port,
/// and stopped and deleted when the process exits. Each test asks for a database of its own.
public enum PostgresCluster {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// A new, empty database on the server: its `postgres://` URL.
    public static func freshDatabase() throws -> String {
        try freshDatabase(on: try shared.get())
    }

    /// The running server (started on first use).
    public static func server() throws -> Server { try shared.get() }

    /// A server of the caller's own, for a test that stops and starts it (a fault test); it is stopped and
    /// deleted when the process exits, if the test has not done so.
    public static func privateServer() throws -> Server { try start() }

    /// A new, empty database on `server`: its URL.
    public static func freshDatabase(on server: Server) throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try server.run("createdb", ["-h", "127.0.0.1", "-p", String(server.port), "-U", "postgres", String(name)])
        return server.url(database: String(name))
    }

    public final class Server: Sendable {
        public let port: Int
        let folder: URL
        let bin: URL
        let asUser: String?

        init(port: Int, folder: URL, bin: URL, asUser: String?) {
            self.port = port
            self.folder = folder
            self.bin = bin
            self.asUser = asUser
        }

        public func url(database: String) -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)?sslmode=disable" }
        var data: URL { folder.appendingPathComponent("data") }

        /// Stops the server at once, as a crash or a pulled plug would (`immediate`), or cleanly.
        public func stop(immediately: Bool = true) throws {
            try run("pg_ctl", ["-D", data.path, "-m", immediately ? "immediate" : "fast", "-w", "stop"])
        }

        /// Starts it again on the same port and folder.
        public func start() throws {
            try run("pg_ctl", ["-D", data.path, "-o", "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
                               "-l", folder.appendingPathComponent("log").path, "-w", "-t", "60", "start"])
        }

        /// Runs one of PostgreSQL's programs (as the postgres user when needed); throws with its output on failure.
        ///
        /// Spawned directly and reaped with waitpid, not through Foundation's Process: Process learns that a child
        /// ended from a socket the child inherits, and the server that `pg_ctl start` leaves running inherits it
        /// too, so Process would wait for the server to stop.
        @discardableResult
        public func run(_ program: String, _ arguments: [String]) throws -> String {
            let tool = bin.appendingPathComponent(program).path
            let argv = asUser.map { ["/usr/sbin/runuser", "-u", $0, "--", tool] } ?? [tool]
            let outputFile = folder.appendingPathComponent("out-\(UUID().uuidString).txt")
            defer { try? FileManager.default.removeItem(at: outputFile) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            // Through bash, which closes every other file this process holds open before it runs the tool: a CLI
            // test's output pipe inherited by the postmaster that pg_ctl leaves running would never reach its end,
            // and that test would wait forever (it did, once, in CI).
            let closing = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-" 2>/dev/null; fi; done; exec "$@""#
            let all = ["/bin/bash", "-c", closing, "bash"] + argv + arguments
            var cArguments = all.map { strdup($0) } + [nil]
            defer { for pointer in cArguments { free(pointer) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, all[0], &actions, nil, &cArguments, environ)
            guard spawned == 0 else { throw Unavailable(description: "could not run \(argv[0]): \(String(cString: strerror(spawned)))") }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            let text = String(decoding: (try? Data(contentsOf: outputFile)) ?? Data(), as: UTF8.self)
            // Exited normally with 0: the low seven bits say how it ended, the next eight its code.
            guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
                throw Unavailable(description: "\(program) \(arguments.joined(separator: " ")) failed: \(text)")
            }
            return text
        }

        /// Runs SQL with psql, as someone with the server's credentials would.
        @discardableResult
        public func psql(_ database: String, _ sql: String) throws -> String {
            try run("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1",
                             "-X", "-q", "-A", "-t", "-c", sql])
        }
    }

    private static let shared: Result<Server, Unavailable> = Result { () throws(Unavailable) -> Server in try start() }

    private static func start() throws(Unavailable) -> Server {
        guard let bin = binFolder() else {
            throw Unavailable(description: "PostgreSQL's server programs (initdb, pg_ctl) are not installed; install the packages the README lists (postgresql).")
        }
        let root = getuid() == 0
        guard !root || getpwnam("postgres") != nil else {
            throw Unavailable(description: "The tests run as root, and initdb needs another user: there is no `postgres` user (install the postgresql package).")
        }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onevoice-pg-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if root, let user = getpwnam("postgres") {
                guard chown(folder.path, user.pointee.pw_uid, user.pointee.pw_gid) == 0 else {
                    throw Unavailable(description: "could not hand \(folder.path) to the postgres user")
                }
            }
            let server = Server(port: try freePort(), folder: folder, bin: bin, asUser: root ? "postgres" : nil)
            try server.run("initdb", ["-D", server.data.path, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"])
            try server.start()
            running.withLock { $0.append(server) }
            installCleanup
            return server
        } catch let error as Unavailable {
            throw error
        } catch {
            throw Unavailable(description: "could not start a throw-away PostgreSQL server: \(error)")
        }
    }

    private static let running = Mutex<[Server]>([])

    /// Every server this process started is stopped and deleted as it exits (installed once).
    private static let installCleanup: Void = {
        atexit {
            for server in PostgresCluster.running.withLock({ $0 }) {
                try? server.stop(immediately: true)
                try? FileManager.default.removeItem(at: server.folder)
            }
        }
    }()

    /// The newest installed PostgreSQL's programs (Debian keeps them out of PATH).
    private static func binFolder() -> URL? {
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).compactMap(Int.init).sorted()
        for version in versions.reversed() {
            let bin = URL(fileURLWithPath: "\(base)/\(version)/bin")
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let bin = URL(fileURLWithPath: String(folder))
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        return nil
    }

    /// A loopback port nobody listens on now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Unavailable(description: "no socket for a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw Unavailable(description: "could not find a free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
