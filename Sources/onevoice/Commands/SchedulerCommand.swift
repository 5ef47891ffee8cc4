import ArgumentParser
import Foundation
import OneVoiceCore

struct SchedulerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "The scheduler that delivers approved posts at their time.",
        subcommands: [Run.self]
    )

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Deliver due, approved posts (headless). Only one scheduler delivers at a time (a lease in the database).",
            discussion: "Runs until stopped with Ctrl-C or SIGTERM; --once makes one pass and exits.")

        @Flag(help: "Make one pass over what is due, then exit.") var once = false
        @Option(help: "Seconds between passes.") var interval: Double = 0.5
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.readableWorkspace()
            let scheduler = try Scheduler.standard(workspace: workspace)
            if once {
                let report = try scheduler.tick()
                scheduler.stop()
                for row in report.unreadable { Output.error("Skipped: \(row).") }
                if store.json { Output.json(TickSummary(report)); return }
                if !report.hadLease { print("Another scheduler holds the lease; nothing was delivered by this one.") }
                print("Delivered \(report.delivered), failed \(report.failed), missed \(report.missed), awaiting confirmation \(report.awaitingConfirmation), "
                      + "to post by hand \(report.handedOff), to check \(report.needsCheck).")
                return
            }
            StopSignal.install()
            if !store.json { print("Scheduler running on \(workspace.database.path); Ctrl-C stops it. Each pass that delivers or fails prints a line.") }
            // Each line goes out as it is printed, also into a pipe or a log file (fflush(nil): every stream).
            fflush(nil)
            let loop = SchedulerLoop(scheduler: scheduler, interval: interval)
            loop.run(shouldStop: { StopSignal.requested }) { pass in
                switch pass {
                case .worked(let report):
                    if store.json { Output.json(TickSummary(report)) } else { print("\(Timestamps.iso8601(Date())) \(report.summary)") }
                    fflush(nil)
                case .failed(let sentence):
                    FileHandle.standardError.write(Data("\(Timestamps.iso8601(Date())) \(sentence)\n".utf8))
                }
            }
        }
    }

    struct TickSummary: Encodable {
        let hadLease: Bool
        let delivered: Int
        let failed: Int
        let missed: Int
        let awaitingConfirmation: Int
        let handedOff: Int
        let needsCheck: Int

        init(_ report: Scheduler.TickReport) {
            hadLease = report.hadLease
            delivered = report.delivered
            failed = report.failed
            missed = report.missed
            awaitingConfirmation = report.awaitingConfirmation
            handedOff = report.handedOff
            needsCheck = report.needsCheck
        }
    }
}

/// Ctrl-C and SIGTERM ask the loop to finish its pass and give the lease back.
enum StopSignal {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    static var requested: Bool { flag != 0 }

    static func install() {
        signal(SIGINT) { _ in StopSignal.flag = 1 }
        signal(SIGTERM) { _ in StopSignal.flag = 1 }
    }
}
