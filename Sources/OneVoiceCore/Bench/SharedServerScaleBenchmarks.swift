import Foundation

/// The synthetic agency moved onto a shared server and measured there beside its file, in the same run: the
/// copy onto the empty server database and a fresh machine's first open (INFO), then each figure on the file
/// and on the server with the ratio server/file. The fresh machine's working copy lives in `scratch` (its cache
/// folder, `XDG_CACHE_HOME` for the commands timed), never in the user's cache.
public struct SharedServerScaleBenchmarks {
    public let fileURL: URL
    /// The server's address as given (it may hold a password: commands get it in their environment, never in
    /// their arguments), and parsed.
    public let serverURL: String
    public let server: DatabaseLocation
    public let largeIncidentID: Int64
    public let shape: BenchShape
    /// The onevoice program whose commands are timed (the running one).
    public let executable: String
    public let scratch: URL

    public init(fileURL: URL, serverURL: String, largeIncidentID: Int64, shape: BenchShape, executable: String, scratch: URL) throws {
        self.fileURL = fileURL
        self.serverURL = serverURL
        self.server = try DatabaseLocation.parse(serverURL)
        self.largeIncidentID = largeIncidentID
        self.shape = shape
        self.executable = executable
        self.scratch = scratch
    }

    /// The fresh machine's cache folder, and its working copies of servers within it (as `XDGPaths` places them).
    public var cacheHome: URL { scratch.appendingPathComponent("cache") }
    public var copies: URL { cacheHome.appendingPathComponent("onevoice/servers") }

    /// Copies the file's log onto the empty server (what `db copy` writes, without its `archive verify` of both
    /// sides, which the verify figures measure), then opens the server from a fresh machine: its working copy
    /// takes in every entry, checking its hash, signature and signer. Returns the two times and that workspace.
    public func moveOntoServer(file: AppDatabase) throws -> (figures: [BenchFigure], workspace: Workspace) {
        guard case .server(let address) = server else { throw StoreError.invalid("The scale bench takes a postgres:// address.") }
        var entries: Int64 = 0
        let copySeconds = try Stopwatch.seconds { entries = try file.copyLogOntoServer(address) }
        var opened: AppDatabase?
        let openSeconds = try Stopwatch.seconds { opened = try AppDatabase.open(server, copies: copies) }
        guard let opened else { throw StoreError.invalid("The server could not be opened.") }
        let workspace = Workspace(database: opened, identity: nil)
        let head = try opened.read { try $0.logHead() }, fileHead = try file.read { try $0.logHead() }
        guard head?.hash == fileHead?.hash else {
            throw StoreError.invalid("The fresh machine's copy of \(server) does not end where \(fileURL.path) does.")
        }
        return ([
            BenchFigure(name: "server: copy of the agency onto it", value: copySeconds, unit: "s", goal: .none,
                        note: "\(entries) log entries and the search index in one transaction (db copy's writing, without its verify of both sides)"),
            BenchFigure(name: "server: first open on a fresh machine", value: openSeconds, unit: "s", goal: .none,
                        note: "an empty working copy takes in all \(entries) entries (hash, signature and signer of each checked) and makes their rows"),
        ], workspace)
    }

    /// Search and a scheduler tick, in process and as `archive search WORD` from exec to exit, on both.
    public func searchAndTick(file: Workspace, server onServer: Workspace) throws -> [BenchFigure] {
        let word = StartupBenchmarks.searchWord
        let fileTimer = try ProcessTimer.isolated(in: scratch.appendingPathComponent("file-commands"))
        let serverTimer = try ProcessTimer.isolated(in: scratch.appendingPathComponent("server-commands"), cache: cacheHome,
                                                    environment: ["ONEVOICE_DB": serverURL])
        func command(_ timer: ProcessTimer, _ arguments: [String]) throws -> Double {
            Stopwatch.median(try timer.samples(executable, ["archive", "search", word] + arguments, runs: 7)) * 1000
        }
        func inProcess(_ workspace: Workspace) throws -> Double {
            Stopwatch.median(try Stopwatch.samples(runs: 9) { _ = try workspace.search(query: word) }) * 1000
        }
        let fileCommand = try command(fileTimer, ["--db", fileURL.path])
        let serverCommand = try command(serverTimer, [])
        let hits = serverTimer.lastOutput().split(separator: "\n").count / 2
        let answeredBy = onServer.database.serverProblem.map { "the copy answered, as the server did not: \($0)" }
            ?? "the server answered (tsvector, GIN)"
        func core(_ workspace: Workspace) -> CoreBenchmarks {
            CoreBenchmarks(workspace: workspace, largeIncidentID: largeIncidentID, scratch: scratch, shape: shape)
        }
        let fileTick = try core(file).schedulerTick()
        let serverTick = try core(onServer).schedulerTick()
        return Self.sideBySide("archive search \(word) (exec to exit)", file: fileCommand, server: serverCommand, unit: "ms",
                               goal: .atMost(50), note: "\(hits) hits printed on the server; \(answeredBy); median of 7")
            + Self.sideBySide("search \(word) (in process, 50 newest)", file: try inProcess(file), server: try inProcess(onServer),
                              unit: "ms", goal: .atMost(50), note: "median of 9, after the look at the server's head each read makes")
            + Self.sideBySide("scheduler tick", file: fileTick.value, server: serverTick.value, unit: "ms", goal: .below(5),
                              note: serverTick.note ?? "")
    }

    /// A figure measured on the file and on the server: the two, each held to the target, and their ratio.
    public static func sideBySide(_ name: String, file: Double, server: Double, unit: String, goal: BenchFigure.Goal,
                                  note: String, fileNote: String? = nil) -> [BenchFigure] {
        let ratio = server / max(file, 1e-9)
        return [
            BenchFigure(name: "file: \(name)", value: file, unit: unit, goal: goal, note: fileNote),
            BenchFigure(name: "server: \(name)", value: server, unit: unit, goal: goal, note: note),
            BenchFigure(name: "ratio server/file: \(name)", value: ratio, unit: "x", goal: .none,
                        note: "\(BenchFigure.format(server)) / \(BenchFigure.format(file)) \(unit)"),
        ]
    }

    /// Figures the dashboard child measured on each side, paired by name (the headline ones).
    public static func sideBySide(file: [BenchFigure], server: [BenchFigure], names: [String]) -> [BenchFigure] {
        names.flatMap { name -> [BenchFigure] in
            guard let onFile = file.first(where: { $0.name == name }), let onServer = server.first(where: { $0.name == name }) else { return [] }
            let goal = Self.goal(of: onServer)
            return sideBySide(name, file: onFile.value, server: onServer.value, unit: onServer.unit, goal: goal,
                              note: onServer.note ?? "", fileNote: onFile.note)
        }
    }

    /// The goal a figure was held to, read back from its target text ("< 150 ms", "<= 16 ms").
    static func goal(of figure: BenchFigure) -> BenchFigure.Goal {
        let parts = figure.target.split(separator: " ")
        guard parts.count >= 2, let limit = Double(parts[1]) else { return .none }
        switch parts[0] {
        case "<": return .below(limit)
        case "<=": return .atMost(limit)
        case ">=": return .atLeast(limit)
        default: return .none
        }
    }
}
