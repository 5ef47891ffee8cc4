import Foundation

/// A tiny tmpfs, for tests of a full disk. Mounting needs root; tests that need one are skipped
/// where `canMount` is false.
public enum SmallDisk {
    /// Whether this machine lets the tests mount a tmpfs (root and a working `mount`).
    public static let canMount: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-mount-probe-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard mount(size: "64k", at: probe) else { return false }
        return unmount(probe)
    }()

    /// Mounts a tmpfs of `size` ("64k", "1m") at the existing folder `url`; true when it worked.
    @discardableResult
    public static func mount(size: String, at url: URL) -> Bool {
        run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", url.path])
    }

    @discardableResult
    public static func unmount(_ url: URL) -> Bool {
        run("/bin/umount", [url.path])
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
