import Foundation

/// Whole commands as a user waits for them, side by side in one run: `onevoice --version` (the floor of
/// any Swift program here), the board printed by `snapshot`, `incident list`, and `archive search` of a
/// common word beside the `sqlite3` shell running the same full-text query (the reference).
public struct StartupBenchmarks {
    /// The onevoice program to time (the running one).
    public let executable: String
    public let databaseURL: URL
    /// A scratch folder: empty configuration, state and data folders, so no user's settings change the figures.
    public let scratch: URL
    public let runs: Int

    /// A word the synthetic text uses often (hospital names, facts, releases).
    public static let searchWord = "hospital"

    public init(executable: String, databaseURL: URL, scratch: URL, runs: Int = 7) {
        self.executable = executable
        self.databaseURL = databaseURL
        self.scratch = scratch
        self.runs = runs
    }

    public func figures(sqlite3: String? = ProcessTimer.which("sqlite3")) throws -> [BenchFigure] {
        let timer = try makeTimer()
        let db = ["--db", databaseURL.path]
        // The reference runs through the same timer, with the shell as the program.
        func median(_ arguments: [String], program: String? = nil) throws -> (Double, [Double]) {
            let samples = try timer.samples(program ?? executable, arguments, runs: runs)
            return (Stopwatch.median(samples) * 1000, samples)
        }
        func spread(_ samples: [Double]) -> String {
            "median of \(runs), min \(BenchFigure.format((samples.min() ?? 0) * 1000)) ms, max \(BenchFigure.format((samples.max() ?? 0) * 1000)) ms"
        }
        func times(_ value: Double, _ base: Double) -> String { "\(BenchFigure.format(value / base))x" }

        let (floor, floorSamples) = try median(["--version"])
        var figures = [BenchFigure(name: "process: --version (floor)", value: floor, unit: "ms", goal: .none,
                                   note: "onevoice --version, exec to exit: a Swift program that loads its libraries and does nothing; \(spread(floorSamples))")]

        let (board, boardSamples) = try median(["snapshot", "--view", "board"] + db)
        guard timer.lastOutput().contains("Riverton") else {
            throw ProcessTimer.Failure(description: "The printed board does not show the agency:\n\(timer.lastOutput())")
        }
        figures.append(BenchFigure(name: "process: snapshot --view board", value: board, unit: "ms", goal: .atMost(50),
                                   note: "exec to printed 120x40 board, \(times(board, floor)) the floor; \(spread(boardSamples))"))

        let (list, listSamples) = try median(["incident", "list"] + db)
        let listed = timer.lastOutput().split(separator: "\n").count - 1
        figures.append(BenchFigure(name: "process: incident list", value: list, unit: "ms", goal: .atMost(50),
                                   note: "\(listed) incidents printed, \(times(list, floor)) the floor; \(spread(listSamples))"))

        let (search, searchSamples) = try median(["archive", "search", Self.searchWord] + db)
        let hits = timer.lastOutput().split(separator: "\n").count / 2
        guard let sqlite3 else {
            figures.append(BenchFigure(name: "process: archive search \(Self.searchWord)", value: search, unit: "ms", goal: .none,
                                       target: "INFO (no sqlite3 shell to compare with)",
                                       note: "\(hits) hits, \(times(search, floor)) the floor; \(spread(searchSamples))"))
            return figures
        }
        let (reference, referenceSamples) = try median(["-readonly", databaseURL.path, try Self.referenceQuery()], program: sqlite3)
        figures.append(BenchFigure(name: "reference: sqlite3 shell, same FTS query", value: reference, unit: "ms", goal: .none,
                                   note: "\(sqlite3) -readonly DB, the SELECT archive search runs for \"\(Self.searchWord)\" (50 newest, snippets); \(spread(referenceSamples))"))
        figures.append(BenchFigure(name: "process: archive search \(Self.searchWord)", value: search, unit: "ms", goal: .atMost(1.5 * reference),
                                   target: "<= \(BenchFigure.format(1.5 * reference)) ms (1.5 x sqlite3)",
                                   note: "\(hits) hits printed, \(times(search, reference)) the sqlite3 shell, \(times(search, floor)) the floor; \(spread(searchSamples))"))
        return figures
    }

    /// The query `archive search` runs for `searchWord`, as SQL the shell can run on its own.
    static func referenceQuery() throws -> String {
        let expression = try SearchQuery(searchWord).expression.replacingOccurrences(of: "'", with: "''")
        return """
            SELECT rowid, type, itemID, incidentID, time, label, snippet(searchIndex, 6, char(2), char(3), '…', 16)
            FROM searchIndex WHERE searchIndex MATCH '\(expression)'
            AND rowid BETWEEN -9223372036854775808 AND 9223372036854775807 ORDER BY rowid DESC LIMIT 50;
            """
    }

    private func makeTimer() throws -> ProcessTimer {
        try ProcessTimer.isolated(in: scratch)
    }
}
