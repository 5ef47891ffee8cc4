import Foundation
import OneVoiceCore

/// The records log's search and export, through Core: the same full-text search as `onevoice archive search`
/// and the same export (and export plan) as `onevoice archive export`.
extension StoreDashboardSource {
    public func searchCount(_ request: SearchRequest, newerThan cursor: SearchCursor?) throws -> Int {
        let scope = try Self.scope(request.filter)
        return try workspace.searchCount(query: request.query, incidentID: scope.incidentID, from: scope.from, to: scope.to,
                                         newerThan: cursor?.position, limit: RecordsSearch.countLimit)
    }

    public func searchRows(_ request: SearchRequest, from cursor: SearchCursor?, direction: PageDirection, limit: Int) throws -> [SearchRow] {
        let scope = try Self.scope(request.filter)
        let hits = try workspace.searchPage(query: request.query, incidentID: scope.incidentID, from: scope.from, to: scope.to,
                                            after: cursor?.position, newer: direction == .backward, limit: limit)
        // Revisions and posts open their release: one read per kind for the page.
        var releases: [SearchItemType: [Int64: Int64]] = [:]
        try workspace.dashboardRead { session in
            for type in [SearchItemType.revision, .post] {
                releases[type] = try session.releaseIDs(of: type, ids: hits.filter { $0.type == type }.map(\.id))
            }
        }
        return hits.map { hit in
            SearchRow(position: hit.position, kind: hit.type.rawValue, itemID: "\(hit.id)", incidentID: hit.incidentID.map { "\($0)" },
                      releaseID: releases[hit.type]?[hit.id].map { "\($0)" }, at: hit.time, label: hit.label,
                      snippet: hit.snippetRuns.map { SnippetRun(Self.oneLine($0.text), isMatch: $0.isMatch) })
        }
    }

    /// A snippet's text on one screen line: tabs and carriage returns as spaces (a terminal would move the cursor).
    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }

    public func exportPreview(_ filter: LogFilter, now: Date) throws -> ExportPreview {
        // Counted, not read: the export itself reads every record, in the snapshot it writes from.
        let plan = try workspace.outlineExport(scope: try Self.scope(filter))
        let counts = plan.namedCounts.map { ExportPreview.Count($0.noun, $0.count) }
        let groups = plan.fileGroups.map { ExportPreview.FileGroup(location: $0.location, files: $0.files, holds: $0.holds) }
        let zone = try workspace.agency().timeZone
        return ExportPreview(filter: filter, counts: counts, fileGroups: groups, fileCount: plan.fileCount,
                             suggestedFolder: "~/\(Self.exportsFolderName)/\(Self.exportName(filter, now: now, zone: zone))")
    }

    public func export(_ filter: LogFilter, to folder: String) throws -> ExportResult {
        let typed = folder.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { throw OperationError("Type the folder to write the export into.") }
        let url = URL(fileURLWithPath: Self.expandingHome(typed)).standardizedFileURL
        // The suggested place is made on first use; any other missing folder is the person's to make,
        // so that a mistyped path never creates folders.
        let parent = url.deletingLastPathComponent()
        if parent.path == Self.exportsRoot.path, !FileManager.default.fileExists(atPath: parent.path) {
            do {
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw OperationError("Could not make the folder \(parent.path): \(error.localizedDescription)")
            }
        }
        let summary = try workspace.exportRecords(scope: try Self.scope(filter), to: url)
        return ExportResult(folder: summary.path, files: summary.files, logEntries: summary.logEntries,
                            manifestPath: URL(fileURLWithPath: summary.path).appendingPathComponent(ExportChecker.manifestName).path,
                            manifestSHA256: summary.manifestSHA256)
    }

    static let exportsFolderName = "onevoice-exports"

    static var home: String { ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() }

    static var exportsRoot: URL { URL(fileURLWithPath: home).appendingPathComponent(exportsFolderName).standardizedFileURL }

    /// `~` and `~/…` as the home folder, as a shell would read them.
    static func expandingHome(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst() }
        return path
    }

    /// "incident-5-exported-20261122-140500", "2026-11-01-to-2026-11-18-exported-20261122-140500",
    /// "all-records-exported-…": what was asked, then when it was exported (agency time), so two exports never share a name.
    static func exportName(_ filter: LogFilter, now: Date, zone: TimeZone) -> String {
        func stamp(_ date: Date, _ format: String) -> String { LocalTime(timeZone: zone).format(date, format) }
        var parts: [String] = []
        if let id = filter.incidentID {
            parts.append("incident-" + String(id.rawValue.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" }))
        }
        switch (filter.from, filter.to) {
        case let (from?, to?): parts.append("\(stamp(from, "yyyy-MM-dd"))-to-\(stamp(to, "yyyy-MM-dd"))")
        case let (from?, nil): parts.append("from-\(stamp(from, "yyyy-MM-dd"))")
        case let (nil, to?): parts.append("to-\(stamp(to, "yyyy-MM-dd"))")
        case (nil, nil): break
        }
        if parts.isEmpty { parts.append("all-records") }
        return (parts + ["exported", stamp(now, "yyyyMMdd-HHmmss")]).joined(separator: "-")
    }
}
