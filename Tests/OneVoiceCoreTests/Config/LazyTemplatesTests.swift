import Foundation
import Synchronization
import Testing
@testable import OneVoiceCore

/// The settings read the templates at their first use instead of at start: the same library, read once.
@Suite("Templates read at first use")
struct LazyTemplatesTests {
    @Test func theSettingsGiveTheLibraryALoadAtStartWouldHaveGiven() throws {
        let folder = try AgencyConfigTests.Folder()
        defer { try? FileManager.default.removeItem(at: folder.base) }
        try folder.write("templates/parade.toml", """
            id = "parade"
            name = "Parade"
            kind = "community-event"
            holding = "Parade today."
            release = "Parade today."
            """)
        try folder.write("templates/broken.toml", "id = \"general\"\nname = \"Broken\n")
        let settings = try WorkspaceSettings.load(paths: folder.paths)
        let eager = TemplateLibrary.load(userDirectory: folder.paths.templatesDirectory)
        #expect(settings.templates.all.map(\.id) == eager.all.map(\.id))
        #expect(settings.templates.template(id: "parade")?.source == eager.template(id: "parade")?.source)
        #expect(settings.templates.problems.map(\.message) == eager.problems.map(\.message))
        #expect(!settings.templates.problems.isEmpty, "a broken file is still reported")
    }

    @Test func aLoadRunsOnceAndASetValueWins() {
        let loads = Mutex(0)
        let once = LoadOnce { loads.withLock { $0 += 1 }; return 7 }
        #expect(once.value == 7 && once.value == 7)
        #expect(loads.withLock { $0 } == 1)

        var settings = WorkspaceSettings.builtIn
        settings.templates = TemplateLibrary()
        #expect(settings.templates.all.isEmpty)
        #expect(!WorkspaceSettings.builtIn.templates.all.isEmpty, "a copy's change leaves the original as it was")
    }
}
