import Foundation
import Testing
@testable import OneVoiceTUI

/// The records log's search, filter and export dialog, and the incident view's search, through the real
/// loop (`DashboardProgram`) over the fixture source.
@Suite struct RecordsUpdateTests {
    static func type(_ text: String, into program: DashboardProgram) {
        for c in text { program.send(.key(.char(c))) }
    }

    static func search(_ text: String, in program: DashboardProgram) {
        program.send(.key(.char("/")))
        type(text, into: program)
        program.send(.key(.enter))
    }

    static func bottomLine(_ program: DashboardProgram) -> String {
        let screen = program.render()
        return screen.line(screen.height - 1)
    }

    @Test func searchListsHitsNewestFirstAndNMovesThroughThem() throws {
        let source = UpdateTests.bigSource(incidents: 20, log: 200)
        let program = UpdateTests.program(source)
        program.send(.key(.char("2")))
        Self.search("fact", in: program)
        let search = try #require(program.state.recordsSearch)
        #expect(search.request == SearchRequest(target: .records, query: "fact", filter: LogFilter()))
        let expected = source.log.filter { "\($0.actor) \($0.action) \($0.subject)".contains("fact") }
        #expect(search.hits.total == expected.count)
        #expect(search.hits.rows.map(\.position) == expected.prefix(program.state.listHeight).map(\.sequence), "newest first")
        #expect(Self.bottomLine(program) == "/fact: match 1 of \(expected.count) · n/N next/previous · Esc clears")
        #expect(program.state.keyContexts == [.search, .log])

        program.send(.key(.char("n")))
        program.send(.key(.char("n")))
        program.send(.key(.char("N")))
        #expect(program.state.recordsSearch?.hits.selected == 1)
        #expect(Self.bottomLine(program).contains("match 2 of \(expected.count)"))
        // Past the window: n scrolls the next match into view, reading one window at a time.
        for _ in 0..<40 { program.send(.key(.char("n"))) }
        let hits = try #require(program.state.recordsSearch?.hits)
        #expect(hits.firstIndex + hits.selected == 41)
        #expect(hits.selectedRow?.position == expected[41].sequence)
        #expect(hits.firstIndex > 0 && hits.selected < hits.rows.count)
        #expect(program.render().plainText().contains("42 of \(expected.count) matches"))
        #expect(source.maxLimitAsked <= 2 * program.state.listHeight, "only windows of hits are read")
        // G, then n at the last match says so.
        program.send(.key(.char("G")))
        program.send(.key(.char("n")))
        #expect(program.state.flash?.text == "That is the last (oldest) match: match \(expected.count) of \(expected.count).")
    }

    @Test func aNewRecordFromAnotherProcessJoinsTheHitsAndTheSelectionStays() throws {
        let source = Fixtures.source()
        let clock = TestClock()
        let program = UpdateTests.program(source, clock: clock)
        program.send(.key(.char("2")))
        Self.search("fact", in: program)
        program.send(.key(.char("n")))
        let before = try #require(program.state.recordsSearch?.hits)
        let selected = try #require(before.selectedRow)
        source.log.insert(LogRow(sequence: 61, at: Fixtures.now, actor: "jpark", action: "fact.add", subject: "fact F10",
                                 incidentID: "INC-0042"), at: 0)
        source.version += 1
        clock.now += 0.25
        program.tick()
        let after = try #require(program.state.recordsSearch?.hits)
        #expect(after.total == before.total + 1)
        #expect(after.selectedRow == selected, "the selection stays on its hit")
        #expect(after.firstIndex + after.selected == 2, "which is now the third match")
        #expect(Self.bottomLine(program).contains("match 3 of \(before.total + 1)"))
    }

    @Test func noMatchesSaysSoAndWhere() {
        let program = Fixtures.program()
        program.send(.key(.char("2")))
        Self.search("zebra", in: program)
        #expect(program.state.recordsSearch?.hits.loaded == true)
        #expect(Self.bottomLine(program) == "No matches for \"zebra\". Esc clears the search.")
        #expect(program.render().plainText().contains("No matches for \"zebra\""))
        program.send(.key(.char("n")))
        #expect(program.state.flash?.isError == true)
    }

    @Test func aQueryWithNothingToFindStaysInThePrompt() {
        let program = Fixtures.program()
        program.send(.key(.char("2")))
        Self.search("\"*()\"", in: program)
        #expect(program.state.recordsSearch == nil)
        #expect(program.state.prompt == Prompt(kind: .search, text: "\"*()\""), "nothing typed is lost")
        #expect(program.state.flash?.text == "The search needs at least one word or number to look for.")
    }

