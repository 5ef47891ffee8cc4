import Foundation

/// Runs the real `onevoice` binary in a private HOME, as a user at a shell would.
struct CLIRunner {
    let home: URL
    var environment: [String: String]

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `onevoice` built beside this test bundle (or $ONEVOICE_BIN).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["ONEVOICE_BIN"] { return URL(fileURLWithPath: path) }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The test runner may live inside a bundle folder: walk up until `onevoice` is beside it.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("onevoice")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return exe.deletingLastPathComponent().appendingPathComponent("onevoice")
    }

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        environment = [
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "TZ": "UTC",
            "USER": "pio",
        ]
    }

    var databasePath: String { home.appendingPathComponent("data/onevoice/onevoice.sqlite").path }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment.merging(extra) { _, new in new }
        process.currentDirectoryURL = home
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Runs a command that must succeed and returns its parsed JSON output.
    func json(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Any {
        let result = try run(arguments + ["--json"], environment: extra)
        guard result.status == 0 else {
            throw CLIError.failed(arguments.joined(separator: " "), result.stderr)
        }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// Generates a key at `name`.key in HOME and returns its public key.
    func newKey(_ name: String) throws -> (path: String, publicKey: String) {
        let path = home.appendingPathComponent("\(name).key").path
        let object = try json(["key", "generate", "--out", path]) as? [String: Any]
        return (path, object?["publicKey"] as? String ?? "")
    }

    enum CLIError: Error { case failed(String, String) }
}
