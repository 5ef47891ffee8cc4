import Crypto
import Foundation
import GRDB

/// The Core half of `onevoice bench`: search, verify, the scheduler, X counting and export, each
/// measured over a synthetic agency as the median of repeated runs. (The dashboard half lives with
/// the dashboard, which Core does not know.)
public struct CoreBenchmarks {
    public let workspace: Workspace
    public let largeIncidentID: Int64
    /// Where exports are written (a scratch folder the caller removes).
    public let scratch: URL
    public let shape: BenchShape

    public init(workspace: Workspace, largeIncidentID: Int64, scratch: URL, shape: BenchShape) {
        self.workspace = workspace
        self.largeIncidentID = largeIncidentID
        self.scratch = scratch
        self.shape = shape
    }

    /// Words and phrases a records request asks about: a rare name, common words, a phrase, a prefix.
    public static let searchQueries = ["Zephyrine", "Mercy Hospital", "\"shelter in place\"", "Kowalski tip line", "reunif*",
                                       "timed out", "ATF"]

    public func search() throws -> BenchFigure {
        var samples: [Double] = []
        var hits = 0
        for query in Self.searchQueries {
            samples += try Stopwatch.samples(runs: 5) { hits += try workspace.search(query: query).count }
        }
        let median = Stopwatch.median(samples)
        return BenchFigure(name: "search (FTS, 50 newest hits)", value: median * 1000, unit: "ms", goal: .below(50),
                           note: "\(Self.searchQueries.count) queries x 5 runs over \(shape.logEntries) log entries and every item; p99 \(BenchFigure.format(Stopwatch.percentile(samples, 99) * 1000)) ms")
    }

