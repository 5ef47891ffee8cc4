import Foundation

/// Who may do what, replayed: each signed action is checked against the state the log had built up to it,
/// so an entry signed validly by someone who was not allowed to take that action is reported. Each action
/// may write only the tables it writes in OneVoice, and only in the way it does.
enum ReplayRules {
    enum Write: Hashable { case insert, update, delete }

    /// The tables (and kinds of write) each action may touch; "*" in an action name matches any suffix.
    static let writes: [String: [String: Set<Write>]] = [
        "agency.init": ["agency": [.insert]],
        "agency.mode": ["agency": [.update]],
        "agency.add": ["partnerAgency": [.insert]],
        // The host's row or a partner's, its name only.
        "agency.rename": ["agency": [.update], "partnerAgency": [.update]],
        "roster.add": ["person": [.insert]],
        "roster.remove": ["person": [.update]],
        "roster.roles": ["person": [.update]],
        "incident.open": ["incident": [.insert]],
        "incident.close": ["incident": [.update]],
        "incident.edit": ["incident": [.update]],
        "incident.spokesperson": ["incident": [.update]],
        "incident.agencies": ["incident": [.update]],
        "fact.add": ["fact": [.insert]],
        "fact.edit": ["fact": [.update]],
        "fact.*": ["fact": [.update]],
        "attest.*": ["attestation": [.insert]],
        "release.draft": ["pressRelease": [.insert]],
        "release.revise": ["releaseRevision": [.insert], "pressRelease": [.update], "attestation": [.update]],
        "release.*": ["pressRelease": [.update], "post": [.insert, .update]],
        "post.*": ["post": [.update]],
        // The identifiers a release went out under on a channel, kept at its first delivery there.
        "post.identity": ["publishedIdentity": [.insert]],
        "contact.add": ["contact": [.insert]],
        "contact.remove": ["contact": [.update]],
        "named.add": ["namedPerson": [.insert]],
        "named.notified": ["namedPerson": [.update]],
        "rumor.add": ["rumor": [.insert]],
        "rumor.answer": ["rumor": [.update]],
        "archive.dispose": ["disposal": [.insert]],
        "archive.export": [:],
    ]

    static func allowedWrites(_ action: String) -> [String: Set<Write>]? {
        if let exact = writes[action] { return exact }
        guard let dot = action.firstIndex(of: ".") else { return nil }
        return writes[action[..<dot] + ".*"]
    }

