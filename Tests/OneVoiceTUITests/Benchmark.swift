import Foundation
import Testing
@testable import OneVoiceTUI

/// Rough timings with 10,000 incidents and 1,000,000 log entries over the in-memory source:
/// `ONEVOICE_TUI_BENCH=1 swift test -c release --filter benchmark`. Skipped otherwise.
@Suite struct Benchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ONEVOICE_TUI_BENCH"] == "1"))
    func benchmark() {
        let source = UpdateTests.bigSource(incidents: 10_000, log: 1_000_000)
        let clock = ContinuousClock()
        var program: DashboardProgram!
        let first = clock.measure {
            program = UpdateTests.program(source, width: 120, height: 40)
            _ = program.render()
        }
        var samples: [Duration] = []
        let keys: [Key] = [.char("j"), .char("j"), .pageDown, .char("k"), .pageUp, .char("G"), .char("g"), .char("2"), .char("j"), .pageDown, .char("G"), .char("1")]
        for _ in 0..<20 {
            for key in keys {
                samples.append(clock.measure {
                    program.send(.key(key))
                    _ = program.render()
                })
            }
        }
        samples.sort()
        print("first frame: \(first); key to screen median \(samples[samples.count / 2]), p95 \(samples[samples.count * 95 / 100]), max \(samples.last!)")
        #expect(source.maxLimitAsked <= 80)
    }
}