    /// `archive verify` and raw SHA-256 of the same machine in the same run: the chain alone (what
    /// `bytesHashed` counts), the whole verification (chain, every signature, every revision's hash),
    /// and the storage check `archive verify` runs first. `chainOnly` leaves out the two slow ones.
    public func verify(runs: Int, chainOnly: Bool = false) throws -> [BenchFigure] {
        let raw = Self.rawSHA256Throughput()
        let verifier = ChainVerifier(database: workspace.database)
        var chain: ChainVerifier.Report?
        let chainSamples = try Stopwatch.samples(runs: runs, warmup: 0) { chain = try verifier.verifyChainOnly() }
        guard let chain else { return [] }
        guard chain.isIntact else {
            throw StoreError.invalid("The synthetic database does not verify: \(chain.problems.first?.message ?? "")")
        }
        let targetText = "INFO (1/3 of raw would be \(BenchFigure.format(raw / 3)) MB/s)"
        let megabytes = Double(chain.bytesHashed) / 1e6
        let chainSeconds = Stopwatch.median(chainSamples)
        // INFO: the chain alone, beside raw SHA-256 (the entries now carry rows and signatures).
        let chainFigure = BenchFigure(name: "verify: hash chain", value: megabytes / chainSeconds, unit: "MB/s", goal: .none, target: targetText,
                                      note: "\(chain.entries) entries, \(BenchFigure.format(megabytes)) MB hashed in \(BenchFigure.format(chainSeconds)) s (median of \(runs))")
        let rawFigure = BenchFigure(name: "raw SHA-256 (same run)", value: raw, unit: "MB/s", goal: .none,
                                    note: "swift-crypto SHA256 over a 64 MB buffer, median of 5")
        if chainOnly { return [chainFigure, rawFigure] }
        // The whole verification: the chain, every entry's signature, the replay into a fresh state with who
        // may do what, and every stored row compared. Its floor is the Ed25519 checks it must make, spread
        // over the cores; the target is 1.5 times that floor, measured in this run.
        let anchors = AnchorStore(directory: FileManager.default.temporaryDirectory
            .appendingPathComponent("onevoice-bench-anchors-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: anchors.directory) }
        let replaying = ChainVerifier(database: workspace.database, anchors: anchors, outputFolder: anchors.directory)
        var full: ChainVerifier.Report?
        let fullSamples = try Stopwatch.samples(runs: runs, warmup: 0) { full = try replaying.verify() }
        let storage = try Stopwatch.seconds { try verifier.checkStorage() }
        guard let full else { return [] }
        guard full.isIntact else {
            throw StoreError.invalid("The synthetic database does not verify: \(full.problems.first?.message ?? "")")
        }
        let fullSeconds = Stopwatch.median(fullSamples)
        let signature = Self.signatureCheckSeconds()
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        let signatures = full.signaturesChecked + full.attestations
        let floor = Double(signatures) * signature / cores
        // The check since the checkpoint the full run noted: the chain re-hashed, nothing new to replay.
        let checkpoint = try replaying.latestCheckpoint()
        var incremental: ChainVerifier.Report?
        let incrementalSamples = try Stopwatch.samples(runs: runs, warmup: 0) {
            if let checkpoint { incremental = try replaying.verifyIncremental(since: checkpoint) }
        }
        let incrementalSeconds = Stopwatch.median(incrementalSamples)
        return [
            chainFigure,
            BenchFigure(name: "verify: whole (replay)", value: fullSeconds, unit: "s", goal: .below(1.5 * floor),
                        target: "<= \(BenchFigure.format(1.5 * floor)) s (1.5 x \(signatures) Ed25519 checks / \(Int(cores)) cores)",
                        note: "chain, \(full.signaturesChecked) entry and \(full.attestations) attestation signatures, replay of every entry and comparison of every row, median of \(runs)"),
            BenchFigure(name: "verify: incremental", value: incrementalSeconds, unit: "s", goal: .below(3),
                        target: "<= 3 s",
                        note: incremental.map { "since the checkpoint at entry \(checkpoint?.seq ?? 0): the chain of \($0.entries) entries re-hashed, \($0.signaturesChecked) new entries checked" } ?? "no checkpoint was noted"),
            BenchFigure(name: "Ed25519 signature check", value: signature * 1e6, unit: "us", goal: .none,
                        note: "swift-crypto Curve25519 isValidSignature on one core, median of 5 x 200"),
            BenchFigure(name: "verify: storage check", value: storage, unit: "s", goal: .none,
                        note: "PRAGMA quick_check over the whole file, which archive verify runs first"),
            rawFigure,
        ]
    }

    /// Seconds one Ed25519 signature check takes on one core.
    public static func signatureCheckSeconds() -> Double {
        let key = Curve25519.Signing.PrivateKey()
        let message = Data(repeating: 0x41, count: 300)
        guard let signature = try? key.signature(for: message) else { return .nan }
        var valid = 0
        let samples = Stopwatch.samples(runs: 5) {
            for _ in 0..<200 where key.publicKey.isValidSignature(signature, for: message) { valid += 1 }
        }
        return valid > 0 ? Stopwatch.median(samples) / 200 : .nan
    }

    /// MB/s of swift-crypto's SHA-256 over one large buffer.
    public static func rawSHA256Throughput() -> Double {
        let size = 64 << 20
        var buffer = [UInt8](repeating: 0, count: size)
        var generator = SeededGenerator(seed: 42)
        for i in stride(from: 0, to: size, by: 8) {
            withUnsafeBytes(of: generator.next()) { bytes in
                for j in 0..<8 { buffer[i + j] = bytes[j] }
            }
        }
        var sink: UInt8 = 0
        let samples = buffer.withUnsafeBytes { bytes in
            Stopwatch.samples(runs: 5) {
                sink ^= SHA256.hash(data: bytes).withUnsafeBytes { $0[0] }
            }
        }
        if sink == 0x5A { print("", terminator: "") }  // keep the hash alive
        return Double(size) / Stopwatch.median(samples) / 1e6
    }

    /// One scheduler tick over `scheduledPosts` posts that are not due yet, with a deliverer that does nothing.
    public func schedulerTick() throws -> BenchFigure {
        let scheduler = Scheduler(database: workspace.database, clock: try agencyPresent(), deliverer: IdleDeliverer(),
                                  holder: "bench", signer: workspace.identity)
        defer { scheduler.stop() }
        var reports: [Scheduler.TickReport] = []
        let first = try Stopwatch.seconds { reports.append(try scheduler.tick()) }
        let samples = try Stopwatch.samples(runs: 200) { reports.append(try scheduler.tick()) }
        guard reports.allSatisfy({ $0.hadLease && $0.delivered + $0.failed + $0.missed + $0.awaitingConfirmation == 0 }) else {
            throw StoreError.invalid("The scheduler benchmark found posts due; the synthetic database is wrong.")
        }
        return BenchFigure(name: "scheduler tick", value: Stopwatch.median(samples) * 1000, unit: "ms", goal: .below(5),
                           note: "\(shape.scheduledPosts) scheduled posts, none due; median of 200 (the first tick, which takes the lease: \(BenchFigure.format(first * 1000)) ms)")
    }

    /// The synthetic agency's present, when it is past: its scheduled posts wait an hour and more after the time
    /// it was built, so an agency kept in `--folder` and reused later would otherwise find them due.
    private func agencyPresent() throws -> any WallClock {
        let earliest = try workspace.database.read { session in
            try Date.fetchOne(session.db, sql: "SELECT MIN(scheduledAt) FROM post WHERE state = 'scheduled'")
        }
        guard let earliest, earliest.addingTimeInterval(-3600) < Date() else { return SystemClock() }
        return ManualClock(earliest.addingTimeInterval(-3600))
    }

    /// A 280-character X post: words, a link, a hashtag, a mention, an emoji, a curly quote.
    public static let xPost: String = {
        var text = "UPDATE: Route 9 is closed in both directions between Elm and Oak Street after a multi-vehicle crash. "
            + "Two people were taken to Mercy Hospital. Avoid the area; use Highway 61 as a detour. "
            + "Details: https://riverton.example.gov/news/12345 #RivertonPD @RivertonFire \u{1F6A7} \u{201C}Drive safely.\u{201D}"
        while XTextCounter.weightedLength(text + " more") <= 280 { text += " more" }
        while XTextCounter.weightedLength(text + ".") <= 280 { text += "." }
        return text
    }()

    public static func xCount() -> BenchFigure {
        let text = xPost
        var total = 0
        let perBatch = 1_000
        let samples = Stopwatch.samples(runs: 21) {
            for _ in 0..<perBatch { total &+= XTextCounter.weightedLength(text) }
        }.map { $0 / Double(perBatch) }
        return BenchFigure(name: "X count (280 characters)", value: Stopwatch.median(samples) * 1e6, unit: "us", goal: .below(20),
                           note: "XTextCounter.weightedLength = \(XTextCounter.weightedLength(text)) (link, emoji, hashtag); median of 21 x \(perBatch)")
    }

    /// A records export of the large incident.
    public func export(runs: Int) throws -> BenchFigure {
        var summaries: [ExportSummary] = []
        var n = 0
        let samples = try Stopwatch.samples(runs: runs, warmup: 0) {
            n += 1
            summaries.append(try workspace.exportRecords(scope: ExportScope(incidentID: largeIncidentID),
                                                          to: scratch.appendingPathComponent("export-\(n)")))
        }
        for i in 1...n { try? FileManager.default.removeItem(at: scratch.appendingPathComponent("export-\(i)")) }
        let summary = summaries.last
        let items = (summary?.counts["facts"] ?? 0) + (summary?.counts["releases"] ?? 0) + (summary?.counts["posts"] ?? 0)
        return BenchFigure(name: "export (\(items) items)", value: Stopwatch.median(samples), unit: "s", goal: .below(2),
                           note: "incident #\(largeIncidentID): \(summary?.files ?? 0) files, \(summary?.logEntries ?? 0) log entries; median of \(runs)")
    }
}

/// A deliverer for benchmarks: nothing is due, so nothing should reach it; if something does, it fails.
struct IdleDeliverer: Deliverer {
    func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        DeliveryReceipt(channel: item.channel)
    }
}
