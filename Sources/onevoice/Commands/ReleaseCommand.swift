import ArgumentParser
import Foundation
import OneVoiceCore

struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Draft, check, review and approve press releases.",
        discussion: "draft → (submit) in review → (clear, by legal where required) → (approve, by the incident's spokesperson) approved.",
        subcommands: [Draft.self, List.self, Show.self, Edit.self, Diff.self, Check.self, Submit.self, Clear.self, Approve.self,
                      Schedule.self, Hold.self, Reschedule.self, Cancel.self, Now.self, Correct.self, Update.self]
    )

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "draft", abstract: "Draft a release for an incident, from a template or empty.")
        @Argument(help: "The incident's number.") var incident: Int64
        @Option(help: "A pre-plan template id (see `onevoice template list`).", completion: Completions.templates) var template: String?
        @Flag(help: "Use the template's holding statement (the first message) instead of its full release.") var holding = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.writableWorkspace()
            let release = try workspace.draftRelease(incidentID: incident, templateID: template, holding: holding)
            if store.json { Output.json(CreatedID(id: release.id)); return }
            print("Drafted release #\(release.id): \(release.title).")
            let findings = try workspace.checkRelease(id: release.id)
            if !findings.isEmpty { print("\(findings.count) finding\(findings.count == 1 ? "" : "s"); see `onevoice release check \(release.id)`.") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List an incident's releases.")
        @Argument(help: "The incident's number.") var incident: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let releases = try store.readableWorkspace().releases(incidentID: incident)
            if store.json { Output.json(releases); return }
            Output.table(["ID", "STATUS", "KIND", "REV", "TITLE"], releases.map {
                ["\($0.id)", $0.status.label, $0.kind.rawValue, "\($0.currentRevision)", $0.title]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a release at its current or a given revision.")
        @Argument(help: "The release's number.") var id: Int64
        @Option(help: "A revision number (default: the current one).") var revision: Int?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.readableWorkspace()
            let release = try workspace.release(id: id)
            let shown = try workspace.revision(releaseID: id, number: revision)
            let attestations = try workspace.releaseAttestations(releaseID: id)
            if store.json {
                Output.json(ReleaseView(id: release.id, incidentID: release.incidentID, status: release.status.rawValue,
                                        kind: release.kind.rawValue, parentID: release.parentID, title: release.title,
                                        templateID: release.templateID, holding: release.isHolding, revision: shown.number,
                                        revisions: release.currentRevision, text: shown.text, renditions: shown.renditions,
                                        contentHash: shown.contentHash, attestations: attestations))
                return
            }
            print("Release #\(release.id): \(release.title)")
            print("Status: \(release.status.label)   Revision \(shown.number) of \(release.currentRevision)   Content SHA-256 \(shown.contentHash.prefix(16))…")
            print("")
            print(shown.text)
            for slug in shown.renditions.keys.sorted() {
                let channel = Channel(rawValue: slug)
                let check = channel.map { PostValidator.validate(shown.renditions[slug]!, for: $0) }
                let count = check.map { c in "\(c.length)\(c.limit.map { "/\($0)" } ?? "")\(c.valid ? "" : " TOO LONG")" } ?? ""
                print("\n--- \(channel?.displayName ?? slug) (\(count)) ---")
                print(shown.renditions[slug]!)
            }
            for a in attestations {
                print("\n\(a.verdict) by \(a.actorHandle) (\(a.role.rawValue)) at \(Timestamps.iso8601(a.createdAt))\(a.supersededAt != nil ? " — superseded" : "")\(a.note.isEmpty ? "" : ": \(a.note)")")
            }
        }
    }

    struct ReleaseView: Encodable {
        let id: Int64
        let incidentID: Int64
        let status: String
        let kind: String
        let parentID: Int64?
        let title: String
        let templateID: String?
        let holding: Bool
        let revision: Int
        let revisions: Int
        let text: String
        let renditions: [String: String]
        let contentHash: String
        let attestations: [Attestation]
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Edit a release in $VISUAL or $EDITOR (or from a file); every save is a new revision.")
        @Argument(help: "The release's number.") var id: Int64
        @Option(help: "Read the new text from this file instead of opening an editor ('-' for standard input).") var textFile: String?
        @Option(help: "CAP urgency: \(CAPFields.urgencies.joined(separator: ", ")).", completion: .list(CAPFields.urgencies))
        var capUrgency: String?
        @Option(help: "CAP severity: \(CAPFields.severities.joined(separator: ", ")).", completion: .list(CAPFields.severities))
        var capSeverity: String?
        @Option(help: "CAP certainty: \(CAPFields.certainties.joined(separator: ", ")).", completion: .list(CAPFields.certainties))
        var capCertainty: String?
        @Option(help: "CAP message type: Alert, Update (an all-clear), or Cancel (withdraws the alert this release follows).",
                completion: .list(CAPFields.messageTypes))
        var capMsgType: String?
        @Option(help: "When the CAP alert expires: +6h, HH:MM, YYYY-MM-DD HH:MM or ISO 8601 in the agency's zone ('none': 24 hours after it is sent).")
        var capExpires: String?
        @OptionGroup var store: StoreOptions

        /// The CAP fields asked for on the command line, over the current ones; nil when none was given.
        func capFields(_ workspace: Workspace) throws -> CAPFields? {
            guard capUrgency != nil || capSeverity != nil || capCertainty != nil || capMsgType != nil || capExpires != nil else { return nil }
            var cap = try workspace.capFields(releaseID: id)
            if let capUrgency { cap.urgency = CAPFields.canonical(capUrgency, in: CAPFields.urgencies) }
            if let capSeverity { cap.severity = CAPFields.canonical(capSeverity, in: CAPFields.severities) }
            if let capCertainty { cap.certainty = CAPFields.canonical(capCertainty, in: CAPFields.certainties) }
            if let capMsgType { cap.msgType = CAPFields.canonical(capMsgType, in: CAPFields.messageTypes) }
            if let capExpires {
                if capExpires.lowercased() == "none" {
                    cap.expires = nil
                } else {
                    let zone = try workspace.agency().timeZone
                    cap.expires = try ScheduleTime.parse(capExpires, now: workspace.clock.now(), timeZone: zone)
                }
            }
            if let problem = cap.problem { throw ValidationError(problem) }
            return cap
        }

        func run() throws {
            let workspace = try store.writableWorkspace()
            let release = try workspace.release(id: id)
            let current = try workspace.revision(releaseID: id)
            let cap = try capFields(workspace)
            let content: String
            if textFile == nil, let cap {
                // Only the CAP fields change: no editor.
                let revision = try workspace.editRelease(id: id, text: current.text, renditions: current.renditions, cap: cap)
                if store.json { Output.json(["id": id, "revision": Int64(revision.number)]); return }
                print("Saved revision \(revision.number) of release #\(id) (CAP \(cap.msgType), \(cap.urgency), \(cap.severity), \(cap.certainty)).")
                return
            }
            if let textFile {
                content = textFile == "-" ? try TextInput.readStandardInput()
                                          : try TextInput.read(contentsOf: URL(fileURLWithPath: textFile))
            } else {
                content = try Editor.edit(EditableRelease.render(current, title: release.title))
            }
            let (text, renditions) = try EditableRelease.parse(content)
            let revision = try workspace.editRelease(id: id, text: text, renditions: renditions, cap: cap)
            if store.json { Output.json(["id": id, "revision": Int64(revision.number)]); return }
            print("Saved revision \(revision.number) of release #\(id).")
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "diff", abstract: "Show what changed between two revisions.")
        @Argument(help: "The release's number.") var id: Int64
        @Argument(help: "The older revision.") var a: Int
        @Argument(help: "The newer revision.") var b: Int
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.readableWorkspace()
            let old = try workspace.revision(releaseID: id, number: a)
            let new = try workspace.revision(releaseID: id, number: b)
            var lines = TextDiff.lines(from: old.text, to: new.text)
            for slug in Set(old.renditions.keys).union(new.renditions.keys).sorted() where old.renditions[slug] != new.renditions[slug] {
                lines.append(.init(kind: .kept, text: "=== \(slug) ==="))
                lines += TextDiff.lines(from: old.renditions[slug] ?? "", to: new.renditions[slug] ?? "")
            }
            if store.json { Output.json(lines.map(\.rendered)); return }
            print("--- revision \(a)\n+++ revision \(b)")
            for line in lines { print(line.rendered) }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Run the release-of-information checks. Exit 0 when nothing blocks, 1 when something does.")
        @Argument(help: "The release's number.") var id: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let findings = try store.readableWorkspace().checkRelease(id: id)
            if store.json {
                Output.json(findings)
            } else if findings.isEmpty {
                print("No findings: release #\(id) can go forward.")
            } else {
                for f in findings {
                    print("\(f.line):\(f.column)  \(f.severity.rawValue.uppercased())  \(f.rule)  \(f.message)")
                    if !f.excerpt.isEmpty { print("      \"\(f.excerpt)\"") }
                    if let s = f.suggestion { print("      → \(s)") }
                }
            }
            if findings.contains(where: { $0.severity == .block }) { throw ExitCode(1) }
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "submit", abstract: "Move a draft into review (refused while something blocks).")
        @Argument(help: "The release's number.") var id: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let release = try store.writableWorkspace().submitRelease(id: id)
            if store.json { Output.json(CreatedID(id: release.id)) } else { print("Release #\(id) is in review.") }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "clear", abstract: "Legal's clearance of the release under review.")
        @Argument(help: "The release's number.") var id: Int64
        @Option(help: "A note kept with your signature.") var note: String = ""
        @OptionGroup var store: StoreOptions

        func run() throws {
            let attestation = try store.writableWorkspace().clearRelease(id: id, note: note)
            if store.json { Output.json(attestation) } else { print("Release #\(id) is cleared by legal.") }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Sign off a release (the incident's spokesperson only).",
            discussion: "Signs the SHA-256 of the exact text and every channel's rendition. Every warning must be acknowledged.")
        @Argument(help: "The release's number.") var id: Int64
        @Option(help: "A warning rule you have read and accept (repeat for each).") var acknowledge: [String] = []
        @Option(help: "A note kept with your signature.") var note: String = ""
        @OptionGroup var store: StoreOptions

        func run() throws {
            let attestation = try store.writableWorkspace().approveRelease(id: id, acknowledging: acknowledge, note: note)
            if store.json { Output.json(attestation) } else {
                print("Approved release #\(id); signed content SHA-256 \(attestation.contentHash).")
            }
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "correct", abstract: "Start a CORRECTION of a released release (a new release linked to it).")
        @Argument(help: "The release's number.") var id: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let release = try store.writableWorkspace().followUpRelease(of: id, kind: .correction)
            if store.json { Output.json(CreatedID(id: release.id)) } else { print("Drafted correction #\(release.id) of release #\(id).") }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Start an UPDATE to a released release (a new release linked to it).")
        @Argument(help: "The release's number.") var id: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let release = try store.writableWorkspace().followUpRelease(of: id, kind: .update)
            if store.json { Output.json(CreatedID(id: release.id)) } else { print("Drafted update #\(release.id) to release #\(id).") }
        }
    }

    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Schedule an approved release (the incident's spokesperson or a drafter).",
            discussion: "TIME: +15m, +2h, HH:MM or YYYY-MM-DD HH:MM in the agency's time zone, or ISO 8601 with an offset.")
        @Argument(help: "The release's number.") var id: Int64
        @Option(help: "When it goes out.") var at: String
        @Option(help: "Channels, comma-separated (default: every channel the release has a text for).", completion: Completions.channels)
        var channels: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.writableWorkspace()
            let zone = try workspace.agency().timeZone
            let time = try ScheduleTime.parse(at, now: workspace.clock.now(), timeZone: zone)
            let list = try channels.map { text in
                try text.split(separator: ",").map { slug -> Channel in
                    let slug = slug.trimmingCharacters(in: .whitespaces)
                    guard let channel = Channel(rawValue: slug) else {
                        throw ValidationError("\"\(slug)\" is not a channel; use \(Channel.allCases.map(\.slug).joined(separator: ", ")).")
                    }
                    return channel
                }
            }
            let posts = try workspace.scheduleRelease(id: id, at: time, channels: list)
            try ReleaseCommand.report(posts, verb: "Scheduled", store: store, zone: zone)
        }
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "hold", abstract: "Hold a scheduled release: nothing goes out until rescheduled.")
        @Argument(help: "The release's number.") var id: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.writableWorkspace()
            try ReleaseCommand.report(workspace.holdRelease(id: id), verb: "Held", store: store, zone: workspace.agency().timeZone)
        }
    }

    struct Reschedule: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reschedule", abstract: "Move a release's waiting posts to a new time.")
        @Argument(help: "The release's number.") var id: Int64
        @Option(help: "The new time (as for `release schedule`).") var at: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.writableWorkspace()
            let zone = try workspace.agency().timeZone
            let time = try ScheduleTime.parse(at, now: workspace.clock.now(), timeZone: zone)
            try ReleaseCommand.report(workspace.rescheduleRelease(id: id, at: time), verb: "Rescheduled", store: store, zone: zone)
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a release's waiting posts (it stays approved).")
        @Argument(help: "The release's number.") var id: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.writableWorkspace()
            try ReleaseCommand.report(workspace.cancelRelease(id: id), verb: "Cancelled", store: store, zone: workspace.agency().timeZone)
        }
    }

    struct Now: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "now", abstract: "Send a release's waiting posts now (also confirms overdue ones).")
        @Argument(help: "The release's number.") var id: Int64
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.writableWorkspace()
            try ReleaseCommand.report(workspace.releaseNow(id: id), verb: "Due now", store: store, zone: workspace.agency().timeZone)
        }
    }

    static func report(_ posts: [Post], verb: String, store: StoreOptions, zone: TimeZone) throws {
        if store.json { Output.json(posts); return }
        let local = LocalTime(timeZone: zone)
        for post in posts {
            print("\(verb): \(post.channel.displayName) post #\(post.id) at \(post.scheduledAt.map(local.dateTime) ?? "-") (\(post.state.label)).")
        }
    }
}
