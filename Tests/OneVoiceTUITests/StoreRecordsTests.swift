import Foundation
import OneVoiceCore
import Testing
import TestSupport
@testable import OneVoiceTUI

/// The records log's search, filter and export over a real database (the demo agency), through
/// `StoreDashboardSource`: the same answers as Core's `search`, `planExport` and `exportRecords`.
@Suite(.serialized) struct StoreRecordsTests {
    let directory: URL
    let workspace: Workspace
    let source: StoreDashboardSource
    let shooter: Incident

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-records-\(UUID().uuidString)")
        workspace = try DemoSeeder(directory: directory.appendingPathComponent("demo")).seed(now: Fixtures.now)
        source = StoreDashboardSource(workspace: workspace)
        shooter = try #require(try workspace.incidents().first { $0.kind == .activeShooter })
    }

    func program(width: Int = 120, height: Int = 40) -> DashboardProgram {
        DisplayWidth.ensureUTF8Locale()
        let program = DashboardProgram(source: source, width: width, height: height, theme: .fallback, colorEnabled: true,
                                       themes: ThemeLibrary(directory: nil), clock: { Fixtures.now })
        program.start(route: .log)
        return program
    }

    /// The log filter's incident picker reads the board's order and titles without the rows' alert checks.
    @Test func incidentChoicesAreTheBoardInOrder() throws {
        let board = try source.boardRows(from: nil, direction: .forward, limit: 200)
        let choices = try source.incidentChoices(limit: 200)
        #expect(board.count > 3)
        #expect(choices.map(\.id) == board.map(\.id))
        #expect(choices.map(\.title) == board.map(\.title))
        #expect(try source.incidentChoices(limit: 2).map(\.id) == Array(board.prefix(2)).map(\.id))
    }

    @Test func theLogSearchIsCoresSearchWindowByWindow() throws {
        let expected = try workspace.search(query: "mall", limit: 1000)
        #expect(expected.count > 10)
        let program = program(height: 24)
        RecordsUpdateTests.search("mall", in: program)
        var seen: [Int64] = []
        let hits = try #require(program.state.recordsSearch?.hits)
        #expect(hits.total == expected.count)
        seen.append(try #require(hits.selectedRow).position)
        for _ in 1..<expected.count {
            program.send(.key(.char("n")))
            seen.append(try #require(program.state.recordsSearch?.hits.selectedRow).position)
        }
        #expect(seen == expected.map(\.position), "n walks every hit, newest first")
        #expect(program.render().plainText().contains("match \(expected.count) of \(expected.count)"))
        // A revision opens its release.
        program.send(.key(.char("g")))
        let revision = try #require(expected.firstIndex { $0.type == .revision })
        for _ in 0..<revision { program.send(.key(.char("n"))) }
        let row = try #require(program.state.recordsSearch?.hits.selectedRow)
        #expect(row.kind == "revision" && row.releaseID != nil)
        program.send(.key(.enter))
        #expect(program.state.route == .release(row.releaseID!))
    }

    /// One demo for every query (seeding one takes a second or two).
    @Test func hostileQueriesNeitherCrashNorReachFTS() throws {
        let program = program()
        for query in ["\"", "-", "(", "NEAR(a b)", "'; DROP TABLE fact; --", "scope : i1", "🚓", "mall*", "\"unbalanced mall",
                      "AND OR NOT", "{body}: mall", "*", String(repeating: "(", count: 300)] {
            if program.state.recordsSearch != nil || program.state.prompt != nil {
                program.send(.key(.escape))  // clears the search before, or the prompt a refused query left open
            }
            #expect(program.state.route == .log)
            RecordsUpdateTests.search(query, in: program)
            if let search = program.state.recordsSearch {
                #expect(search.hits.loaded, "\(query)")
            } else {
                #expect(program.state.flash?.text == "The search needs at least one word or number to look for.", "\(query)")
            }
            #expect(program.state.flash?.text.hasPrefix("Could not read") != true, "\(query)")
        }
        #expect(try workspace.search(query: "mall").count > 0, "the index is intact")
    }

    @Test func anIncidentsSearchStaysInTheIncident() throws {
        let program = program()
        program.send(.key(.char(":")))
        RecordsUpdateTests.type("incident \(shooter.id)", into: program)
        program.send(.key(.enter))
        RecordsUpdateTests.search("exercise", in: program)
        let hits = try #require(program.state.incident?.search?.hits)
        #expect(hits.total == (try workspace.searchCount(query: "exercise", incidentID: shooter.id)))
        #expect(hits.total < (try workspace.searchCount(query: "exercise")), "the other incidents are exercises too")
        #expect(hits.rows.allSatisfy { $0.incidentID == "\(shooter.id)" })
    }

    @Test func theFilteredLogIsTheExportsLogSegmentAndTheExportIsItsPlan() throws {
        let zone = try workspace.agency().timeZone
        let day = LocalTime(timeZone: zone).format(Fixtures.now, "yyyy-MM-dd")
        let filter = LogFilter(incidentID: "\(shooter.id)", from: try RecordDate.start(day, timeZone: zone), fromText: day)
        let scope = ExportScope(incidentID: shooter.id, from: filter.from)
        let plan = try workspace.planExport(scope: scope)
        // The export logs itself as a disclosure before it writes: its plan holds that entry too.
        #expect(try source.logCount(filter) + 1 == plan.counts["logEntries"])
        let rows = try source.logRows(filter, from: nil, direction: .forward, limit: 1000)
        #expect(rows.count + 1 == plan.counts["logEntries"])
        #expect(rows.allSatisfy { $0.incidentID == "\(shooter.id)" && $0.at >= filter.from! })

        let preview = try source.exportPreview(filter, now: Fixtures.now)
        #expect(preview.fileCount == plan.files.count)
        #expect(preview.counts.first { $0.label == "log entries" }?.count == plan.counts["logEntries"])
        #expect(preview.fileGroups.map(\.files).reduce(0, +) == plan.files.count)
        #expect(preview.suggestedFolder == "~/onevoice-exports/incident-\(shooter.id)-from-\(day)-exported-20261122-140500")

        let out = directory.appendingPathComponent("request")
        let result = try source.export(filter, to: out.path)
        #expect(result.files == preview.fileCount)
        #expect(result.manifestPath == out.appendingPathComponent("manifest.json").path)
        #expect(try ExportChecker(directory: out).check().isIntact)
        // The same folder again is refused in one sentence, and nothing is written.
        #expect(throws: (any Error).self) { try source.export(filter, to: out.path) }
        do { _ = try source.export(filter, to: out.path) } catch {
            #expect(DashboardProgram.sentence(error) == "\(out.path) already exists; choose a new name for the export (nothing was written).")
        }
        do { _ = try source.export(filter, to: directory.appendingPathComponent("no/such/place").path) } catch {
            #expect(DashboardProgram.sentence(error).hasPrefix("The folder \(directory.appendingPathComponent("no/such").path) does not exist"))
        }
        do { _ = try source.exportPreview(LogFilter(incidentID: "INC-4"), now: Fixtures.now) } catch {
            #expect(DashboardProgram.sentence(error) == "There is no incident INC-4: incidents are numbered (pick one from the list).")
        }
    }


    /// A 64 KB disk fills up halfway through the export: one sentence in the dialog, the folder typed is
    /// kept, and nothing is left on the disk.
    @Test(.enabled(if: SmallDisk.canMount, "needs root and a tmpfs mount"))
    func aFullDiskIsOneSentenceInTheDialogAndLeavesNothing() throws {
        let disk = directory.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        try #require(SmallDisk.mount(size: "64k", at: disk))
        defer { SmallDisk.unmount(disk) }
        let out = disk.appendingPathComponent("request")
        let program = program()
        program.send(.key(.char("e")))
        program.settle()
        program.send(.key(.ctrl("u")))
        RecordsUpdateTests.type(out.path, into: program)
        program.send(.key(.enter))
        let dialog = try #require(program.state.dialog)
        guard case .export(let form) = dialog.form else { Issue.record("not the export"); return }
        #expect(form.filter == LogFilter())
        #expect(dialog.error == "Could not write \(out.path): no space left on device; nothing was changed.")
        #expect(dialog.fields[0].text == out.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).isEmpty, "no half-written export is left")
    }

    @Test func theExportDialogWritesAnExportThatChecksOut() throws {
        let program = program(width: 80, height: 24)
        program.send(.key(.char("e")))
        program.settle()
        let dialog = try #require(program.state.dialog)
        #expect(dialog.body.first?.text == "Scope: every record of the agency")
        // At 80x24 the list of files scrolls, down to its very last line.
        #expect(program.render().plainText().contains("more lines: ↓/↑ scrolls"))
        for _ in 0..<40 { program.send(.key(.down)) }
        let end = program.render().plainText()
        #expect(end.contains("(end)") && end.contains("manifest.json") && end.contains("README.txt"), "\(end)")
        program.send(.key(.ctrl("u")))
        let out = directory.appendingPathComponent("everything")
        RecordsUpdateTests.type(out.path, into: program)
        program.send(.key(.enter))
        #expect(program.state.dialog?.form == .notice, "\(program.state.dialog?.error ?? "")")
        #expect(program.state.flash?.text.hasPrefix("Exported ") == true)
        #expect(try ExportChecker(directory: out).check().isIntact)
    }
}
