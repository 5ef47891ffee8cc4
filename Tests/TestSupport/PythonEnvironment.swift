import Foundation

/// The Python the tests read OneVoice's output back with (the official CAP 1.2 schema, an Atom
/// parser, an iCalendar parser): a virtual environment under `.build/pyvenv`, made on first use
/// with `python3 -m venv` and pip, and reused after. Several test processes may start at once:
/// a lock file (`.build/pyvenv.lock`) lets one set it up while the others wait for it.
public enum PythonEnvironment {
    /// What the tests import, as pip installs it (`--pre`: capvalidator has only pre-releases).
    public static let packages = ["capvalidator", "feedparser", "icalendar"]

    /// The package's root folder (this file is Tests/TestSupport/PythonEnvironment.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var venv: URL { packageRoot.appendingPathComponent(".build/pyvenv") }
    static var marker: URL { venv.appendingPathComponent("onevoice-ready") }

    /// The virtual environment's python3, set up once per process (and once per checkout).
    public static let python: Result<String, SetupError> = {
        do { return .success(try setUp()) } catch let error as SetupError { return .failure(error) } catch {
            return .failure(SetupError(description: "\(error)"))
        }
    }()

    public struct SetupError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    static func setUp() throws(SetupError) -> String {
        let python = venv.appendingPathComponent("bin/python3").path
        let wanted = packages.joined(separator: " ")
        if isReady(python: python, wanted: wanted) { return python }
        let build = packageRoot.appendingPathComponent(".build")
        try? FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        let lock = open(build.appendingPathComponent("pyvenv.lock").path, O_RDWR | O_CREAT, 0o644)
        guard lock >= 0 else { throw SetupError(description: "Cannot create \(build.path)/pyvenv.lock: \(String(cString: strerror(errno))).") }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw SetupError(description: "Cannot lock \(build.path)/pyvenv.lock.") }
        }
        defer { flock(lock, LOCK_UN) }
        // Another process may have finished it while this one waited.
        if isReady(python: python, wanted: wanted) { return python }
        guard let system = systemPython() else {
            throw SetupError(description: "python3 is not installed; the format checks need it (apt-get install python3 python3-venv).")
        }
        try? FileManager.default.removeItem(at: venv)   // half-made by a run that was stopped
        let made = run(system, ["-m", "venv", venv.path])
        guard made.status == 0 else {
            throw SetupError(description: "`python3 -m venv \(venv.path)` failed (install python3-venv): \(made.output)")
        }
        let installed = run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--pre"] + packages)
        guard installed.status == 0 else {
            throw SetupError(description: "pip could not install \(wanted) into \(venv.path): \(installed.output)")
        }
        do {
            try Data(wanted.utf8).write(to: marker, options: .atomic)
        } catch {
            throw SetupError(description: "Cannot write \(marker.path): \(error)")
        }
        return python
    }

    private static func isReady(python: String, wanted: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: python)
            && (try? String(contentsOf: marker, encoding: .utf8)) == wanted
    }

    private static func systemPython() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(dir)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a command, its output going to a file (a full pipe never blocks it); the last lines of output on failure.
    private static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-pyvenv-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let handle = try? FileHandle(forWritingTo: log) else {
            return (1, "cannot create \(log.path)")
        }
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "\(error)") }
        process.waitUntilExit()
        try? handle.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text.split(separator: "\n").suffix(5).joined(separator: " | "))
    }
}