    /// Every way `entry` breaks the rules as they stood before it, as sentences.
    static func check(_ entry: LogEntry, images: [RowImages.Image], state: LogReplay) -> [String] {
        var problems: [String] = []
        guard let allowed = allowedWrites(entry.action) else {
            return ["\(entry.action) is not an action OneVoice takes."]
        }
        for image in images {
            let existed = state.image(image.table, image.id) != nil
            let kind: Write = image.json == nil ? .delete : (existed ? .update : .insert)
            if !(allowed[image.table]?.contains(kind) ?? false) {
                problems.append("it \(kind == .insert ? "added" : kind == .update ? "changed" : "removed") \(image.table) #\(image.id), which \(entry.action) never does.")
            }
        }
        let actor = state.person(entry.actorID)
        func holds(_ roles: [Role]) -> Bool { actor.map { person in roles.contains { person.has($0) } } ?? false }
        func need(_ roles: [Role]) {
            if !holds(roles) {
                problems.append("\(entry.actorHandle) did not hold the \(roles.map(\.rawValue).joined(separator: " or ")) role at that point.")
            }
        }
        func after<T: Sendable>(_ table: String, _ decode: (String) -> T?) -> [T] {
            images.compactMap { image in
                guard image.table == table, let json = image.json else { return nil }
                return state.decode(table, image.id, json: json, decode)
            }
        }
        let verb = entry.action.split(separator: ".").last.map(String.init) ?? ""
        problems += agencyProblems(entry, images: images, actor: actor, state: state)

        switch entry.action {
        case "agency.init":
            break
        case "agency.mode", "agency.add", "agency.rename", "archive.dispose":
            need([.admin])
        case "roster.add":
            if state.roster.isEmpty {
                let founder = after("person") { RowImageDecoder.decode(Person.self, $0) }.first
                if founder?.publicKey != state.foundingKey || !(founder?.has(.admin) ?? false) {
                    problems.append("the first person enrolled must be the founding admin, holding the key that founded the agency.")
                }
            } else {
                need([.admin])
            }
        case "roster.remove", "roster.roles":
            need([.admin])
            var roster = Dictionary(uniqueKeysWithValues: state.roster.map { ($0.id, $0) })
            for image in images where image.table == "person" {
                let removed = image.json.flatMap { RowImageDecoder.columns($0) }.map { ($0["removedAt"] ?? "null") != "null" } ?? true
                roster[image.id] = removed ? nil : image.json.flatMap { RowImageDecoder.decode(Person.self, $0) }
            }
            if !roster.values.contains(where: { $0.has(.admin) && $0.agencyID == AgencyID.host }) {
                problems.append("it left the roster without an admin of the host agency.")
            }
        case "incident.open":
            need([.drafter, .spokesperson, .admin])
            for incident in after("incident", { RowImageDecoder.decode(Incident.self, $0) }) {
                if incident.openedBy != entry.actorID { problems.append("incident #\(incident.id) names someone else as the person who opened it.") }
                if let mode = state.agency()?.mode, incident.isExercise != (mode == .exercise) {
                    problems.append("incident #\(incident.id) is \(incident.isExercise ? "an exercise" : "live") in a \(mode.rawValue) workspace.")
                }
                checkSpokesperson(incident.spokespersonID, state: state, into: &problems)
            }
        case "incident.agencies":
            need([.admin, .spokesperson, .drafter])
        case "incident.close", "incident.edit":
            need([.drafter, .spokesperson, .admin])
            checkIncidentUpdates(images, state: state, allowSpokespersonChange: false, into: &problems)
        case "incident.spokesperson":
            for incident in after("incident", { RowImageDecoder.decode(Incident.self, $0) }) {
                let before = state.incident(incident.id)
                let isCurrent = before?.spokespersonID != nil && before?.spokespersonID == entry.actorID
                let fillsEmptySeat = before?.spokespersonID == nil && holds([.drafter])
                if !(holds([.admin]) || isCurrent || fillsEmptySeat) {
                    problems.append("only an admin or the current spokesperson can hand over incident #\(incident.id).")
                }
                checkSpokesperson(incident.spokespersonID, state: state, into: &problems)
            }
            checkIncidentUpdates(images, state: state, allowSpokespersonChange: true, into: &problems)
        case "fact.add":
            need([.drafter, .verifier, .spokesperson])
            for fact in after("fact", { RowImageDecoder.decode(Fact.self, $0) }) {
                if fact.recordedBy != entry.actorID { problems.append("fact #\(fact.id) names someone else as the person who recorded it.") }
                if fact.status != .unverified || fact.clearedForRelease || fact.statusBy != nil {
                    problems.append("fact #\(fact.id) was recorded as \(fact.status.rawValue)\(fact.clearedForRelease ? " and cleared" : ""); a new fact is unverified until someone else checks it.")
                }
            }
        case "fact.verified", "fact.disputed", "fact.retracted", "fact.unverified":
            need([.verifier])
            for fact in after("fact", { RowImageDecoder.decode(Fact.self, $0) }) {
                guard let before = state.fact(fact.id) else { continue }
                if before.recordedBy == entry.actorID { problems.append("\(entry.actorHandle) recorded fact #\(fact.id) and cannot \(verb == "verified" ? "verify" : "change the status of") it (two-person rule).") }
                if fact.status.rawValue != verb || fact.statusBy != entry.actorID {
                    problems.append("fact #\(fact.id) was set to \(fact.status.rawValue) by person #\(fact.statusBy.map(String.init) ?? "nobody"), not \(verb) by \(entry.actorHandle).")
                }
                if fact.clearedForRelease && !before.clearedForRelease {
                    problems.append("fact #\(fact.id) was cleared for release by a verifier; only legal clears.")
                }
                checkOnlyColumns(state: state, after: images, table: "fact", id: fact.id,
                                 may: ["status", "statusBy", "statusAt", "clearedForRelease"], into: &problems)
            }
        case "fact.edit":
            need([.drafter, .verifier, .spokesperson])
            for fact in after("fact", { RowImageDecoder.decode(Fact.self, $0) }) {
                if state.fact(fact.id)?.status != .unverified {
                    problems.append("fact #\(fact.id) was corrected after it was checked; a checked fact stays as it was signed.")
                }
                checkOnlyColumns(state: state, after: images, table: "fact", id: fact.id,
                                 may: ["text", "source", "sourceKind", "key"], into: &problems)
            }
        case "fact.clear":
            need([.legal])
            for fact in after("fact", { RowImageDecoder.decode(Fact.self, $0) }) {
                if fact.status != .verified { problems.append("fact #\(fact.id) was cleared while \(fact.status.rawValue).") }
                checkOnlyColumns(state: state, after: images, table: "fact", id: fact.id,
                                 may: ["clearedForRelease"], into: &problems)
            }
        case let action where action.hasPrefix("attest."):
            for attestation in after("attestation", { RowImageDecoder.decode(Attestation.self, $0) }) {
                checkAttestation(attestation, entry: entry, actor: actor, state: state, into: &problems)
            }
        case "release.draft", "release.revise", "release.status", "release.submit":
            let corrections = after("pressRelease") { RowImageDecoder.decode(Release.self, $0) }.allSatisfy { $0.kind == .correction }
            need(corrections ? [.drafter, .spokesperson, .verifier] : [.drafter, .spokesperson])
            for release in after("pressRelease", { RowImageDecoder.decode(Release.self, $0) }) {
                let before = state.release(release.id)
                if before == nil && release.createdBy != entry.actorID { problems.append("release #\(release.id) names someone else as its author.") }
                if before == nil && release.status != .draft { problems.append("release #\(release.id) began as \(release.status.label), not as a draft.") }
                if before?.status == .released { problems.append("release #\(release.id) was already released; it changes only through a correction or update.") }
                if entry.action == "release.submit" && (before?.status != .draft || release.status != .inReview) {
                    problems.append("release #\(release.id) went from \(before?.status.label ?? "nothing") to \(release.status.label), which a submission does not do.")
                }
                if [.approved, .scheduled, .released].contains(release.status) && before?.status != release.status {
                    problems.append("release #\(release.id) became \(release.status.label) without the spokesperson's approval.")
                }
            }
            for revision in after("releaseRevision", { RowImageDecoder.decode(ReleaseRevision.self, $0) }) {
                if revision.authorID != entry.actorID { problems.append("revision \(revision.number) of release #\(revision.releaseID) names someone else as its author.") }
                if revision.contentHash != ReleaseRevision.hash(text: revision.text, renditions: revision.renditions) {
                    problems.append("revision \(revision.number) of release #\(revision.releaseID) does not match its content hash.")
                }
            }
            for image in images where image.table == "attestation" {
                checkOnlyColumns(state: state, after: images, table: "attestation", id: image.id,
                                 may: ["supersededAt"], into: &problems)
            }
        case "release.approve":
            for release in after("pressRelease", { RowImageDecoder.decode(Release.self, $0) }) {
                guard let incident = state.incident(release.incidentID) else { continue }
                if incident.spokespersonID != entry.actorID || !holds([.spokesperson]) {
                    problems.append("only the incident's spokesperson approves, and \(entry.actorHandle) was not.")
                }
                if currentApproval(of: release, state: state) == nil {
                    problems.append("release #\(release.id) was marked approved, but its current revision carries no approval by the spokesperson.")
                }
            }
        case "release.released":
            for release in after("pressRelease", { RowImageDecoder.decode(Release.self, $0) }) where release.status == .released {
                if state.posts(ofRelease: release.id).contains(where: { $0.state == .delivering || $0.state == .scheduled }) {
                    problems.append("release #\(release.id) was marked released while posts were still waiting.")
                }
            }
        case let action where action.hasPrefix("release."):
            for release in after("pressRelease", { RowImageDecoder.decode(Release.self, $0) }) {
                checkScheduler(release: release, entry: entry, actor: actor, state: state, into: &problems)
            }
            for post in after("post", { RowImageDecoder.decode(Post.self, $0) }) {
                if let release = state.release(post.releaseID), !after("pressRelease", { RowImageDecoder.decode(Release.self, $0) }).contains(where: { $0.id == release.id }) {
                    checkScheduler(release: release, entry: entry, actor: actor, state: state, into: &problems)
                }
                if post.state == .delivered || post.state == .delivering, state.post(post.id)?.state != post.state {
                    problems.append("post #\(post.id) was marked \(post.state.rawValue) by \(entry.action), which never sends.")
                }
            }
        case "post.claim":
            for post in after("post", { RowImageDecoder.decode(Post.self, $0) }) {
                checkPublishedIsSigned(post, state: state, into: &problems)
            }
        case "post.delivered":
            for post in after("post", { RowImageDecoder.decode(Post.self, $0) }) where post.state == .delivered {
                if state.post(post.id)?.state != .delivering {
                    problems.append("post #\(post.id) was marked delivered without being claimed for delivery first.")
                }
                if state.post(post.id)?.text != post.text { problems.append("post #\(post.id) went out with another text than was claimed.") }
            }
        case "post.mark_posted", "post.resend":
            for post in after("post", { RowImageDecoder.decode(Post.self, $0) }) {
                if let release = state.release(post.releaseID) {
                    checkScheduler(release: release, entry: entry, actor: actor, state: state, into: &problems)
                }
                let before = state.post(post.id)?.state
                let allowed: (from: Set<PostState>, to: PostState) = entry.action == "post.resend"
                    ? ([.needsCheck, .credentialsExpired], .scheduled) : ([.handOff, .handOffOverdue, .needsCheck], .delivered)
                if !(before.map(allowed.from.contains) ?? false) || post.state != allowed.to {
                    problems.append("post #\(post.id) went from \(before?.rawValue ?? "nothing") to \(post.state.rawValue), which \(entry.action) never does.")
                }
                if entry.action == "post.mark_posted" && post.isExercise {
                    problems.append("post #\(post.id) is an exercise post; exercise posts are never posted to a platform.")
                }
            }
        case let action where action.hasPrefix("post."):
            for post in after("post", { RowImageDecoder.decode(Post.self, $0) }) where post.state == .delivered {
                problems.append("post #\(post.id) was marked delivered by \(action).")
            }
        case "contact.add", "contact.remove":
            need([.drafter, .spokesperson, .admin])
        case "named.add", "rumor.add":
            need([.drafter, .verifier, .spokesperson])
        case "named.notified":
            need([.verifier])
        case "rumor.answer":
            need([.drafter, .spokesperson])
        case "archive.export":
            if actor == nil { problems.append("the exporter is not in the roster.") }
        default:
            break
        }
        return problems
    }

