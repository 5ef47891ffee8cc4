import Foundation
@testable import OneVoiceCore

/// Helpers for the fault-injection tests: CLI processes started without waiting (to kill them),
/// checks that a failure reached the user as one plain sentence, and byte-level damage to files.
extension CLIRunner {
    /// A running `onevoice` process.
    final class Started {
        let process: Process
        private let out: Pipe
        private let err: Pipe

        init(process: Process, out: Pipe, err: Pipe) {
            self.process = process
            self.out = out
            self.err = err
        }

        /// Waits for the end (natural or not) and collects what the process printed.
        func finish() -> (status: Int32, reason: Process.TerminationReason, stdout: String, stderr: String) {
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, process.terminationReason, String(decoding: stdout, as: UTF8.self),
                    String(decoding: stderr, as: UTF8.self))
        }

        func killHard() { kill(process.processIdentifier, SIGKILL) }
    }

    /// Starts `onevoice` (or `executable` with the binary as its first argument) and returns at once.
    func start(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:],
               wrapper: [String]? = nil) throws -> Started {
        let process = Process()
        if let wrapper {
            process.executableURL = URL(fileURLWithPath: wrapper[0])
            process.arguments = Array(wrapper.dropFirst()) + [Self.binary.path] + arguments
        } else {
            process.executableURL = Self.binary
            process.arguments = arguments
        }
        process.environment = environment.merging(extra) { _, new in new }
        process.currentDirectoryURL = home
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        return Started(process: process, out: out, err: err)
    }

    /// The database, opened in this process through Core (for checks a user cannot make with the CLI).
    func openDatabase() throws -> AppDatabase {
        try AppDatabase.open(at: URL(fileURLWithPath: databasePath))
    }

    /// Moves everything from the write-ahead log into the database file and closes it, so the file
    /// alone holds the data (before damaging it on purpose).
    func settleDatabase() throws {
        try openDatabase().checkpoint()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
    }
}

enum FaultCheck {
    /// Why `stderr` is not one plain sentence for a person, or nil when it is.
    static func sentenceProblem(_ stderr: String) -> String? {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count == 1, let line = lines.first else { return "expected one line, got \(lines.count): \(stderr)" }
        for marker in ["Fatal error", "Stack dump", "0x0000", "Optional(", "SQLITE_", "DatabaseError", "Swift/", "#0 ", "error: "] where line.contains(marker) {
            return "contains \"\(marker)\": \(line)"
        }
        return nil
    }

    /// Why a finished CLI run is a crash (a signal, or a Swift runtime failure), or nil when it ended on its own.
    static func crashProblem(status: Int32, reason: Process.TerminationReason, stderr: String) -> String? {
        if reason == .uncaughtSignal { return "killed by signal \(status): \(stderr)" }
        if stderr.contains("Fatal error") || stderr.contains("Stack dump") { return "crashed: \(stderr)" }
        return nil
    }

    /// Overwrites `count` bytes at `offset` with seeded random bytes.
    static func scribble(_ path: String, offset: Int, count: Int, seed: UInt64) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var state = seed
        var bytes = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[i] = UInt8(truncatingIfNeeded: state >> 33)
        }
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: bytes)
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
