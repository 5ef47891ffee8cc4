import Foundation

/// The real `onevoice` dashboard inside a private tmux server (its own socket, no user config),
/// with a pinned terminal, locale, zone and home. Keys go in with `send-keys`; screens come out with
/// `capture-pane`; waits poll the screen with a timeout instead of sleeping.
final class DashboardTmux {
    let socket = "onevoice-e2e-\(UUID().uuidString.prefix(8))"
    let runner: CLIRunner
    /// Keys pressed with `press` (typed text with `type` is not counted).
    private(set) var keyCount = 0
    private(set) var pressed: [String] = []

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux") }

    /// Starts `onevoice ARGS` in a `width`x`height` window; the shell prints EXIT=status when it ends.
    init(arguments: [String], width: Int = 120, height: Int = 40, environment extra: [String: String] = [:]) throws {
        runner = try CLIRunner()
        var env = runner.environment
        env["TERM"] = "xterm-256color"
        env["TZ"] = "America/Chicago"
        env["VISUAL"] = "true"
        for (key, value) in extra { env[key] = value }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = "cd \(Self.quote(runner.home.path)) && env -i \(assignments) \(Self.quote(CLIRunner.binary.path)) "
            + arguments.map(Self.quote).joined(separator: " ") + "; echo EXIT=$?; exec sleep 30"
        // The shell lingers after the exit line so it can be read; `stop` ends it with the server.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", "sh", "-c", command])
    }

    deinit { stop() }

    func stop() {
        _ = try? tmux(["kill-server"])
        unlink("/tmp/tmux-\(getuid())/\(socket)")
        try? FileManager.default.removeItem(at: runner.home)
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs one tmux command and returns its standard output. Spawned and reaped by hand (posix_spawn, waitpid):
    /// the tmux server that the first command forks keeps inherited descriptors, and Foundation's `Process`
    /// could wait forever for a client that had already exited.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let out = runner.home.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { unlink(out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner blocks some signals in its threads; tmux (its server above all) needs them unblocked
        // and at their defaults, or it never reaps its shell nor obeys kill-server.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGCHLD, SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGWINCH] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ)
        guard rc == 0 else { throw TmuxError.spawn(rc) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    enum TmuxError: Error { case spawn(Int32) }

    /// Presses named keys ("n", "Enter", "Escape", "C-u"), each counted.
    func press(_ keys: String...) throws {
        for key in keys {
            keyCount += 1
            pressed.append(key)
            try tmux(["send-keys", "-t", "main", key])
        }
    }

    /// Types text literally (not counted as key presses).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", text])
    }

    func screen(escapes: Bool = false) -> String {
        (try? tmux(["capture-pane", "-p", "-t", "main"] + (escapes ? ["-e"] : []))) ?? ""
    }

    /// Polls the screen until `condition` holds; returns the screen, or nil after `timeout` seconds.
    func wait(timeout: TimeInterval = 5, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let text = screen()
            if condition(text) { return text }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return nil
    }

    func wait(for text: String, timeout: TimeInterval = 5) -> String? {
        wait(timeout: timeout) { $0.contains(text) }
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The demo database this dashboard made.
    var demoDatabase: String {
        runner.home.appendingPathComponent("data/onevoice/demo/onevoice-demo.sqlite").path
    }

    func demoKey(_ handle: String) -> String {
        runner.home.appendingPathComponent("data/onevoice/demo/\(handle).key").path
    }
}