    // MARK: - The rules behind the actions

    private static func checkSpokesperson(_ id: Int64?, state: LogReplay, into problems: inout [String]) {
        guard let id else { return }
        guard let person = state.person(id), !state.personRemoved(id), person.has(.spokesperson) else {
            problems.append("person #\(id) was made spokesperson without holding the spokesperson role.")
            return
        }
    }

    private static func checkIncidentUpdates(_ images: [RowImages.Image], state: LogReplay, allowSpokespersonChange: Bool,
                                             into problems: inout [String]) {
        for image in images where image.table == "incident" {
            // Which agency an incident belongs to never changes; which take part changes only by incident.agencies.
            var fixed: Set<String> = ["id", "openedBy", "openedAt", "isExercise", "agencyID", "jointAgencies"]
            if !allowSpokespersonChange { fixed.insert("spokespersonID") }
            checkUnchanged(fixed.contains, state: state, after: image.json, table: "incident", id: image.id, into: &problems)
        }
    }

    /// The columns of `table` #`id` that `fixed` names are as they were before the entry.
    /// Columns of record added by a later schema step, with their defaults as an image spells them: an image
    /// written before the step lacks them, and means the default.
    static let addedColumnDefaults: [String: [String: String]] = [
        "person": ["agencyID": "0"],
        "incident": ["agencyID": "0", "jointAgencies": "\"[]\""],
    ]

