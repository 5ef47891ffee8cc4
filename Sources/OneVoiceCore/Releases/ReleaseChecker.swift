import Dispatch
import Foundation
import Synchronization

/// Runs every release-of-information check on one revision: the agency's text rules, and the
/// checks that need the record (fact status, holds, required facts, legal clearance, lengths).
public struct ReleaseChecker: Sendable {
    public let settings: WorkspaceSettings

    public init(settings: WorkspaceSettings) { self.settings = settings }

    /// Everything the checks need, read in one snapshot.
    public struct Subject: Sendable {
        public var release: Release
        public var revision: ReleaseRevision
        public var incident: Incident
        public var facts: [Fact]
        public var namedPeople: [NamedPerson]
        public var now: Date
        /// A fact's folded words (`WordIndex.phrase` of its statement) from a caller that keeps them across
        /// checks; nil computes them each time.
        public var factWords: (@Sendable (Fact) -> [String])?
        /// The names of the agencies a joint incident's release speaks for (empty for one agency's own).
        public var agencyNames: [String]

        public init(release: Release, revision: ReleaseRevision, incident: Incident, facts: [Fact],
                    namedPeople: [NamedPerson], now: Date, factWords: (@Sendable (Fact) -> [String])? = nil,
                    agencyNames: [String] = []) {
            self.release = release
            self.revision = revision
            self.incident = incident
            self.facts = facts
            self.namedPeople = namedPeople
            self.now = now
            self.factWords = factWords
            self.agencyNames = agencyNames
        }
    }

    /// Kinds where legal review is required even without a template that says so.
    static let legalReviewKinds: Set<IncidentKind> = [.officerInvolvedShooting, .inCustodyDeath, .useOfForce, .highProfileArrest]

    public func template(for release: Release) -> Template? {
        release.templateID.flatMap { settings.templates.template(id: $0) }
    }

    /// Legal reviews what the template asks for. A holding statement still exactly as drafted from its
    /// template (revision 1) was cleared with the template in advance: that is what pre-planning is for.
    public func requiresLegalReview(_ release: Release, incident: Incident, revision: Int? = nil) -> Bool {
        if release.isHolding, release.templateID != nil, template(for: release) != nil, (revision ?? release.currentRevision) == 1 {
            return false
        }
        return template(for: release)?.legalReview ?? Self.legalReviewKinds.contains(incident.kind)
    }

    /// Every field that is published with the revision: the text, the headline (CAP headline, feed
    /// title, e-mail subject), the location (CAP area), the incident title when it differs from the
    /// headline, and each channel's text.
    public func publishedFields(_ subject: Subject) -> [PublishedField] {
        var fields: [PublishedField] = [.text(subject.revision.text), .headline(subject.release.headline)]
        if !subject.incident.location.isEmpty { fields.append(.area(subject.incident.location)) }
        if subject.incident.title != subject.release.headline { fields.append(.incidentTitle(subject.incident.title)) }
        for (slug, text) in subject.revision.renditions.sorted(by: { $0.key < $1.key }) {
            if let channel = Channel(rawValue: slug) {
                fields.append(.rendition(channel, text: text))
            } else {
                fields.append(PublishedField(name: "rendition:\(slug)", label: "the \(slug) text", text: text))
            }
        }
        return fields
    }

