import Foundation
@testable import OneVoiceCore
import Testing

/// Writers killed with SIGKILL at random moments, and writers racing each other: every write the CLI
/// reported as done is in the database, nothing is half-written, and the records log still verifies.
@Suite("Faults: killed and concurrent writers", .serialized)
struct FaultKillTests {
    /// An agency with one incident and one release to edit; returns their ids.
    func agency() throws -> (CLIRunner, incident: Int, release: Int) {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let incident = try #require((try cli.json(["incident", "open", "--title", "Shots fired near Elm Park", "--kind", "general"]) as? [String: Any])?["id"] as? Int)
        let release = try #require((try cli.json(["release", "draft", "\(incident)"]) as? [String: Any])?["id"] as? Int)
        return (cli, incident, release)
    }

    @Test func killedWritersLoseNoReportedWriteAndLeaveNothingHalfWritten() throws {
        let (cli, incident, release) = try agency()
        // How long one write takes here, so the kills land before, during and after the commit.
        let started = ContinuousClock.now
        _ = try cli.json(["fact", "add", "\(incident)", "--text", "Calibration fact.", "--source", "Lt. Ortiz", "--source-kind", "incident-commander"])
        let ledger = KillLedger(window: max(0.02, (ContinuousClock.now - started).seconds))
        // CI size by default; `.ci/fault-soak` asks for more rounds through ONEVOICE_FAULT_ROUNDS.
        let soak = ProcessInfo.processInfo.environment["ONEVOICE_FAULT_ROUNDS"].flatMap(Int.init)
        let rounds = soak ?? 220
        // A cap, not a pace: 220 rounds take under a minute alone, but CI runs every suite at once on
        // two cores, where 50 s once gave only 154 rounds.
        let deadline = ContinuousClock.now + .seconds(soak == nil ? 240 : 86_400)
        // Four lanes at once, so a loaded machine still gets its rounds in (and writers also race each other).
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            var random = SystemRandomNumberGenerator()
            while ContinuousClock.now < deadline, let round = ledger.nextRound(of: rounds) {
                let isFact = round % 3 != 2
                let token = "r\(round)x\(UInt32.random(in: 0...UInt32.max, using: &random))"
                let text = isFact ? "Fact \(token): two people were taken to Mercy Hospital." : "Release text \(token). The investigation is ongoing."
                guard let process = try? (isFact
                    ? cli.start(["fact", "add", "\(incident)", "--text", text, "--source", "Lt. Ortiz", "--source-kind", "incident-commander", "--json"])
                    : cli.start(["release", "edit", "\(release)", "--text-file", "-", "--json"], stdin: text)) else { continue }
                usleep(useconds_t(Double.random(in: 0...(ledger.window * 1.3), using: &random) * 1_000_000))
                process.killHard()
                let result = process.finish()
                ledger.record(round: round, isFact: isFact, text: text, result: result)
            }
        }
        let (killed, finished) = (ledger.killed, ledger.finished)
        for problem in ledger.problems { Issue.record(Comment(rawValue: problem)) }
        let reportedFacts = ledger.facts, reportedRevisions = ledger.revisions
        #expect(killed + finished >= min(rounds, 200), "only \(killed + finished) rounds in the time allowed")
        #expect(killed > 20 && finished > 20, "the delays should kill some writers and let others finish: \(killed) killed, \(finished) finished")

        let verify = try cli.run(["archive", "verify"])
        #expect(verify.status == 0, "\(verify.stderr)")

        let database = try cli.openDatabase()
        #expect(try database.integrityProblems().isEmpty)
        try database.read { session in
            let facts = try session.facts(incidentID: Int64(incident))
            let byID = Dictionary(uniqueKeysWithValues: facts.map { ($0.id, $0.text) })
            for (id, text) in reportedFacts { #expect(byID[Int64(id)] == text, "reported fact #\(id) is missing or changed") }
            let revisions = try session.revisions(releaseID: Int64(release))
            for (number, text) in reportedRevisions {
                #expect(revisions.first { $0.number == number }?.text == text, "reported revision \(number) is missing or changed")
            }
            #expect(revisions.map(\.number) == Array(1...revisions.count), "revision numbers have a gap")
            #expect(try session.release(id: Int64(release))?.currentRevision == revisions.count)
            // Nothing half-written: every fact and revision came with its log entry, and no entry without its row.
            let log = try session.logPage(incidentID: Int64(incident), limit: 100_000)
            let factAdds = log.filter { $0.action == "fact.add" }.map(\.subjectID)
            #expect(factAdds.sorted() == facts.map(\.id).sorted())
            #expect(log.filter { $0.action == "release.revise" }.count == revisions.count)
        }
        // The search index moved in step with the rows.
        let workspace = Workspace(database: database, identity: nil)
        for (id, text) in reportedFacts.prefix(40) {
            let token = String(text.split(separator: " ")[1].dropLast())
            #expect(try workspace.search(query: token).contains { $0.type == .fact && $0.id == Int64(id) }, "fact #\(id) is not searchable")
        }
    }

