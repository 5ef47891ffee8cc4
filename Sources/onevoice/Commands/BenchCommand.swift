import ArgumentParser
import Foundation
import OneVoiceCore

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure OneVoice on a synthetic agency against its performance targets.",
        discussion: """
            Builds a synthetic agency in a scratch folder (large: 10,000 incidents, 100,000 facts, 30,000 releases, \
            150,000 posts and 1,000,000 log entries; small: a tenth), then measures, each as the median of repeated runs: \
            whole commands from exec to exit beside their floor (`onevoice --version`) and reference (the `sqlite3` \
            shell running the same search), opening the database plus the first dashboard frame, a key press to the \
            updated frame (each key's p99), full-text search, \
            `archive verify` beside raw SHA-256, a scheduler tick, X counting, a records export of one large incident, \
            and the dashboard's peak memory (measured in a separate process). Progress goes to stderr.
            """
    )

    @Option(help: "small (a tenth, about half a minute) or large (the size the targets are set for).")
    var scale: BenchScale = .large

    @Flag(help: "Print one JSON array of {name, value, unit, target, status, note} instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("Build in this folder and keep it; a synthetic database already there (same scale) is reused.",
                               valueName: "path"))
    var folder: String?

    @Option(help: ArgumentHelp("Measure only these parts (repeatable): startup, dashboard, search, tick, x, export, verify, or chain (the hash chain and raw SHA-256 alone, for profiling); with --server, dashboard, search, tick or writers (the 8 machines alone).",
                               valueName: "part"))
    var only: [BenchPart] = []

    @Option(help: ArgumentHelp("Measure a shared server instead, beside a file: an empty postgres:// database, onto which the bench copies its synthetic agency (of --scale, kept in --folder) and measures the dashboard, search and a scheduler tick on both; and 8 machines changing a record at once, in a database the bench makes beside it and drops.",
                               valueName: "url"))
    var server: String?

    @Option(help: .hidden) var dashboardChild: String?
    @Option(help: .hidden) var dashboardCopies: String?

    enum BenchPart: String, ExpressibleByArgument, CaseIterable {
        case startup, dashboard, search, tick, x, export, verify, chain, writers
    }

    private func measures(_ part: BenchPart) -> Bool {
        only.isEmpty ? part != .chain : only.contains(part)
    }

    func validate() throws {
        if server == nil, only.contains(.writers) {
            throw ValidationError("--only writers measures machines sharing a server: give --server too.")
        }
    }

    func run() throws {
        if let given = dashboardChild {
            // "-": the server's address is in ONEVOICE_DB, out of the process list (it may hold a password).
            let location = try DatabaseLocation.parse(given == "-" ? ProcessInfo.processInfo.environment["ONEVOICE_DB"] ?? "" : given)
            let copies = URL(fileURLWithPath: dashboardCopies ?? FileManager.default.temporaryDirectory.path)
            Output.json(try DashboardBenchmark(location: location, copies: copies).run())
            return
        }
        let shape = scale.shape
        let keep = folder != nil
        let root = folder.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-bench-\(UUID().uuidString.prefix(8))")
        defer { if !keep { try? FileManager.default.removeItem(at: root) } }
        if let server, case .file = try DatabaseLocation.parse(server) {
            throw ValidationError("--server takes a postgres:// address; nothing was measured.")
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let databaseURL = root.appendingPathComponent("bench.sqlite")
        let (workspace, largeID) = try prepare(shape: shape, root: root, databaseURL: databaseURL)
        if let server {
            try runServer(server, file: workspace, databaseURL: databaseURL, largeID: largeID, root: root)
            return
        }

        var figures: [BenchFigure] = []
        if measures(.startup) {
            progress("Measuring whole commands, exec to exit, beside --version and the sqlite3 shell...")
            let scratch = root.appendingPathComponent("startup")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let startup = StartupBenchmarks(executable: Self.executablePath, databaseURL: databaseURL, scratch: scratch)
            if ProcessTimer.which("sqlite3") == nil { progress("INFO: no sqlite3 shell on PATH; archive search is shown without its reference.") }
            figures += try startup.figures()
        }
        if measures(.dashboard) {
            progress("Measuring the dashboard in a separate process (open + first frame, key presses, memory)...")
            figures += try measureDashboard(location: databaseURL.path)
        }
        let scratch = root.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let core = CoreBenchmarks(workspace: workspace, largeIncidentID: largeID, scratch: scratch, shape: shape)
        if measures(.search) {
            progress("Measuring search...")
            figures.append(try core.search())
        }
        if measures(.tick) {
            progress("Measuring a scheduler tick...")
            figures.append(try core.schedulerTick())
        }
        if measures(.x) {
            progress("Measuring X counting...")
            figures.append(CoreBenchmarks.xCount())
        }
        if measures(.export) {
            progress("Measuring a records export of incident #\(largeID)...")
            figures.append(try core.export(runs: 3))
        }
        if measures(.verify) || measures(.chain) {
            progress("Measuring archive verify and raw SHA-256...")
            figures += try core.verify(runs: 3, chainOnly: !measures(.verify))
        }

        report(figures, met: "Every target met (\(scale.rawValue) scale).")
    }

    /// The figures as JSON or a table, with what missed.
    private func report(_ figures: [BenchFigure], met: String) {
        if json {
            Output.json(figures)
        } else {
            print(BenchFigure.table(figures), terminator: "")
            let missed = figures.filter { $0.status == .miss }.map(\.name)
            print(missed.isEmpty ? met : "Missed: \(missed.joined(separator: ", ")) (\(scale.rawValue) scale).")
        }
    }

    /// The shared server beside the file: the synthetic agency copied onto it and measured on both, side by side;
    /// then 8 machines changing a record at once, in a database of the bench's own beside the given one.
    private func runServer(_ url: String, file: Workspace, databaseURL: URL, largeID: Int64, root: URL) throws {
        let scratch = root.appendingPathComponent("server-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let bench = try SharedServerScaleBenchmarks(fileURL: databaseURL, serverURL: url, largeIncidentID: largeID, shape: scale.shape,
                                                    executable: Self.executablePath, scratch: scratch)
        guard case .server(let address) = bench.server else { return }
        var figures: [BenchFigure] = []
        if measures(.dashboard) || measures(.search) || measures(.tick) {
            progress("Copying the \(scale.rawValue) synthetic agency onto \(address), then opening it from a fresh machine...")
            let (moved, onServer) = try bench.moveOntoServer(file: file.database)
            figures = moved
            progress("Copied in \(BenchFigure.format(figures[0].value)) s; first open \(BenchFigure.format(figures[1].value)) s.")
            if measures(.dashboard) {
                progress("Measuring the dashboard on the file, then on the server...")
                let onFile = try measureDashboard(location: databaseURL.path)
                let served = try measureDashboard(location: "-", copies: bench.copies, server: url)
                figures += SharedServerScaleBenchmarks.sideBySide(file: onFile, server: served, names: [
                    "open + first frame", "key press to frame (median)", "key press to frame (p99)", "dashboard peak memory",
                ])
            }
            if measures(.search) || measures(.tick) {
                progress("Measuring archive search and a scheduler tick on both...")
                figures += try bench.searchAndTick(file: file, server: onServer)
            }
        }
        guard measures(.writers) else {
            report(figures, met: "Every target met (\(scale.rawValue) scale, file and server).")
            return
        }
        progress("Measuring 8 machines changing a record at once (a file, and a database made beside \(address.database))...")
        do {
            let writers = try ScratchServerDatabase.create(beside: address)
            defer { writers.drop() }
            figures += try SharedServerBenchmarks(server: writers.location, scratch: scratch.appendingPathComponent("writers")).figures()
        } catch {
            figures.append(BenchFigure(name: "server: 8 writers at once", value: 0, unit: "ms", goal: .none, target: "not measured",
                                       note: "\(error)"))
        }
        report(figures, met: "Every target met (\(scale.rawValue) scale, file and server).")
    }

    /// Builds the synthetic agency, or reuses one a kept folder already holds.
    private func prepare(shape: BenchShape, root: URL, databaseURL: URL) throws -> (Workspace, Int64) {
        let markerURL = root.appendingPathComponent("bench.json")
        if let data = try? Data(contentsOf: markerURL), let marker = try? JSONDecoder().decode(Marker.self, from: data),
           marker.scale == scale.rawValue, FileManager.default.fileExists(atPath: databaseURL.path) {
            progress("Reusing the \(scale.rawValue) synthetic agency in \(root.path).")
            return (Workspace(database: try AppDatabase.open(at: databaseURL), identity: nil), marker.largeIncidentID)
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databaseURL.path + suffix) }
        try? FileManager.default.removeItem(at: markerURL)
        progress("Building a \(scale.rawValue) synthetic agency in \(root.path) (\(shape.incidents) incidents, \(shape.logEntries) log entries)...")
        let built = try SyntheticAgency(shape: shape, now: Date()).build(at: databaseURL) { progress($0) }
        try built.workspace.database.checkpoint()
        let counts = built.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        progress("Built in \(BenchFigure.format(built.seconds)) s: \(counts).")
        try JSONEncoder().encode(Marker(scale: scale.rawValue, largeIncidentID: built.largeIncidentID)).write(to: markerURL)
        return (built.workspace.acting(as: nil), built.largeIncidentID)
    }

    private struct Marker: Codable {
        let scale: String
        let largeIncidentID: Int64
    }

    /// Runs this same program as `bench --dashboard-child DB` so its peak memory is the dashboard's alone. A server
    /// (`location` "-") goes in the child's environment, opened through the working copy in `copies`.
    private func measureDashboard(location: String, copies: URL? = nil, server: String? = nil) throws -> [BenchFigure] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executablePath)
        process.arguments = ["bench", "--dashboard-child", location] + (copies.map { ["--dashboard-copies", $0.path] } ?? [])
        if let server { process.environment = ProcessInfo.processInfo.environment.merging(["ONEVOICE_DB": server]) { $1 } }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("The dashboard measurement stopped with status \(process.terminationStatus).")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([BenchFigure].self, from: data)
    }

    /// This very program (the bench times and runs itself, never another build).
    static var executablePath: String {
        let linked = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        if linked != "/proc/self/exe" { return linked }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    private func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension BenchScale: ExpressibleByArgument {}
