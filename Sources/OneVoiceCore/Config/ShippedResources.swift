import Foundation

/// The files that ship beside the binary (the built-in rules and templates), found without asking
/// Foundation's `Bundle` first: its lookup listed the executable's folder three times and the resource
/// folder three more at every start (a folder such as `.build/release` holds hundreds of entries), for a
/// path that is fixed: SwiftPM puts `OneVoice_OneVoiceCore.resources` next to the executable.
enum ShippedResources {
    static let folderName = "OneVoice_OneVoiceCore.resources"

    /// The resource folder next to the running executable, when it is there; nil sends callers to `Bundle.module`.
    static let besideExecutable: URL? = {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let folder = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(folderName, isDirectory: true)
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue ? folder : nil
    }()

    /// `path` inside the resources, if it exists; otherwise what `Bundle.module` finds (its build-folder fallback).
    static func url(_ path: String, isDirectory: Bool = false) -> URL? {
        if let folder = besideExecutable {
            let url = folder.appendingPathComponent(path, isDirectory: isDirectory)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        let name = (path as NSString).lastPathComponent, subfolder = (path as NSString).deletingLastPathComponent
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        return Bundle.module.url(forResource: base, withExtension: ext.isEmpty ? nil : ext,
                                 subdirectory: subfolder.isEmpty ? nil : subfolder)
    }
}