    @Test func fourProcessesWritingAtOnceLoseNothing() throws {
        let (cli, incident, release) = try agency()
        let second = try #require((try cli.json(["incident", "open", "--title", "Quarrystone mill fire", "--kind", "evacuation"]) as? [String: Any])?["id"] as? Int)
        let perWriter = 25
        // Four writers, each its own stream of processes: facts on two incidents, new incidents, release revisions.
        let writers: [@Sendable (Int) -> (arguments: [String], stdin: String?)] = [
            { i in (["fact", "add", "\(incident)", "--text", "Elm fact \(i).", "--source", "Sgt. Brennan", "--source-kind", "on-scene-officer", "--json"], nil) },
            { i in (["fact", "add", "\(second)", "--text", "Mill fact \(i).", "--source", "EOC", "--source-kind", "official-record", "--json"], nil) },
            { i in (["incident", "open", "--title", "Parallel incident \(i)", "--kind", "general", "--json"], nil) },
            { i in (["release", "edit", "\(release)", "--text-file", "-", "--json"], "Parallel revision \(i).") },
        ]
        let results = WriterResults(count: writers.count)
        DispatchQueue.concurrentPerform(iterations: writers.count) { w in
            for i in 0..<perWriter {
                let (arguments, stdin) = writers[w](i)
                let outcome: (Int32, String, String)
                do {
                    let r = try cli.run(arguments, stdin: stdin)
                    outcome = (r.status, r.stdout, r.stderr)
                } catch {
                    outcome = (-1, "", "\(error)")
                }
                results.append(w, outcome)
            }
        }
        var ids: [[Int]] = Array(repeating: [], count: writers.count)
        for w in 0..<writers.count {
            for (status, stdout, stderr) in results.values(w) {
                #expect(status == 0, "writer \(w): \(stderr)")
                let object = try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]
                if let id = (w == 3 ? object?["revision"] : object?["id"]) as? Int { ids[w].append(id) }
            }
            #expect(ids[w].count == perWriter && Set(ids[w]).count == perWriter, "writer \(w) got \(ids[w])")
        }
        #expect(try cli.run(["archive", "verify"]).status == 0)
        let database = try cli.openDatabase()
        let (elmFacts, millFacts, titles, revisions) = try database.read { session in
            (try session.facts(incidentID: Int64(incident)).map { Int($0.id) },
             try session.facts(incidentID: Int64(second)).map { Int($0.id) },
             try ids[2].map { try session.incident(id: Int64($0))?.title ?? "" },
             try session.revisions(releaseID: Int64(release)).map(\.number))
        }
        #expect(Set(elmFacts) == Set(ids[0]))
        #expect(Set(millFacts) == Set(ids[1]))
        #expect(titles.allSatisfy { $0.hasPrefix("Parallel incident") })
        #expect(Set(revisions) == Set([1] + ids[3]))
    }
}

/// Results gathered by concurrent writers, one list per writer.
final class WriterResults: @unchecked Sendable {
    private let lock = NSLock()
    private var lists: [[(Int32, String, String)]]

    init(count: Int) { lists = Array(repeating: [], count: count) }

    func append(_ writer: Int, _ value: (Int32, String, String)) {
        lock.lock(); defer { lock.unlock() }
        lists[writer].append(value)
    }

    func values(_ writer: Int) -> [(Int32, String, String)] {
        lock.lock(); defer { lock.unlock() }
        return lists[writer]
    }
}

/// What the kill lanes share: the next round, the delay window, and what each writer reported.
final class KillLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var _window: Double
    private(set) var killed = 0
    private(set) var finished = 0
    private(set) var facts: [Int: String] = [:]
    private(set) var revisions: [Int: String] = [:]
    private(set) var problems: [String] = []

    init(window: Double) { _window = window }

    var window: Double { lock.withLock { _window } }

    func nextRound(of rounds: Int) -> Int? {
        lock.withLock {
            guard next < rounds else { return nil }
            next += 1
            return next - 1
        }
    }

    func record(round: Int, isFact: Bool, text: String, result: (status: Int32, reason: Process.TerminationReason, stdout: String, stderr: String)) {
        lock.withLock {
            // Keep about half the writers finishing whatever the machine's load: widen the window after a kill.
            if result.reason == .uncaughtSignal { killed += 1; _window *= 1.04 } else { finished += 1; _window /= 1.04 }
            if let crash = FaultCheck.crashProblem(status: result.status, reason: result.reason, stderr: result.stderr),
               result.reason != .uncaughtSignal {
                problems.append("round \(round): \(crash)")
            }
            // A write is reported done only when its JSON answer was printed in full.
            guard let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
                if result.reason == .exit && result.status != 0 { problems.append("round \(round) failed: \(result.stderr)") }
                return
            }
            if isFact, let id = object["id"] as? Int {
                facts[id] = text
            } else if !isFact, let number = object["revision"] as? Int {
                revisions[number] = text
            }
        }
    }
}