    static func checkUnchanged(_ fixed: (String) -> Bool, state: LogReplay, after: String?, table: String, id: Int64,
                                       into problems: inout [String]) {
        guard let before = state.image(table, id).flatMap({ state.columns(table, id, json: $0) }),
              let after = after.flatMap({ state.columns(table, id, json: $0) }) else { return }
        // A column added since the row was written reads as its default in an image that lacks it.
        let added = addedColumnDefaults[table] ?? [:]
        for column in Set(before.keys).union(after.keys).sorted()
        where fixed(column) && (before[column] ?? added[column]) != (after[column] ?? added[column]) {
            problems.append("it changed column \(column) of \(table) #\(id), which it may not.")
        }
    }

    /// Every column of `table` #`id` but those in `may` is as it was before the entry.
    static func checkOnlyColumns(state: LogReplay, after images: [RowImages.Image], table: String, id: Int64,
                                         may: Set<String>, into problems: inout [String]) {
        let after = images.first { $0.table == table && $0.id == id }?.json
        checkUnchanged({ !may.contains($0) }, state: state, after: after, table: table, id: id, into: &problems)
    }

    private static func checkAttestation(_ attestation: Attestation, entry: LogEntry, actor: Person?, state: LogReplay,
                                         into problems: inout [String]) {
        if attestation.actorID != entry.actorID || attestation.publicKey != entry.actorKey {
            problems.append("attestation #\(attestation.id) is made out to someone other than who signed the entry.")
        }
        if !state.hasValidSignature(attestation) {
            problems.append("attestation #\(attestation.id) has a signature that does not match its content.")
        }
        guard let actor else { return }
        if !actor.has(attestation.role) {
            problems.append("\(actor.handle) signed as \(attestation.role.rawValue) without holding that role.")
        }
        switch (attestation.subjectType, attestation.verdict) {
        case ("fact", "verified"), ("fact", "disputed"), ("fact", "retracted"), ("fact", "unverified"):
            if !actor.has(.verifier) { problems.append("only a verifier can mark a fact \(attestation.verdict).") }
            if let fact = state.fact(attestation.subjectID) {
                if fact.recordedBy == actor.id { problems.append("\(actor.handle) recorded fact #\(fact.id) and cannot check it (two-person rule).") }
                if fact.contentHash != attestation.contentHash { problems.append("attestation #\(attestation.id) signs content fact #\(fact.id) did not hold.") }
            } else {
                problems.append("attestation #\(attestation.id) is about fact #\(attestation.subjectID), which the log never recorded.")
            }
        case ("fact", "cleared"):
            if !actor.has(.legal) { problems.append("only legal clears a fact for release.") }
        case ("release", "cleared"):
            if !actor.has(.legal) { problems.append("only legal clears a release.") }
            if let release = state.release(attestation.subjectID), release.status != .inReview {
                problems.append("release #\(release.id) was cleared while \(release.status.label), not in review.")
            }
        case ("release", "approved"):
            checkApproval(attestation, actor: actor, entry: entry, state: state, into: &problems)
        case ("incident", "spokesperson-assigned"):
            break
        case ("agency", let verdict) where verdict.hasPrefix("mode-"):
            if !actor.has(.admin) { problems.append("only an admin switches between exercise and live.") }
        case ("post", "posted"):
            let release = state.post(attestation.subjectID).flatMap { state.release($0.releaseID) }
            let incident = release.flatMap { state.incident($0.incidentID) }
            if !actor.has(.drafter) && !(incident?.spokespersonID == actor.id && actor.has(.spokesperson)) {
                problems.append("only the incident's spokesperson or a drafter marks a post posted.")
            }
        case ("named-person", "next-of-kin-notified"):
            if !actor.has(.verifier) { problems.append("only a verifier confirms a next-of-kin notification.") }
        case (_, "disposed"):
            if !actor.has(.admin) { problems.append("only an admin disposes of a record.") }
        default:
            problems.append("attestation #\(attestation.id) is a \(attestation.verdict) of a \(attestation.subjectType), which OneVoice never signs.")
        }
    }