    @Test func escClearsTheSearchThenGoesBackAndNRunsItAgain() {
        let program = Fixtures.program()
        program.send(.key(.char("2")))
        Self.search("release", in: program)
        #expect(program.state.recordsSearch != nil)
        program.send(.key(.escape))
        #expect(program.state.recordsSearch == nil)
        #expect(program.state.route == .log)
        #expect(program.render().plainText().contains("Records log (newest first)"))
        program.send(.key(.char("n")))
        #expect(program.state.recordsSearch?.request.query == "release", "n after Esc runs the last search again")
        program.send(.key(.escape))
        program.send(.key(.escape))
        #expect(program.state.route == .board)
    }

    @Test func enterOnAHitOpensItsIncident() {
        let program = Fixtures.program()
        program.send(.key(.char("2")))
        Self.search("多車両事故", in: program)
        #expect(program.state.recordsSearch?.hits.rows.count == 1)
        program.send(.key(.enter))
        #expect(program.state.route == .incident("INC-0042"))
        program.send(.key(.escape))
        #expect(program.state.route == .log)
        #expect(program.state.recordsSearch?.request.query == "多車両事故", "the search is still there on the way back")
    }

    @Test func enterOnAHitOfTheOpenIncidentShowsIt() throws {
        let program = Fixtures.program()
        program.send(.key(.char(":")))
        Self.type("incident INC-0042", into: program)
        program.send(.key(.enter))
        Self.search("entry", in: program)
        let hit = try #require(program.state.incident?.search?.hits.selectedRow)
        #expect(hit.kind == "log")
        program.send(.key(.enter))
        #expect(program.state.route == .incident("INC-0042"), "still the same incident")
        #expect(program.state.incident?.search == nil, "Enter closes the search and shows the hit")
        #expect(program.state.incident?.tab == .log, "a log entry shows on the Log tab")
    }

    @Test func theIncidentViewSearchesWithinItsIncident() throws {
        let program = Fixtures.program()
        program.send(.key(.char(":")))
        Self.type("incident INC-0042", into: program)
        program.send(.key(.enter))
        #expect(program.state.route == .incident("INC-0042"))
        Self.search("entry", in: program)
        let search = try #require(program.state.incident?.search)
        #expect(search.request == SearchRequest(target: .incident("INC-0042"), query: "entry", filter: .incident("INC-0042")))
        #expect(!search.hits.rows.isEmpty)
        #expect(search.hits.rows.allSatisfy { $0.incidentID == "INC-0042" })
        #expect(program.state.keyContexts == [.search, .incident])
        let text = program.render().plainText()
        #expect(text.split(separator: "\n")[2].hasSuffix("Search \"entry\""), "the tab row names the search")
        program.send(.key(.char("n")))
        #expect(program.state.incident?.search?.hits.selected == 1)
        // Another tab ends the search.
        program.send(.key(.char("2")))
        #expect(program.state.incident?.search == nil)
        #expect(program.state.incident?.tab == .facts)
        // So does Esc, which then goes back as usual.
        Self.search("entry", in: program)
        program.send(.key(.escape))
        #expect(program.state.incident?.search == nil)
        #expect(program.state.route == .incident("INC-0042"))
    }

    @Test func matchesAreHighlightedInPlaceAfterWideCharacters() throws {
        for colorEnabled in [true, false] {
            let program = Fixtures.program(width: 120, height: 40, colorEnabled: colorEnabled)
            program.send(.key(.char("2")))
            Self.search("fact", in: program)
            program.send(.key(.char("j")))  // off the row, so the match style is not the selection's
            let screen = program.render()
            let theme = program.state.effectiveTheme
            let row = try #require((0..<screen.height).first { screen.line($0).contains("多車両事故 🚑 fact F9") })
            let cells = (0..<screen.width).map { screen[row, $0] }
            // After five CJK characters and an emoji (two cells each), "fact" sits exactly where it is drawn.
            let emoji = try #require(cells.indices.first { cells[$0].text == "🚑" })
            #expect(cells[emoji].width == 2 && cells[emoji + 1].isContinuation)
            #expect(cells[emoji + 3..<emoji + 7].map(\.text) == ["f", "a", "c", "t"])
            #expect(cells[emoji + 3..<emoji + 7].allSatisfy { $0.style == theme[.match] }, "the match after the wide characters is highlighted")
            #expect(cells[emoji].style != theme[.match] && cells[emoji + 2].style != theme[.match] && cells[emoji + 7].style != theme[.match])
            let cjk = try #require(cells.indices.first { cells[$0].text == "多" })
            #expect((cjk..<cjk + 10).allSatisfy { cells[$0].style != theme[.match] })
            // Both matches of the row ("fact.add" and "fact F9") and nothing else.
            #expect(cells.filter { $0.style == theme[.match] }.count == 8)
            if !colorEnabled {
                // Without colour the match still shows: reversed and underlined.
                #expect(theme[.match].attrs.isSuperset(of: [.reverse, .underline]) && theme[.match].fg == .default)
            }
            // On the selected row the match keeps its underline under the selection's colours.
            program.send(.key(.char("k")))
            let selected = program.render()
            #expect(selected[row, emoji + 3].style.attrs.contains(.underline))
            #expect(!selected[row, emoji].style.attrs.contains(.underline))
        }
    }

