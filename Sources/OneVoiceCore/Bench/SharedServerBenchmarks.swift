import Foundation
import Synchronization

/// The shared server measured beside a database file in the same run: several machines changing the record at
/// once (each with its own working copy and connection, as several PIOs' laptops would be), and a search. The
/// server's database must be empty: the bench makes its own agency there.
public struct SharedServerBenchmarks: Sendable {
    public let server: DatabaseLocation
    public let scratch: URL
    public let writers: Int
    public let writesEach: Int

    public init(server: DatabaseLocation, scratch: URL, writers: Int = 8, writesEach: Int = 40) {
        self.server = server
        self.scratch = scratch
        self.writers = writers
        self.writesEach = writesEach
    }

    public func figures() throws -> [BenchFigure] {
        let key = IdentityKey()
        let file = DatabaseLocation.file(scratch.appendingPathComponent("file.sqlite"))
        let onFile = try concurrentWrites(at: file, key: key, label: "file")
        let onServer = try concurrentWrites(at: server, key: key, label: "server")
        let p99File = Stopwatch.percentile(onFile.latencies, 99) * 1000
        let p99Server = Stopwatch.percentile(onServer.latencies, 99) * 1000
        var figures = [
            BenchFigure(name: "server: \(writers) writers at once, p99 of a change", value: p99Server, unit: "ms", goal: .atMost(50),
                        note: "\(writers) x \(writesEach) incidents opened, each machine with its own copy and connection; median \(BenchFigure.format(Stopwatch.median(onServer.latencies) * 1000)) ms; a file: p99 \(BenchFigure.format(p99File)) ms (ratio \(BenchFigure.format(p99Server / max(p99File, 0.001))))"),
            BenchFigure(name: "server: errors among those changes", value: Double(onServer.errors), unit: "errors", goal: .atMost(0),
                        note: onServer.firstError ?? "every change made once"),
        ]
        // Search: on the server, PostgreSQL's search table answers (tsvector under GIN), after the look at the
        // server's head every read makes; the copy answers only when the server does not (said in the note).
        let fileSearch = try searchMedian(onFile.workspace)
        let serverSearch = try searchMedian(onServer.workspace)
        let answeredBy = onServer.workspace.database.serverProblem.map { "the copy answered, as the server did not: \($0)" }
            ?? "answered by PostgreSQL (tsvector, GIN)"
        figures.append(BenchFigure(name: "server: search (50 newest hits)", value: serverSearch, unit: "ms", goal: .atMost(50),
                                   note: "\(answeredBy); a file: \(BenchFigure.format(fileSearch)) ms (ratio \(BenchFigure.format(serverSearch / max(fileSearch, 0.001)))); \(writers * writesEach) incidents"))
        return figures
    }

    private struct Outcome {
        var latencies: [Double]
        var errors: Int
        var firstError: String?
        var workspace: Workspace
    }

    private func concurrentWrites(at location: DatabaseLocation, key: IdentityKey, label: String) throws -> Outcome {
        let copies = scratch.appendingPathComponent("copies-\(label)")
        let founding = try Workspace.initialize(location, copies: copies, agencyName: "Bench JIC", timeZoneIdentifier: "UTC",
                                                mode: .exercise, handle: "bench", displayName: "Bench", key: key,
                                                anchors: AnchorStore(directory: scratch.appendingPathComponent("anchors-\(label)")))
        let machines = try (0..<writers).map { n in
            Workspace(database: try AppDatabase.open(location, copies: copies.appendingPathComponent("machine-\(n)")), identity: key)
        }
        let results = Mutex<(latencies: [Double], errors: Int, first: String?)>(([], 0, nil))
        let group = DispatchGroup()
        for (n, machine) in machines.enumerated() {
            let thread = Thread {
                for i in 0..<writesEach {
                    let start = DispatchTime.now().uptimeNanoseconds
                    do {
                        _ = try machine.openIncident(title: "Road closure \(n)-\(i) on Main Street", kind: .roadClosure, location: "Main Street")
                        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                        results.withLock { $0.latencies.append(seconds) }
                    } catch {
                        results.withLock { state in
                            state.errors += 1
                            if state.first == nil { state.first = "\(error)" }
                        }
                    }
                }
                group.leave()
            }
            group.enter()
            thread.start()
        }
        group.wait()
        let outcome = results.withLock { $0 }
        return Outcome(latencies: outcome.latencies, errors: outcome.errors, firstError: outcome.first, workspace: founding)
    }

    private func searchMedian(_ workspace: Workspace) throws -> Double {
        let samples = try Stopwatch.samples(runs: 9) { _ = try workspace.search(query: "road closure") }
        return Stopwatch.median(samples) * 1000
    }
}
