import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times whole processes, from spawn to exit, as a user waits for a command: the program's own start
/// (loading, linking, Swift's runtime) counts, not only the work inside it.
///
/// `posix_spawn` and `waitpid` rather than Foundation's `Process`, whose wait runs a run loop and can add
/// milliseconds of its own to what it measures.
public struct ProcessTimer {
    /// The environment every timed process gets.
    public var environment: [String: String]
    /// Where each run's standard output goes (the last run's is kept there), so the output can be checked.
    public var outputFile: URL

    public init(environment: [String: String], outputFile: URL) {
        self.environment = environment
        self.outputFile = outputFile
    }

    /// A timer whose programs see only `scratch`'s empty configuration, state and data folders (and, when given,
    /// `cache` as their cache, where a server's working copy is kept), so no user's settings change the figures;
    /// `environment` is added last.
    public static func isolated(in scratch: URL, cache: URL? = nil, environment extra: [String: String] = [:]) throws -> ProcessTimer {
        var environment = ProcessInfo.processInfo.environment
        for (variable, folder) in [("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state"), ("XDG_DATA_HOME", "data")] {
            let url = scratch.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            environment[variable] = url.path
        }
        if let cache { environment["XDG_CACHE_HOME"] = cache.path }
        for variable in ["ONEVOICE_DB", "ONEVOICE_IDENTITY"] { environment[variable] = nil }
        environment.merge(extra) { $1 }
        return ProcessTimer(environment: environment, outputFile: scratch.appendingPathComponent("output.txt"))
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Seconds each of `runs` runs took, after `warmup` untimed runs (which bring the files into the page cache).
    public func samples(_ executable: String, _ arguments: [String], runs: Int, warmup: Int = 1) throws -> [Double] {
        for _ in 0..<warmup { _ = try run(executable, arguments) }
        return try (0..<runs).map { _ in try run(executable, arguments) }
    }

    /// The last run's standard output.
    public func lastOutput() -> String {
        (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    }

    /// Runs the program once and returns the seconds from spawn to exit; a non-zero exit is a failure.
    public func run(_ executable: String, _ arguments: [String]) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "Could not start \(executable): \(String(cString: strerror(spawned))).")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = (ContinuousClock.now - start).seconds
        // WIFEXITED and WEXITSTATUS are macros Swift does not import: the low seven bits are the signal, the next eight the status.
        let signal = status & 0x7F, code = (status >> 8) & 0xFF
        guard signal == 0, code == 0 else {
            let command = ([executable] + arguments).joined(separator: " ")
            throw Failure(description: signal == 0 ? "\(command) exited with status \(code)." : "\(command) was killed by signal \(signal).")
        }
        return seconds
    }

    /// The full path of `name` on `PATH`, if it is there and executable.
    public static func which(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