    public func check(_ subject: Subject) -> [Finding] {
        let text = subject.revision.text
        let context = PolicyContext(incidentKind: subject.incident.kind, incidentActive: subject.incident.isActive,
                                    publicContacts: settings.publicContacts)
        // The rules over the text, the rules over each other published field, and the facts over every field do
        // not depend on one another: they run at once, on every core. On one core they took 10 ms of opening a
        // large incident's release (61 expressions over 9 texts, 400 facts).
        let fields = publishedFields(subject).filter { $0.name != PublishedField.textName }
        let fieldContext = {
            var fieldContext = context
            fieldContext.incidentActive = false // the caveat belongs to the release text, not each field
            return fieldContext
        }()
        let parts = Mutex<[Int: [Finding]]>([:])
        DispatchQueue.concurrentPerform(iterations: fields.count + 2) { part in
            let found = switch part {
            case 0: PolicyChecker.check(text: text, ruleSet: settings.ruleSet, context: context)
            case 1: factFindings(subject)
            default: PolicyChecker.check(text: fields[part - 2].text, ruleSet: settings.ruleSet, context: fieldContext)
            }
            parts.withLock { $0[part] = found }
        }
        let found = parts.withLock { $0 }
        var findings = found[0] ?? []
        let known = Set(findings.map { "\($0.rule)|\($0.excerpt)" })
        for (index, field) in fields.enumerated() {
            findings += Self.fieldFindings(found[index + 2] ?? [], in: field, known: known)
        }
        findings += found[1] ?? []
        findings += holdFindings(subject)
        findings += lengthFindings(subject)
        findings += jointAgencyFindings(subject)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            findings.append(Finding(rule: "empty", severity: .block, line: 1, column: 1, excerpt: "",
                                    message: "The release has no text yet.", suggestion: "Write it, or draft it from a template."))
        }
        return findings.sorted {
            if $0.severity != $1.severity { return $0.severity < $1.severity }
            return ($0.line, $0.column) < ($1.line, $1.column)
        }
    }

    /// A joint incident's release speaks for every agency taking part, and its text must say so by name.
    func jointAgencyFindings(_ subject: Subject) -> [Finding] {
        guard subject.agencyNames.count > 1 else { return [] }
        let text = AgencyName.folded(subject.revision.text)
        let missing = subject.agencyNames.filter { !text.contains(AgencyName.folded($0)) }
        guard !missing.isEmpty else { return [] }
        return [Finding(rule: "joint-agencies", severity: .block, line: 1, column: 1, excerpt: "",
                        message: "This is a joint incident; the release does not name \(AgencyDirectory.phrase(missing)).",
                        suggestion: "Name every agency taking part: \(AgencyDirectory.phrase(subject.agencyNames)).")]
    }

    /// The text rules' findings in a published field besides the text (the headline and the location always),
    /// named by the field; a channel's own text reports only what the main text does not say already.
    private static func fieldFindings(_ found: [Finding], in field: PublishedField, known: Set<String>) -> [Finding] {
        let isRendition = field.name.hasPrefix("rendition:")
        return found.filter { !(isRendition && known.contains("\($0.rule)|\($0.excerpt)")) }.map { finding in
            var finding = finding
            finding.field = field.name
            finding.message = "In \(field.label): " + finding.message
            return finding
        }
    }

    /// Facts the text repeats must be verified (and cleared where legal review applies);
    /// a full release needs its template's required facts verified.
    ///
    /// A fact is found whatever the case, spacing, punctuation or invisible characters between its words,
    /// in every published field; each field reports it at its first place.
    func factFindings(_ subject: Subject) -> [Finding] {
        let needsClearance = requiresLegalReview(subject.release, incident: subject.incident, revision: subject.revision.number)
        var result: [Finding] = []
        var fields: [(PublishedField, WordIndex)]?
        // A verified fact (cleared, where legal review applies) raises nothing wherever it appears.
        for fact in subject.facts where fact.status != .verified || (needsClearance && !fact.clearedForRelease) {
            let statement = fact.text.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
            let words = subject.factWords?(fact) ?? Self.statementWords(fact)
            guard statement.count >= 8, words.count >= 2 else { continue }
            if fields == nil { fields = publishedFields(subject).map { ($0, WordIndex($0.text)) } }
            for (field, index) in fields ?? [] {
                guard let range = index.ranges(of: words).first else { continue }
                let place = field.name == PublishedField.textName ? "" : "In \(field.label): "
                if fact.status != .verified {
                    result.append(Finding(rule: "unverified-fact", severity: .block, range: range, in: field.text,
                                          message: place + "Fact #\(fact.id) is \(fact.status.rawValue): only verified facts can be released.",
                                          suggestion: fact.status == .unverified ? "Have a verifier check it, or take it out." : "Take it out.",
                                          field: field.name))
                } else if needsClearance && !fact.clearedForRelease {
                    result.append(Finding(rule: "fact-not-cleared", severity: .block, range: range, in: field.text,
                                          message: place + "Fact #\(fact.id) is verified but not cleared for release by legal.",
                                          suggestion: "Ask legal to clear it (`onevoice fact clear \(fact.id)`).", field: field.name))
                }
            }
        }
        if !subject.release.isHolding, let template = template(for: subject.release) {
            for key in template.requiredFacts {
                let verified = subject.facts.contains { $0.key == key && $0.status == .verified }
                if !verified {
                    result.append(Finding(rule: "required-fact", severity: .block, line: 1, column: 1, excerpt: "",
                                          message: "The \(template.name) template needs the fact \"\(key)\" verified before a full release.",
                                          suggestion: "Record it with --key \(key) and have it verified, or send a holding statement."))
                }
            }
        }
        return result
    }

    /// The folded words of a fact's statement, as the texts are searched for it.
    public static func statementWords(_ fact: Fact) -> [String] {
        WordIndex.phrase(fact.text.trimmingCharacters(in: CharacterSet(charactersIn: " .")))
    }

    /// Names under a hold: officers during the hold after a shooting, victims and the deceased
    /// before their next of kin are told, juveniles always.
    func holdFindings(_ subject: Subject) -> [Finding] {
        let template = template(for: subject.release)
        let officerHours: Int? = {
            for hold in template?.holds ?? [] where hold.appliesTo == "officer-names" {
                if case .hours(let hours) = hold.duration { return hours }
            }
            return subject.incident.kind == .officerInvolvedShooting ? 72 : nil
        }()
        var result: [Finding] = []
        var fields: [(field: PublishedField, words: WordIndex)]?
        for person in subject.namedPeople {
            let reason: (rule: String, message: String, suggestion: String)?
            switch person.category {
            case .officer:
                if let hours = officerHours, subject.now < subject.incident.openedAt.addingTimeInterval(Double(hours) * 3600) {
                    let ends = subject.incident.openedAt.addingTimeInterval(Double(hours) * 3600)
                    reason = ("hold-officer-name", "Officer names are held for \(hours) hours after the incident (until \(Timestamps.iso8601(ends))).",
                              "Say \"an officer\" instead.")
                } else { reason = nil }
            case .victim, .deceased:
                reason = person.nextOfKinNotified ? nil
                    : ("hold-next-of-kin", "\(person.name) cannot be named before next of kin are notified.", "Say \"a man\", \"a woman\" or \"the victim\" instead.")
            case .juvenile:
                reason = ("juvenile-name", "\(person.name) is a juvenile and is never named.", "Say \"a juvenile\" instead.")
            case .suspect, .other:
                reason = nil
            }
            guard let reason else { continue }
            if fields == nil { fields = publishedFields(subject).map { ($0, WordIndex($0.text)) } }
            for (field, words) in fields ?? [] {
                for range in nameRanges(of: person.name, in: words) {
                    result.append(Finding(rule: reason.rule, severity: .block, range: range, in: field.text,
                                          message: (field.name == PublishedField.textName ? "" : "In \(field.label): ") + reason.message,
                                          suggestion: reason.suggestion, field: field.name))
                }
            }
        }
        return result
    }

    /// Where a person's full name, or their surname alone, appears as whole words, whatever the case,
    /// accents, spacing or invisible characters inside it.
    func nameRanges(of name: String, in text: WordIndex) -> [Range<String.Index>] {
        let nameWords = WordIndex.phrase(name)
        var needles = [nameWords]
        if nameWords.count > 1, let surname = nameWords.last, surname.count >= 3 { needles.append([surname]) }
        var ranges: [Range<String.Index>] = []
        for needle in needles {
            for range in text.ranges(of: needle) where !ranges.contains(where: { $0.overlaps(range) }) {
                ranges.append(range)
            }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Each channel's text must fit its platform, counted by the one validator.
    private func lengthFindings(_ subject: Subject) -> [Finding] {
        subject.revision.renditions.sorted { $0.key < $1.key }.compactMap { slug, text in
            guard let channel = Channel(rawValue: slug) else { return nil }
            let check = PostValidator.validate(text, for: channel, limits: settings.limits)
            guard !check.valid else { return nil }
            return Finding(rule: "length-\(slug)", severity: .block, line: 1, column: 1, excerpt: "",
                           message: check.problems.joined(separator: " "),
                           suggestion: "Shorten the \(channel.displayName) text.", field: "rendition:\(slug)")
        }
    }
}
