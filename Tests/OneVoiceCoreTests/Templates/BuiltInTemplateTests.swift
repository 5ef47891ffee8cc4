import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Built-in templates")
struct BuiltInTemplateTests {
    static let library = TemplateLibrary.builtIn()
    static let rules = (try? PolicyRuleSet.load().activeRules) ?? []

    @Test func oneTemplatePerIncidentKindWithTheKindsSlugAsId() {
        #expect(Self.library.problems.isEmpty, "\(Self.library.problems)")
        for kind in IncidentKind.allCases {
            let template = Self.library.template(id: kind.slug)
            #expect(template?.kind == kind, "no built-in template for \(kind.slug)")
            #expect(template?.source == "builtin:\(kind.slug).toml")
        }
        #expect(Self.library.all.count == IncidentKind.allCases.count)
    }

    @Test func everyBuiltInFilePassesTheChecker() throws {
        let directory = try #require(TemplateLibrary.builtInDirectory)
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "toml" }
        #expect(files.count == IncidentKind.allCases.count)
        for file in files {
            #expect(TemplateChecker.check(file).isEmpty, "\(TemplateChecker.check(file))")
        }
    }

    @Test(arguments: IncidentKind.allCases)
    func filledTextsPassThePolicyRules(_ kind: IncidentKind) throws {
        #expect(Self.rules.count >= 13, "the built-in rules did not load")
        let template = try #require(Self.library.template(for: kind))
        for (label, text) in template.texts {
            let filled = TemplateRenderer.fill(text, values: TemplateSamples.values)
            // Holding statements and releases must carry the caveat themselves; short texts
            // are checked without it.
            var context = TemplateSamples.context(for: template)
            context.incidentActive = label == "holding" || label == "release"
            let findings = PolicyChecker.check(text: filled, rules: Self.rules, context: context)
            #expect(findings.isEmpty, "\(kind.slug) \(label): \(findings.map { "\($0.summary) <\($0.excerpt)>" })\n\(filled)")
        }
    }

    @Test(arguments: IncidentKind.allCases)
    func shortTextsFitTheirChannels(_ kind: IncidentKind) throws {
        let template = try #require(Self.library.template(for: kind))
        let limits: [Channel: Int] = [.x: 280, .cap: 90, .mastodon: 500, .bluesky: 300, .threads: 500, .nextdoor: 400]
        for (channel, text) in template.short.map({ $0 }) + template.holdingShort.map({ $0 }) {
            let filled = TemplateRenderer.fill(text, values: TemplateSamples.values)
            #expect(!filled.contains("{{"), "\(kind.slug) short.\(channel.slug) uses a slot without a sample")
            if let limit = limits[channel] {
                #expect(filled.count <= limit, "\(kind.slug) short.\(channel.slug) is \(filled.count) > \(limit): \(filled)")
            }
        }
    }

    @Test(arguments: IncidentKind.allCases)
    func everySlotHasASampleAndRequiredFactsAreUsed(_ kind: IncidentKind) throws {
        let template = try #require(Self.library.template(for: kind))
        let used = Set(template.texts.flatMap { TemplateRenderer.slots(in: $0.text) })
        for slot in used {
            #expect(TemplateSamples.values[slot] != nil, "\(kind.slug): no sample for \(slot)")
        }
        #expect(!template.holding.isEmpty && !template.release.isEmpty && !template.caveat.isEmpty)
        #expect(!template.channels.isEmpty)
        for fact in template.requiredFacts where fact != "family-consent" {
            #expect(used.contains(.fact(fact)), "\(kind.slug): required fact \(fact) is never used")
        }
    }

    @Test func legalReviewAndHoldsFollowThePrePlanRules() throws {
        let legal: Set<IncidentKind> = [.officerInvolvedShooting, .inCustodyDeath, .useOfForce, .highProfileArrest]
        for template in Self.library.all {
            #expect(template.legalReview == legal.contains(template.kind), "\(template.id) legal_review")
        }
        let ois = try #require(Self.library.template(for: .officerInvolvedShooting))
        #expect(ois.holds.contains { $0.appliesTo == "officer-names" && $0.duration == .hours(72) })
        #expect(ois.holds.contains { $0.appliesTo == "victim-names" && $0.duration == .until(.nextOfKinNotified) })
        for kind in [IncidentKind.massCasualty, .activeShooter, .trafficFatality, .inCustodyDeath] {
            let template = try #require(Self.library.template(for: kind))
            #expect(template.holds.contains { $0.duration == .until(.nextOfKinNotified) }, "\(kind.slug) holds names until next of kin")
        }
    }

    /// What fills a fresh incident's slots without anyone recording a fact: the incident, the
    /// agency's name, the release time and the default next-update wording.
    static let automaticSlots: Set<String> = [
        "incident.title", "incident.location", "incident.kind", "incident.opened_date", "incident.opened_time",
        "agency.name", "release.date", "release.time", "next_update",
    ]

    @Test(arguments: IncidentKind.allCases)
    func holdingStatementsNeedNoFactsAndCarryTheCaveat(_ kind: IncidentKind) throws {
        let template = try #require(Self.library.template(for: kind))
        #expect(!template.holdingShort.isEmpty, "\(kind.slug) has no [holding_short] texts")
        for (label, text) in template.holdingTexts {
            for slot in TemplateRenderer.slots(in: text) {
                #expect(Self.automaticSlots.contains(slot.name), "\(kind.slug) \(label) uses \(slot), which is not filled automatically")
            }
            // A CAP alert (90 characters) has room only for the warning itself.
            if label != "holding_short.cap" {
                #expect(PolicyChecker.hasOngoingCaveat(text), "\(kind.slug) \(label) lacks the ongoing-investigation caveat")
            }
        }
        let caveat = template.caveat.hasSuffix(".") ? String(template.caveat.dropLast()) : template.caveat
        #expect(template.holding.contains(caveat), "\(kind.slug) holding text lacks its caveat sentence")
        for channel in template.holdingShort.keys {
            #expect(template.channels.contains(channel), "\(kind.slug) holding_short.\(channel.slug) is not one of its channels")
        }
    }

    @Test(arguments: IncidentKind.allCases)
    func holdingShortTextsFitWithTheDefaultNextUpdate(_ kind: IncidentKind) throws {
        let template = try #require(Self.library.template(for: kind))
        var values = TemplateSamples.values
        values["next_update"] = WorkspaceSettings.defaultNextUpdate
        for (channel, text) in template.holdingShort {
            let filled = TemplateRenderer.fill(text, values: values)
            let check = PostValidator.validate(filled, for: channel)
            #expect(check.valid, "\(kind.slug) holding_short.\(channel.slug): \(check.problems) \(filled)")
        }
    }
}