    @Test func theFilterDialogAppliesIncidentAndDatesAndKeepsTypingOnABadDate() throws {
        let program = Fixtures.program(width: 120, height: 40)
        program.send(.key(.char("2")))
        program.send(.key(.char("f")))
        var dialog = try #require(program.state.dialog)
        guard case .logFilter = dialog.form else { Issue.record("not the filter"); return }
        #expect(dialog.fields[0].values == Fixtures.incidents.sorted { $0.cursor < $1.cursor }.map(\.id.rawValue), "incidents to pick from")
        // Words of a title narrow the list; the only match is taken.
        Self.type("bus", into: program)
        #expect(program.state.dialog?.fields[0].matches.count == 1)
        #expect(program.state.dialog?.fields[0].comboValue == "INC-0043")
        program.send(.key(.ctrl("u")))
        Self.type("INC-0042", into: program)
        program.send(.key(.enter))
        Self.type("2026-11-32", into: program)
        program.send(.key(.enter))
        program.send(.key(.enter))
        dialog = try #require(program.state.dialog)
        #expect(dialog.error == "From: \"2026-11-32\" is not a date (YYYY-MM-DD, or a time as below).")
        #expect(dialog.focus == 1)
        #expect(dialog.fields.map(\.text) == ["INC-0042", "2026-11-32", ""], "nothing typed is lost")
        program.send(.key(.backspace))
        program.send(.key(.backspace))
        Self.type("22", into: program)
        program.send(.key(.enter))
        Self.type("2026-11-22 13:00", into: program)
        program.send(.key(.enter))
        #expect(program.state.dialog == nil)
        let filter = program.state.logFilter
        #expect(filter.incidentID == "INC-0042" && filter.fromText == "2026-11-22" && filter.toText == "2026-11-22 13:00")
        let until = try #require(filter.to)
        #expect(program.state.log.rows.allSatisfy { $0.incidentID == "INC-0042" && $0.at <= until })
        #expect(program.state.log.total == Fixtures.logEntries().filter { $0.incidentID == "INC-0042" && $0.at <= until }.count)
        let title = program.render().line(1)
        #expect(title.contains("filter: incident INC-0042, from 2026-11-22 to 2026-11-22 13:00"), "\(title)")
        // A search now runs within the filter; F drops the filter and the search follows.
        Self.search("entry", in: program)
        #expect(program.state.recordsSearch?.request.filter == filter)
        #expect(program.state.recordsSearch?.hits.rows.allSatisfy { $0.incidentID == "INC-0042" } == true)
        program.send(.key(.char("F")))
        #expect(program.state.logFilter == LogFilter())
        #expect(program.state.recordsSearch?.request.filter == LogFilter())
        #expect(program.state.log.total == 60)
    }

    @Test func theFilterRefusesAnIncidentThatDoesNotExistAndAFromAfterTo() {
        let program = Fixtures.program()
        program.send(.key(.char("2")))
        program.send(.key(.char("f")))
        Self.type("INC-9999", into: program)
        program.send(.key(.enter))
        program.send(.key(.enter))
        program.send(.key(.enter))
        #expect(program.state.dialog?.error?.hasPrefix("There is no incident INC-9999") == true)
        #expect(program.state.logFilter == LogFilter())
        program.send(.key(.backTab))
        program.send(.key(.backTab))
        program.send(.key(.ctrl("u")))
        program.send(.key(.enter))
        Self.type("2026-11-22", into: program)
        program.send(.key(.enter))
        Self.type("2026-11-21", into: program)
        program.send(.key(.enter))
        #expect(program.state.dialog?.error == "The From date is after the To date; swap them.")
        // Esc cancels: nothing changes.
        program.send(.key(.escape))
        #expect(program.state.dialog == nil && program.state.logFilter == LogFilter())
    }

    /// The export's plan is counted off the program's thread: the key answers at once with a note, the dialog
    /// opens when the count comes in, and a count that comes in after the person moved on opens nothing.
    @Test func theExportPlanIsCountedOffTheKeysTime() throws {
        let program = Fixtures.program(width: 120, height: 40, source: Fixtures.source(signedIn: false))
        program.send(.key(.char("2")))
        program.send(.key(.char("e")))
        #expect(program.state.flash?.text == "Counting what the export will hold…")
        #expect(program.state.flash?.isError == false)
        program.settle()
        #expect(program.state.dialog != nil)
        #expect(program.state.flash == nil, "the note goes when the dialog comes")
        program.send(.key(.escape))

        program.send(.key(.char("e")))
        program.send(.key(.char("1")))  // back to the board before the count comes in
        program.settle()
        #expect(program.state.route == .board)
        #expect(program.state.dialog == nil)
    }

