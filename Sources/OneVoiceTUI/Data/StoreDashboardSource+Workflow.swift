import Foundation
import OneVoiceCore

/// The workflow over the real store: each write is one Core operation (one transaction with its log entry).
extension StoreDashboardSource {
    /// The loudest trouble among an incident's posts, for the board.
    func alert(session: DashboardReader, incidentID: Int64) throws -> String? {
        let posts = try session.postsNeedingAPerson(incidentID: incidentID)
        if let missed = posts.first(where: { $0.state == .missed }) {
            return "\(missed.channel.displayName) \(PostState.missed.label)"
        }
        if let expired = posts.first(where: { $0.state == .credentialsExpired }) {
            return "\(expired.channel.displayName) credentials expired"
        }
        if let check = posts.first(where: { $0.state == .needsCheck }) {
            return "\(check.channel.displayName) may have gone out: check"
        }
        if let late = posts.first(where: { $0.state == .handOffOverdue }) {
            return "\(late.channel.displayName) \(PostState.handOffOverdue.label)"
        }
        if let failed = posts.first(where: { $0.state == .failed }) {
            let time = TimeText(zoneIdentifier: try session.agency()?.timeZoneIdentifier)
            return "\(failed.channel.displayName) failed" + (failed.nextAttemptAt.map { ", retry \(time.clock($0))" } ?? "")
        }
        if let overdue = posts.first(where: { $0.state == .awaitingConfirmation }) {
            return "\(overdue.channel.displayName) \(PostState.awaitingConfirmation.label)"
        }
        return nil
    }

    public func releaseDetail(id: ReleaseID) throws -> ReleaseDetail? {
        guard let releaseID = id.number else { return nil }
        guard try workspace.dashboardRead({ try $0.release(id: releaseID) }) != nil else { return nil }
        let state = try workspace.signOffState(releaseID: releaseID)
        let release = state.release
        let revision = state.revision
        let incident = try workspace.incident(id: release.incidentID)
        let lines = revision.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let findings = state.findings.map { finding -> FindingRow in
            var length = finding.excerpt.count
            if finding.line >= 1, finding.line <= lines.count {
                length = min(length, max(0, lines[finding.line - 1].count - finding.column + 1))
            }
            return FindingRow(rule: finding.rule, blocking: finding.severity == .block, line: finding.line, column: finding.column,
                              length: length, message: finding.message, suggestion: finding.suggestion)
        }
        let order = Channel.allCases.map(\.slug)
        let renditions = revision.renditions.keys.sorted {
            (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1)
        }.map { slug -> RenditionPreview in
            let text = revision.renditions[slug] ?? ""
            guard let channel = Channel(rawValue: slug) else {
                return RenditionPreview(slug: slug, channel: slug, text: text, length: text.count, limit: nil, problems: [])
            }
            let check = PostValidator.validate(text, for: channel, limits: workspace.settings.limits)
            return RenditionPreview(slug: slug, channel: channel.displayName, text: text, length: check.length, limit: check.limit,
                                    problems: check.problems)
        }
        let posts = try workspace.dashboardRead { try $0.posts(releaseID: releaseID) }.map { post in
            PostRow(id: "\(post.id)", channel: post.channel.displayName, releaseTitle: release.title, status: post.state,
                    state: PostStateWords.words(post, now: workspace.clock.now()),
                    at: post.deliveredAt ?? post.scheduledAt, length: post.text.count, limit: nil)
        }
        var detail = ReleaseDetail(id: id, incidentID: "\(release.incidentID)", incidentTitle: incident.title, title: release.title,
                                   stage: Self.stage(release.status), revision: revision.number, text: revision.text,
                                   renditions: renditions, findings: findings, legalReviewRequired: state.legalReviewRequired,
                                   legalClearedBy: state.legalClearance?.actorHandle, approvedBy: state.approval?.actorHandle,
                                   spokesperson: state.spokesperson?.handle, contentHash: revision.contentHash, posts: posts)
        detail.defaultChannels = release.templateID.flatMap { workspace.settings.templates.template(id: $0) }?.channels.map(\.slug) ?? []
        return detail
    }

    public func scheduleRows(limit: Int) throws -> [ScheduleRow] {
        try workspace.dashboardRead { session in
            let posts = try session.upcomingPosts(limit: limit)
            // Every release named, in one query of two columns (500 waiting posts can name as many releases).
            let titles = try session.releaseTitles(ids: Set(posts.map(\.releaseID)))
            return posts.map { post in
                ScheduleRow(postID: "\(post.id)", releaseID: "\(post.releaseID)", incidentID: "\(post.incidentID)",
                            releaseTitle: titles[post.releaseID] ?? "", channel: post.channel.displayName,
                            status: post.state, state: post.state == .failed ? "failed" : post.state.label, at: post.scheduledAt,
                            retryAt: post.state == .failed ? post.nextAttemptAt : nil, lastError: post.lastError)
            }
        }
    }