    /// The sign-off as it was at that point: the incident's one spokesperson, a release in review, the exact
    /// current revision, legal's clearance where it was required, and nothing the record then blocked.
    private static func checkApproval(_ attestation: Attestation, actor: Person, entry: LogEntry, state: LogReplay,
                                      into problems: inout [String]) {
        guard let release = state.release(attestation.subjectID), let incident = state.incident(release.incidentID) else {
            problems.append("attestation #\(attestation.id) approves release #\(attestation.subjectID), which the log never recorded.")
            return
        }
        if incident.spokespersonID != actor.id || !actor.has(.spokesperson) {
            problems.append("\(actor.handle) approved release #\(release.id) but was not the spokesperson of incident #\(incident.id).")
        }
        if release.status != .inReview {
            problems.append("release #\(release.id) was approved while \(release.status.label), not in review.")
        }
        let revisions = state.revisions(ofRelease: release.id)
        guard let current = revisions.first(where: { $0.number == release.currentRevision }) else {
            problems.append("release #\(release.id) has no current revision to approve.")
            return
        }
        if !state.signs(attestation, release, current, incident) {
            problems.append("the approval of release #\(release.id) signs content that is not its current revision as it would be published.")
        }
        let checker = ReleaseChecker(settings: .builtIn)
        if checker.requiresLegalReview(release, incident: incident, revision: current.number),
           !state.attestations(subjectType: "release", subjectID: release.id).contains(where: {
               $0.verdict == "cleared" && $0.supersededAt == nil && state.signs($0, release, current, incident) }) {
            problems.append("release #\(release.id) was approved without the legal clearance it needed.")
        }
        // Only facts that could block are looked for in the text: a verified fact (cleared, where legal review
        // applies) raises no finding, and searching every fact of a large incident at every approval is slow.
        let needsClearance = checker.requiresLegalReview(release, incident: incident, revision: current.number)
        let blocking = state.facts(ofIncident: incident.id).filter { $0.status != .verified || (needsClearance && !$0.clearedForRelease) }
        let words = Dictionary(blocking.map { ($0.id, state.factWords($0)) }, uniquingKeysWith: { first, _ in first })
        let subject = ReleaseChecker.Subject(release: release, revision: current, incident: incident,
                                             facts: blocking,
                                             namedPeople: state.namedPeople(ofIncident: incident.id), now: entry.date,
                                             factWords: { fact in words[fact.id] ?? ReleaseChecker.statementWords(fact) })
        // What the record itself blocked (not the agency's configurable text rules or template requirements).
        for finding in checker.factFindings(subject) + checker.holdFindings(subject)
        where finding.severity == .block && (finding.rule.hasPrefix("hold-") || ["unverified-fact", "fact-not-cleared"].contains(finding.rule)) {
            problems.append("release #\(release.id) was approved while the record blocked it: \(finding.message)")
        }
    }

