import Foundation

/// One measured figure of `onevoice bench`, with its target.
public struct BenchFigure: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case pass = "PASS"
        case miss = "MISS"
        /// A reference figure without a target of its own (raw SHA-256, a p99).
        case info = "INFO"
    }

    /// How a value compares with its target.
    public enum Goal: Sendable, Equatable {
        case below(Double)
        /// At most the limit (a budget such as a frame's 16 ms, which the value may reach).
        case atMost(Double)
        case atLeast(Double)
        case none
    }

    public var name: String
    public var value: Double
    public var unit: String
    /// The target as people read it ("< 150 ms"); "-" for a reference figure.
    public var target: String
    public var status: Status
    /// What else a reader needs to judge the figure (runs, sizes, the reference it is compared with).
    public var note: String?

    public init(name: String, value: Double, unit: String, goal: Goal, target: String? = nil, note: String? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.note = note
        switch goal {
        case .below(let limit):
            self.target = target ?? "< \(BenchFigure.format(limit)) \(unit)"
            self.status = value < limit ? .pass : .miss
        case .atMost(let limit):
            self.target = target ?? "<= \(BenchFigure.format(limit)) \(unit)"
            self.status = value <= limit ? .pass : .miss
        case .atLeast(let limit):
            self.target = target ?? ">= \(BenchFigure.format(limit)) \(unit)"
            self.status = value >= limit ? .pass : .miss
        case .none:
            self.target = target ?? "-"
            self.status = .info
        }
    }

    /// Three significant digits at most, no exponent: 0.0123, 1.23, 123, 12345.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        let decimals: Int
        switch magnitude {
        case 0: decimals = 0
        case ..<0.01: decimals = 4
        case ..<0.1: decimals = 3
        case ..<1: decimals = 3
        case ..<10: decimals = 2
        case ..<100: decimals = 1
        default: decimals = 0
        }
        return String(format: "%.\(decimals)f", value)
    }

    /// The figures as an aligned table for people.
    public static func table(_ figures: [BenchFigure]) -> String {
        let header = ["NAME", "VALUE", "UNIT", "TARGET", "STATUS"]
        let rows = figures.map { [$0.name, format($0.value), $0.unit, $0.target, $0.status.rawValue] }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                if i == 1 { return String(repeating: " ", count: widths[i] - cell.count) + cell }
                return i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        for (row, figure) in zip(rows, figures) {
            out += line(row) + "\n"
            if let note = figure.note { out += "    " + note + "\n" }
        }
        return out
    }
}

/// Timing helpers: monotonic clock, medians and percentiles of repeated runs.
public enum Stopwatch {
    /// Seconds `body` took.
    public static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }

    /// `runs` timings of `body` (in seconds), after `warmup` untimed runs.
    public static func samples(runs: Int, warmup: Int = 1, _ body: () throws -> Void) rethrows -> [Double] {
        for _ in 0..<warmup { try body() }
        var samples: [Double] = []
        samples.reserveCapacity(runs)
        for _ in 0..<runs { samples.append(try seconds(body)) }
        return samples
    }

    public static func median(_ samples: [Double]) -> Double { percentile(samples, 50) }

    /// The nearest-rank percentile (p in 0...100).
    public static func percentile(_ samples: [Double], _ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    /// Peak resident memory of this process so far, in bytes (Linux reports kilobytes).
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #endif
    }
}