    @Test func theExportDialogShowsWhatWillBeWrittenThenWritesIt() throws {
        let source = Fixtures.source(signedIn: false)  // exporting needs no key, as with the CLI
        let program = Fixtures.program(width: 120, height: 40, source: source)
        program.send(.key(.char("2")))
        program.send(.key(.char("e")))
        program.settle()
        let dialog = try #require(program.state.dialog)
        guard case .export(let form) = dialog.form else { Issue.record("not the export"); return }
        #expect(form.filter == LogFilter())
        let body = dialog.body.map(\.text)
        #expect(body.contains("Scope: every record of the agency"))
        #expect(body.contains { $0.contains("4 releases · 9 revisions · 4 posts · 7 facts · 0 rumors · 60 log entries · 3 attestations") })
        #expect(body.contains("Writes 27 files:"))
        #expect(body.contains { $0.contains("log.jsonl") && $0.contains("60 log entries with their chain hashes") })
        #expect(body.contains { $0.contains("readable/releases/") && $0.contains("18") })
        #expect(dialog.fields.map(\.text) == ["~/onevoice-exports/all-records-20261122-140500"])
        let shown = program.render().plainText()
        #expect(shown.contains("Export for a records request") && shown.contains("manifest.json"))
        program.send(.key(.enter))
        #expect(source.exportedTo == ["~/onevoice-exports/all-records-20261122-140500"])
        let notice = try #require(program.state.dialog)
        #expect(notice.form == .notice)
        #expect(notice.body.map(\.text).contains("Wrote 27 files to ~/onevoice-exports/all-records-20261122-140500"))
        #expect(notice.body.map(\.text).contains("Manifest: ~/onevoice-exports/all-records-20261122-140500/manifest.json"))
        #expect(program.state.flash?.text == "Exported 27 files to ~/onevoice-exports/all-records-20261122-140500.")
        program.send(.key(.enter))
        #expect(program.state.dialog == nil)
    }

    @Test func anExportThatFailsKeepsTheDialogAndTheFolderTyped() throws {
        let source = Fixtures.source()
        let program = Fixtures.program(source: source)
        program.send(.key(.char("2")))
        program.send(.key(.char("f")))
        Self.type("INC-0043", into: program)
        for _ in 0..<3 { program.send(.key(.enter)) }
        program.send(.key(.char("e")))
        program.settle()
        guard case .export(let form) = program.state.dialog?.form else { Issue.record("not the export"); return }
        #expect(form.filter == program.state.logFilter)
        #expect(program.state.dialog?.body.first?.text == "Scope: incident INC-0043")
        program.send(.key(.ctrl("u")))
        Self.type("/tmp/exists", into: program)
        program.send(.key(.enter))
        let dialog = try #require(program.state.dialog)
        #expect(dialog.error == "/tmp/exists already exists; choose a new name for the export (nothing was written).")
        #expect(dialog.fields[0].text == "/tmp/exists")
        #expect(source.exportedTo.isEmpty)
        // The long body scrolls with ↓ while the folder is being typed.
        program.send(.key(.down))
        #expect(program.state.dialog?.scroll == 1)
        program.send(.key(.escape))
        #expect(program.state.dialog == nil)
    }

    @Test func aTinyTerminalWithTheDialogOpenShowsTheTooSmallMessage() throws {
        let program = Fixtures.program()
        program.send(.key(.char("2")))
        program.send(.key(.char("e")))
        program.settle()
        #expect(program.state.dialog != nil)
        program.send(.resize(width: 40, height: 10))
        let small = program.render().plainText()
        #expect(small.contains("needs 80x24, has 40x10"))
        #expect(small.split(separator: "\n", omittingEmptySubsequences: false).dropLast().allSatisfy { DisplayWidth.of($0) <= 40 })
        Self.type("abc", into: program)  // kept while too small, typed once the window is big enough
        #expect(program.state.dialog?.fields.first?.text == "~/onevoice-exports/all-records-20261122-140500", "nothing is typed blind")
        program.send(.resize(width: 80, height: 24))
        #expect(program.state.dialog?.fields.first?.text == "~/onevoice-exports/all-records-20261122-140500abc", "the keys are not lost")
        #expect(program.render().plainText().contains("Export for a records request"))
        // Down to one row and column and back, nothing breaks.
        for (w, h) in [(1, 1), (0, 0), (79, 23), (80, 24)] {
            program.send(.resize(width: w, height: h))
            _ = program.render().plainText()
        }
        #expect(program.state.dialog != nil)
    }
}