    /// The approval in force for a release's current revision, if any.
    static func currentApproval(of release: Release, state: LogReplay, revisionNumber: Int? = nil) -> Attestation? {
        let number = revisionNumber ?? release.currentRevision
        guard let revision = state.revisions(ofRelease: release.id).first(where: { $0.number == number }),
              let incident = state.incident(release.incidentID) else { return nil }
        return state.attestations(subjectType: "release", subjectID: release.id).last {
            $0.verdict == "approved" && $0.supersededAt == nil && state.signs($0, release, revision, incident)
        }
    }

    /// Scheduling, holding, cancelling: the incident's spokesperson or a drafter, on an approved release.
    private static func checkScheduler(release: Release, entry: LogEntry, actor: Person?, state: LogReplay,
                                       into problems: inout [String]) {
        let incident = state.incident(release.incidentID)
        let isSpokesperson = incident?.spokespersonID == entry.actorID && (actor?.has(.spokesperson) ?? false)
        if !isSpokesperson && !(actor?.has(.drafter) ?? false) {
            problems.append("only the incident's spokesperson or a drafter can \(entry.action.dropFirst("release.".count)) release #\(release.id).")
        }
        if entry.action == "release.schedule", let before = state.release(release.id), before.status != .approved && before.status != .scheduled {
            problems.append("release #\(release.id) was scheduled while \(before.status.label), not approved.")
        }
    }

    /// What a scheduler claims to send is exactly what the spokesperson signed: an approval in force of the
    /// revision the post carries, by the incident's spokesperson, and the post's text is that revision's text
    /// for its channel.
    private static func checkPublishedIsSigned(_ post: Post, state: LogReplay, into problems: inout [String]) {
        guard let release = state.release(post.releaseID) else {
            problems.append("post #\(post.id) belongs to release #\(post.releaseID), which the log never recorded.")
            return
        }
        guard let approval = currentApproval(of: release, state: state, revisionNumber: post.revisionNumber) else {
            problems.append("post #\(post.id) was sent without an approval in force of revision \(post.revisionNumber) of release #\(release.id).")
            return
        }
        if state.incident(release.incidentID)?.spokespersonID != approval.actorID {
            problems.append("post #\(post.id) was sent on an approval by \(approval.actorHandle), who is not the incident's spokesperson.")
        }
        let revision = state.revisions(ofRelease: release.id).first { $0.number == post.revisionNumber }
        if revision?.renditions[post.channel.slug] != post.text {
            problems.append("post #\(post.id) carries a text that revision \(post.revisionNumber) of release #\(release.id) does not hold for \(post.channel.displayName).")
        }
        if let incident = state.incident(release.incidentID), incident.isExercise != post.isExercise {
            problems.append("post #\(post.id) is marked \(post.isExercise ? "exercise" : "live") for a \(incident.isExercise ? "exercise" : "live") incident.")
        }
    }
}
