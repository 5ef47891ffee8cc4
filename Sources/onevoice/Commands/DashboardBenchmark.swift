import Foundation
import OneVoiceCore
import OneVoiceTUI

/// The dashboard half of `onevoice bench`, run in its own process so that its peak memory is the
/// dashboard's: opening the database plus the first frame, then key presses through the real loop
/// (`DashboardProgram`: the pure update, the effects it asks for against `StoreDashboardSource`, and
/// the render of the 120x40 screen), exactly as the terminal driver runs them, less ncurses.
struct DashboardBenchmark {
    /// A database file, or a shared server opened through the working copy kept in `copies`.
    let location: DatabaseLocation
    let copies: URL
    static let width = 120
    static let height = 40

    /// A frame at 60 Hz: no key press may take longer, even in its slowest one in a hundred.
    static let frameBudget = 16.0

    func run() throws -> [BenchFigure] {
        let now = Date()
        // Open + first frame: a fresh database handle each run, as a new dashboard would have.
        var frame = ""
        let openSamples = try Stopwatch.samples(runs: 9) {
            let workspace = Workspace(database: try AppDatabase.open(location, copies: copies), identity: nil)
            frame = SnapshotRenderer.render(view: .board, source: StoreDashboardSource(workspace: workspace),
                                            width: Self.width, height: Self.height, now: now)
        }
        guard frame.contains("Riverton") else { throw BenchError("The first frame does not show the agency:\n\(frame)") }

        // Key press to updated frame, for every step of the script, each press filed under the binding it reached.
        let workspace = Workspace(database: try AppDatabase.open(location, copies: copies), identity: nil)
        // As the dashboard does: on a server, reads look at the server's head only when it says something changed.
        workspace.database.listenForChanges()
        let program = DashboardProgram(source: StoreDashboardSource(workspace: workspace), width: Self.width, height: Self.height,
                                       theme: .fallback, colorEnabled: true, themes: ThemeLibrary(directory: nil), clock: { now })
        program.start()
        _ = program.render()
        var presses = KeyPresses()
        let rounds = 10
        for round in 0...rounds {
            let timed = round > 0  // the first round warms up
            for step in DashboardKeyScript.steps {
                switch step {
                case .press(let key):
                    try presses.time(key, in: program, record: timed)
                case .type(let text):
                    for character in text { try presses.time(.char(character), in: program, record: timed) }
                case .act(let key):
                    try presses.time(key, in: program, record: timed, refusalExpected: true)
                    // A count the key left running off the program's thread (the export's plan) comes in untimed,
                    // so it neither loads the next keys' core nor is left behind.
                    program.settle()
                    if program.state.dialog != nil || program.state.prompt != nil {
                        try presses.time(.escape, in: program, record: timed)
                    }
                }
            }
        }
        let samples = presses.all
        let slowest = presses.byLabel.max { Stopwatch.percentile($0.value, 99) < Stopwatch.percentile($1.value, 99) }
        let slowestNote = slowest.map { "slowest: \($0.key), median \(BenchFigure.format(Stopwatch.median($0.value) * 1000)) ms, p99 \(BenchFigure.format(Stopwatch.percentile($0.value, 99) * 1000)) ms" } ?? ""
        let memory = Double(Stopwatch.peakResidentBytes()) / 1_048_576
        return [
            BenchFigure(name: "open + first frame", value: Stopwatch.median(openSamples) * 1000, unit: "ms", goal: .below(150),
                        note: "board at \(Self.width)x\(Self.height) through StoreDashboardSource; median of 9, max \(BenchFigure.format((openSamples.max() ?? 0) * 1000)) ms"),
            BenchFigure(name: "key press to frame (median)", value: Stopwatch.median(samples) * 1000, unit: "ms", goal: .below(5),
                        note: "\(samples.count) presses of \(presses.order.count) keys in their places, \(rounds) rounds; \(slowestNote)"),
            BenchFigure(name: "key press to frame (p99)", value: Stopwatch.percentile(samples, 99) * 1000, unit: "ms",
                        goal: .atMost(Self.frameBudget), note: "every press of every key; a frame at 60 Hz is 16 ms"),
            BenchFigure(name: "key table covered", value: Double(presses.reached.count), unit: "bindings", goal: .none,
                        note: "of \(Keymap.standard.bindings.count); not reached: \(presses.unreached.joined(separator: "; "))"
                            + (presses.complaints.isEmpty ? "" : "; the dashboard said: \(Set(presses.complaints).sorted().joined(separator: "; "))")),
        ] + presses.order.map { label in
            let times = presses.byLabel[label] ?? []
            return BenchFigure(name: "key \(label): p99", value: Stopwatch.percentile(times, 99) * 1000, unit: "ms",
                               goal: .atMost(Self.frameBudget),
                               note: "\(times.count) presses, median \(BenchFigure.format(Stopwatch.median(times) * 1000)) ms, max \(BenchFigure.format((times.max() ?? 0) * 1000)) ms")
        } + [
            BenchFigure(name: "dashboard peak memory", value: memory, unit: "MB", goal: .below(100),
                        note: "ru_maxrss of the process that ran the dashboard figures"),
        ]
    }
}
