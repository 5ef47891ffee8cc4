import Foundation
import OneVoiceCore
import OneVoiceTUI

/// The dashboard half of `onevoice bench`, run in its own process so that its peak memory is the
/// dashboard's: opening the database plus the first frame, then key presses through the real loop
/// (`DashboardProgram`: the pure update, the effects it asks for against `StoreDashboardSource`, and
/// the render of the 120x40 screen), exactly as the terminal driver runs them, less ncurses.
struct DashboardBenchmark {
    let databaseURL: URL
    static let width = 120
    static let height = 40

    /// Board moves, opening the large incident (the newest, at the top) and a small one, every tab, back.
    static let keys: [Key] = [.char("j"), .char("j"), .char("j"), .char("G"), .char("k"), .char("k"), .char("g"),
                              .enter, .tab, .tab, .tab, .tab, .tab, .escape,
                              .char("j"), .char("j"), .enter, .tab, .tab, .tab, .tab, .tab, .escape,
                              .char("G"), .enter, .tab, .tab, .tab, .tab, .tab, .escape, .char("g")]

    /// A frame at 60 Hz: no key press may take longer, even in its slowest one in a hundred.
    static let frameBudget = 16.0

    /// The keys of the table in the order they first appear.
    private func keyOrder(_ byKey: [String: [Double]]) -> [String] {
        var seen: [String] = []
        for key in Self.keys where !seen.contains(key.label) { seen.append(key.label) }
        return seen.filter { byKey[$0] != nil }
    }

    func run() throws -> [BenchFigure] {
        let now = Date()
        // Open + first frame: a fresh database handle each run, as a new dashboard would have.
        var frame = ""
        let openSamples = try Stopwatch.samples(runs: 9) {
            let workspace = Workspace(database: try AppDatabase.open(at: databaseURL), identity: nil)
            frame = SnapshotRenderer.render(view: .board, source: StoreDashboardSource(workspace: workspace),
                                            width: Self.width, height: Self.height, now: now)
        }
        guard frame.contains("Riverton") else { throw BenchError("The first frame does not show the agency:\n\(frame)") }

        // Key press to updated frame.
        let workspace = Workspace(database: try AppDatabase.open(at: databaseURL), identity: nil)
        let program = DashboardProgram(source: StoreDashboardSource(workspace: workspace), width: Self.width, height: Self.height,
                                       theme: .fallback, colorEnabled: true, themes: ThemeLibrary(directory: nil), clock: { now })
        program.start()
        _ = program.render()
        var samples: [Double] = []
        var byKey: [String: [Double]] = [:]
        let rounds = 20
        for round in 0...rounds {
            for key in Self.keys {
                let seconds = Stopwatch.seconds {
                    program.send(.key(key))
                    _ = program.render()
                }
                if round > 0 {  // the first round warms up
                    samples.append(seconds)
                    byKey[key.label, default: []].append(seconds)
                }
            }
        }
        if let flash = program.state.flash, flash.isError { throw BenchError("The dashboard reported: \(flash.text)") }
        let slowest = byKey.max { Stopwatch.median($0.value) < Stopwatch.median($1.value) }
        let slowestNote = slowest.map { "slowest key \($0.key): median \(BenchFigure.format(Stopwatch.median($0.value) * 1000)) ms, p99 \(BenchFigure.format(Stopwatch.percentile($0.value, 99) * 1000)) ms" } ?? ""
        let memory = Double(Stopwatch.peakResidentBytes()) / 1_048_576
        return [
            BenchFigure(name: "open + first frame", value: Stopwatch.median(openSamples) * 1000, unit: "ms", goal: .below(150),
                        note: "board at \(Self.width)x\(Self.height) through StoreDashboardSource; median of 9, max \(BenchFigure.format((openSamples.max() ?? 0) * 1000)) ms"),
            BenchFigure(name: "key press to frame (median)", value: Stopwatch.median(samples) * 1000, unit: "ms", goal: .below(5),
                        note: "\(samples.count) presses of j/k/G/g/Enter/Tab/Esc; \(slowestNote)"),
            BenchFigure(name: "key press to frame (p99)", value: Stopwatch.percentile(samples, 99) * 1000, unit: "ms",
                        goal: .atMost(Self.frameBudget), note: "every press of every key; a frame at 60 Hz is 16 ms"),
        ] + keyOrder(byKey).map { label in
            let presses = byKey[label] ?? []
            return BenchFigure(name: "key \(label): p99", value: Stopwatch.percentile(presses, 99) * 1000, unit: "ms",
                               goal: .atMost(Self.frameBudget),
                               note: "\(presses.count) presses, median \(BenchFigure.format(Stopwatch.median(presses) * 1000)) ms, max \(BenchFigure.format((presses.max() ?? 0) * 1000)) ms")
        } + [
            BenchFigure(name: "dashboard peak memory", value: memory, unit: "MB", goal: .below(100),
                        note: "ru_maxrss of the process that ran the dashboard figures"),
        ]
    }
}