    public func templateChoices(incidentID: IncidentID) throws -> (choices: [TemplateChoice], preselected: Int) {
        let library = workspace.settings.templates
        let all = library.all
        var preselected = 0
        if let id = incidentID.number, let incident = try? workspace.incident(id: id),
           let template = library.template(for: incident.kind), let index = all.firstIndex(where: { $0.id == template.id }) {
            preselected = index
        }
        return (all.map { TemplateChoice(id: $0.id, name: $0.name) }, preselected)
    }

    public func editableText(releaseID: ReleaseID) throws -> String {
        let id = try Self.number(releaseID, "release")
        let release = try workspace.release(id: id)
        return EditableRelease.render(try workspace.revision(releaseID: id), title: release.title)
    }

    static func number<Kind>(_ id: RecordID<Kind>, _ what: String) throws -> Int64 {
        guard let number = id.number else { throw OperationError("There is no \(what) \(id).") }
        return number
    }

    /// Numbers that are not one of the four typed records (rumors, named people): the form's picked value.
    static func number(_ text: String, _ what: String) throws -> Int64 {
        guard let number = Int64(text) else { throw OperationError("There is no \(what) \(text).") }
        return number
    }

    public func perform(_ operation: Operation) throws -> OperationOutcome {
        do {
            return try performUnchecked(operation)
        } catch let error as OperationError {
            throw error
        } catch {
            throw OperationError(Self.sentence(error))
        }
    }

    /// An error as the one sentence the user reads (`ErrorSentence`, Core's one home for it).
    static func sentence(_ error: Error) -> String { ErrorSentence.of(error) }

