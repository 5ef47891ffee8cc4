import Foundation

/// What an export of the records log's scope would write, from Core's `ExportOutline` (the counts of `ExportPlan`): shown before anything is written.
public struct ExportPreview: Sendable, Equatable {
    /// One kind of item and how many the export holds.
    public struct Count: Sendable, Equatable {
        public var label: String
        public var count: Int
        public init(_ label: String, _ count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// Files of one folder (or one named file) and what they hold.
    public struct FileGroup: Sendable, Equatable {
        public var location: String
        public var files: Int
        public var holds: String
        public init(location: String, files: Int, holds: String) {
            self.location = location
            self.files = files
            self.holds = holds
        }
    }

    public var filter: LogFilter
    public var counts: [Count]
    public var fileGroups: [FileGroup]
    public var fileCount: Int
    /// Where the export goes unless the person types another folder ("~/onevoice-exports/incident-5-20261122-1405").
    public var suggestedFolder: String

    public init(filter: LogFilter, counts: [Count], fileGroups: [FileGroup], fileCount: Int, suggestedFolder: String) {
        self.filter = filter
        self.counts = counts
        self.fileGroups = fileGroups
        self.fileCount = fileCount
        self.suggestedFolder = suggestedFolder
    }
}

/// What an export wrote.
public struct ExportResult: Sendable, Equatable {
    public var folder: String
    public var files: Int
    public var logEntries: Int
    public var manifestPath: String
    /// SHA-256 of manifest.json: noted down, it lets anyone check the whole export.
    public var manifestSHA256: String

    public init(folder: String, files: Int, logEntries: Int, manifestPath: String, manifestSHA256: String) {
        self.folder = folder
        self.files = files
        self.logEntries = logEntries
        self.manifestPath = manifestPath
        self.manifestSHA256 = manifestSHA256
    }
}
