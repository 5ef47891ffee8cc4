import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Template library")
struct TemplateLibraryTests {
    func makeDirectory(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func userFilesOverrideByIdAndAdd() throws {
        let directory = try makeDirectory([
            "road.toml": """
                id = "road-closure"
                name = "Our road closure"
                kind = "road-closure"
                holding = "{{fact:closed-roads}} is closed. Updates will be posted."
                release = "{{fact:closed-roads}} is closed. Updates will be posted."
                """,
            "parade.toml": """
                id = "parade"
                name = "Parade"
                kind = "community-event"
                holding = "Parade today."
                release = "Parade today."
                """,
            "notes.txt": "not a template",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let library = TemplateLibrary.load(userDirectory: directory)
        #expect(library.problems.isEmpty)
        #expect(library.template(id: "road-closure")?.name == "Our road closure")
        #expect(library.template(id: "road-closure")?.source == directory.appendingPathComponent("road.toml").path)
        #expect(library.template(id: "parade")?.kind == .communityEvent)
        #expect(library.template(for: .officerInvolvedShooting)?.source == "builtin:officer-involved-shooting.toml")
        #expect(library.all.count == IncidentKind.allCases.count + 1)
    }

    @Test func aBrokenUserFileIsCollectedAndTheRestKept() throws {
        let directory = try makeDirectory([
            "a-broken.toml": "id = \"general\"\nname = \"Broken\nkind = \"general\"\n",
            "b-slot.toml": """
                id = "evacuation"
                name = "Evac"
                kind = "evacuation"
                holding = "Leave {{now}}."
                release = "Leave."
                """,
            "c-good.toml": """
                id = "drill"
                name = "Drill"
                kind = "general"
                holding = "This is a drill."
                release = "This is a drill."
                """,
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let library = TemplateLibrary.load(userDirectory: directory)
        #expect(library.problems.count == 2, "\(library.problems)")
        #expect(library.problems.contains { $0.kind == .badTOML && $0.file.hasSuffix("a-broken.toml") && $0.line == 2 })
        #expect(library.problems.contains { $0.kind == .unknownSlot && $0.file.hasSuffix("b-slot.toml") && $0.line == 4 && $0.column == 18 })
        // The broken overrides leave the built-ins in place.
        #expect(library.template(id: "general")?.source == "builtin:general.toml")
        #expect(library.template(id: "evacuation")?.source == "builtin:evacuation.toml")
        #expect(library.template(id: "drill") != nil)
    }

    @Test func aMissingUserDirectoryIsFine() {
        let library = TemplateLibrary.load(userDirectory: URL(fileURLWithPath: "/nonexistent/onevoice/templates"))
        #expect(library.problems.isEmpty)
        #expect(library.all.count == IncidentKind.allCases.count)
    }

    @Test func defaultUserDirectoryFollowsXDG() {
        #expect(TemplateLibrary.defaultUserDirectory(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/p"])?.path
            == "/cfg/onevoice/templates")
        #expect(TemplateLibrary.defaultUserDirectory(environment: ["HOME": "/home/p"])?.path
            == "/home/p/.config/onevoice/templates")
        #expect(TemplateLibrary.defaultUserDirectory(environment: [:]) == nil)
    }
}