    private func performUnchecked(_ operation: Operation) throws -> OperationOutcome {
        let ws = workspace
        switch operation {
        case .actAs(let name):
            guard let switchIdentity else {
                throw OperationError(":as works only in the demo (onevoice --demo); here you act with your own key.")
            }
            workspace = try switchIdentity(name)
            let person = try workspace.currentPerson()
            return OperationOutcome("Acting as \(person?.handle ?? name) (\(person.map(Self.mainRole) ?? "no role")).")
        case .openIncident(let title, let kindSlug, let location, let spokesperson):
            guard let kind = IncidentKind(rawValue: kindSlug) else { throw OperationError("There is no incident kind \(kindSlug).") }
            let incident = try ws.openIncident(title: title, kind: kind, location: location,
                                               spokesperson: spokesperson.flatMap { $0.isEmpty ? nil : $0 })
            let id = IncidentID(incident.id)
            // The first message: the kind's holding statement is drafted at once (a drafter may; else the picker).
            if let template = ws.settings.templates.template(for: kind),
               let holding = try? ws.draftRelease(incidentID: incident.id, templateID: template.id, holding: true) {
                return OperationOutcome("Opened incident #\(incident.id) and drafted its holding statement (release #\(holding.id)): submit it (s).",
                                        followUp: .draftedHolding(incidentID: id, releaseID: "\(holding.id)"))
            }
            let templates = try templateChoices(incidentID: id)
            return OperationOutcome("Opened incident #\(incident.id).",
                                    followUp: .pickTemplate(incidentID: id, choices: templates.choices, preselected: templates.preselected))
        case .draftRelease(let incidentID, let templateID, let holding):
            let release = try ws.draftRelease(incidentID: try Self.number(incidentID, "incident"), templateID: templateID, holding: holding)
            return OperationOutcome("Drafted release #\(release.id).", followUp: .openRelease("\(release.id)"))
        case .setFactStatus(let factID, let status, let note):
            guard let status = FactStatus(rawValue: status.rawValue) else { throw OperationError("Unknown fact status.") }
            let fact = try ws.setFactStatus(factID: try Self.number(factID, "fact"), to: status, note: note)
            return OperationOutcome("Fact #\(fact.id) is \(fact.status.rawValue).")
        case .clearFact(let factID, let note):
            let fact = try ws.clearFact(factID: try Self.number(factID, "fact"), note: note)
            return OperationOutcome("Fact #\(fact.id) is cleared for release.")
        case .submitRelease(let id):
            let release = try ws.submitRelease(id: try Self.number(id, "release"))
            return OperationOutcome("Release #\(release.id) is in review.")
        case .clearRelease(let id, let note):
            try ws.clearRelease(id: try Self.number(id, "release"), note: note)
            return OperationOutcome("Release #\(id) is cleared by legal.")
        case .approveRelease(let id, let acknowledging, let contentHash):
            let attestation = try ws.approveRelease(id: try Self.number(id, "release"), acknowledging: acknowledging,
                                                    expectedContentHash: contentHash)
            return OperationOutcome("Release #\(id) is approved: you signed \(attestation.contentHash.prefix(12))….")
        case .scheduleRelease(let id, let typed, let slugs):
            let releaseID = try Self.number(id, "release")
            let zone = TimeZone(identifier: try ws.agency().timeZoneIdentifier) ?? .current
            let at = try ScheduleTime.parse(typed.isEmpty ? "+0m" : typed, now: ws.clock.now(), timeZone: zone)
            let channels = try slugs.map { slug in
                guard let channel = Channel(rawValue: slug) else { throw OperationError("There is no channel \(slug).") }
                return channel
            }
            guard !channels.isEmpty else { throw OperationError("Tick at least one channel to schedule release #\(id).") }
            let posts = try ws.scheduleRelease(id: releaseID, at: at, channels: channels)
            let time = TimeText(zoneIdentifier: zone.identifier)
            return OperationOutcome("Release #\(id) goes out \(time.dayAndClock(at)) \(time.abbreviation(at)) on \(posts.count) channel\(posts.count == 1 ? "" : "s").")
        case .rescheduleRelease(let id, let typed):
            let zone = TimeZone(identifier: try ws.agency().timeZoneIdentifier) ?? .current
            let at = try ScheduleTime.parse(typed.isEmpty ? "+0m" : typed, now: ws.clock.now(), timeZone: zone)
            let posts = try ws.rescheduleRelease(id: try Self.number(id, "release"), at: at)
            let time = TimeText(zoneIdentifier: zone.identifier)
            return OperationOutcome("Release #\(id) goes out \(time.dayAndClock(at)) \(time.abbreviation(at)) (\(posts.count) post\(posts.count == 1 ? "" : "s")).")
        case .holdRelease(let id):
            let posts = try ws.holdRelease(id: try Self.number(id, "release"))
            return OperationOutcome("Release #\(id) is held (\(posts.count) post\(posts.count == 1 ? "" : "s")); schedule it again to send.")
        case .cancelRelease(let id):
            let posts = try ws.cancelRelease(id: try Self.number(id, "release"))
            return OperationOutcome("Release #\(id) is cancelled on \(posts.count) channel\(posts.count == 1 ? "" : "s"); it stays approved.")
        case .releaseNow(let id):
            let posts = try ws.releaseNow(id: try Self.number(id, "release"))
            return OperationOutcome("Release #\(id) goes out now on \(posts.count) channel\(posts.count == 1 ? "" : "s").")
        case .markPosted(let postID, let url):
            let post = try ws.markPosted(postID: try Self.number(postID, "post"), url: url.isEmpty ? nil : url)
            return OperationOutcome("Marked post #\(post.id) (\(post.channel.displayName)) posted" + (post.publicURL.map { " at \($0)" } ?? "") + ".")
        case .resendPost(let postID):
            let post = try ws.resendPost(postID: try Self.number(postID, "post"))
            return OperationOutcome("Post #\(post.id) (\(post.channel.displayName)) goes out again at the scheduler's next pass.")
        case .saveEditedRelease(let id, let file):
            let releaseID = try Self.number(id, "release")
            let parsed = try EditableRelease.parse(file)
            let revision = try ws.editRelease(id: releaseID, text: parsed.text, renditions: parsed.renditions)
            return OperationOutcome("Saved revision \(revision.number) of release #\(id).")
        case .addFact(let incidentID, let draft):
            return try addFact(incidentID: incidentID, draft)
        case .editFact(let factID, let draft):
            return try editFact(factID: factID, draft)
        case .assignSpokesperson(let incidentID, let handle):
            return try assignSpokesperson(incidentID: incidentID, handle: handle)
        case .editIncident(let incidentID, let draft):
            return try editIncident(incidentID: incidentID, draft)
        case .closeIncident(let incidentID):
            return try closeIncident(incidentID)
        case .followUp(let releaseID, let correction):
            return try followUp(releaseID: releaseID, correction: correction)
        case .addRumor(let incidentID, let text, let seenAt):
            return try addRumor(incidentID: incidentID, text: text, seenAt: seenAt)
        case .answerRumor(let rumorID, let factID):
            return try answerRumor(rumorID: rumorID, factID: factID)
        case .addNamedPerson(let incidentID, let name, let category):
            return try addNamedPerson(incidentID: incidentID, name: name, category: category)
        case .markNotified(let namedID):
            return try markNotified(namedID: namedID)
        case .addContact(let name, let email, let outlet):
            return try addContact(name: name, email: email, outlet: outlet)
        case .setMode(let exercise):
            return try setMode(exercise: exercise)
        case .addToRoster(let handle, let name, let roles, let publicKey, let agency):
            return try addToRoster(handle: handle, name: name, roles: roles, publicKey: publicKey, agency: agency)
        }
    }
}
