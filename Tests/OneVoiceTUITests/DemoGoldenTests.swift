import Foundation
import OneVoiceCore
import Testing
@testable import OneVoiceTUI

/// Golden screens rendered from the real data source (StoreDashboardSource over Workspace) on the seeded demo,
/// at a fixed moment: what a user of `onevoice --demo` sees, end to end through Core's read models.
@Suite(.serialized) struct DemoGoldenTests {
    static let now = Date(timeIntervalSince1970: 1_795_400_000)  // 2026-11-22, a fixed moment

    static func source() throws -> (StoreDashboardSource, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-demo-golden-\(UUID().uuidString)")
        let seeded = try DemoSeeder(directory: directory).seed(now: now)
        let workspace = Workspace(database: seeded.database, clock: ManualClock(now), identity: seeded.identity, settings: .builtIn)
        return (StoreDashboardSource(workspace: workspace), directory)
    }

    @Test func demoScreensMatchTheirGoldens() throws {
        let (source, directory) = try Self.source()
        defer { try? FileManager.default.removeItem(at: directory) }
        let incidents = try source.workspace.incidents()
        let shooter = try #require(incidents.first { $0.kind == .activeShooter })
        let ois = try #require(incidents.first { $0.kind == .officerInvolvedShooting })
        let draft = try #require(try source.workspace.releases(incidentID: ois.id).last)
        let views: [(String, SnapshotView)] = [
            ("demo-board", .board),
            ("demo-log", .log),
            ("demo-schedule", .schedule),
            ("demo-incident-facts", .incident("\(shooter.id)", tab: .facts)),
            ("demo-incident-posts", .incident("\(shooter.id)", tab: .posts)),
            ("demo-release", .release("\(draft.id)")),
        ]
        for (name, view) in views {
            let text = SnapshotRenderer.render(view: view, source: source, width: 120, height: 40, now: Self.now)
            Golden.check(text, name: "\(name)-120x40", width: 120, height: 40)
        }
    }
}
