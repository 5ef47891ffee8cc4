import Foundation

extension Workspace {
    /// Drafts a release for an incident: from a pre-plan template (its holding statement or full
    /// release, slots filled from the incident and its facts), or empty without one.
    @discardableResult
    public func draftRelease(incidentID: Int64, templateID: String? = nil, holding: Bool = false) throws -> Release {
        let (incident, facts, agency, spokesperson, directory) = try database.read { session in
            guard let incident = try session.incident(id: incidentID) else { throw StoreError.notFound(what: "incident #\(incidentID)") }
            guard let agency = try session.agency() else { throw StoreError.notInitialised(path: database.path) }
            let spokesperson = try incident.spokespersonID.flatMap { try session.person(id: $0) }
            return (incident, try session.facts(incidentID: incidentID), agency, spokesperson, try session.agencyDirectory())
        }
        guard let templateID else {
            return try createRelease(incidentID: incidentID, title: "Release: \(incident.title)", text: "",
                                     renditions: Renditions.make(.init(text: "", channels: [.website], isExercise: incident.isExercise)),
                                     isHolding: holding)
        }
        guard let template = settings.templates.template(id: templateID) else {
            let known = settings.templates.all.map(\.id).joined(separator: ", ")
            throw StoreError.invalid("There is no template \"\(templateID)\"; the templates are: \(known).")
        }
        let values = slotValues(incident: incident, facts: facts, agency: agency, agencyNames: directory.names(of: incident),
                                spokesperson: spokesperson)
        let text = TemplateRenderer.fill(holding ? template.holding : template.release, values: values)
        let short = template.shortTexts(holding: holding).mapValues { TemplateRenderer.fill($0, values: values) }
        let channels = template.channels.isEmpty ? [Channel.website] : template.channels
        let title = (holding ? "Holding statement" : template.name) + ": " + incident.title
        return try createRelease(incidentID: incidentID, title: title, text: text, renditions: [:],
                                 templateID: template.id, isHolding: holding) { release in
            Renditions.make(.init(text: text, shortTexts: short, channels: channels, link: settings.releaseLink(id: release.id),
                                  isExercise: incident.isExercise, limits: settings.limits))
        }
    }

    /// Saves new text. Renditions given explicitly are kept as they are; otherwise each channel of the
    /// current revision is made again from the template's short text or the new text.
    @discardableResult
    public func editRelease(id: Int64, text: String, renditions explicit: [String: String]? = nil, cap: CAPFields? = nil) throws -> ReleaseRevision {
        // Refused before the renditions are remade from it (a long text would make them slowly).
        try TextInput.check(text, as: .releaseText)
        let release = try self.release(id: id)
        let current = try revision(releaseID: id)
        // The same text keeps its renditions (a change of CAP fields alone does not remake them).
        let renditions = try explicit ?? (text == current.text ? current.renditions : remadeRenditions(release: release, current: current, text: text))
        // CAP fields nobody chose follow the text (an all-clear written into a follow-up stops being urgent).
        var capFields = cap
        if capFields == nil, text != current.text, let kept = current.cap {
            let kind = try incident(id: release.incidentID).kind
            let template = release.templateID.flatMap { settings.templates.template(id: $0) }
            if kept == CAPFields.defaults(kind: kind, releaseKind: release.kind, text: current.text, template: template) {
                capFields = CAPFields.defaults(kind: kind, releaseKind: release.kind, text: text, template: template)
            }
        }
        return try reviseRelease(id: id, text: text, renditions: renditions, cap: capFields)
    }

    /// The CAP fields the current revision of a release goes out with (its own, or the defaults).
    public func capFields(releaseID: Int64) throws -> CAPFields {
        let release = try self.release(id: releaseID)
        let current = try revision(releaseID: releaseID)
        if let cap = current.cap { return cap }
        let incident = try incident(id: release.incidentID)
        let template = release.templateID.flatMap { settings.templates.template(id: $0) }
        return CAPFields.defaults(kind: incident.kind, releaseKind: release.kind, text: current.text, template: template)
    }

    func remadeRenditions(release: Release, current: ReleaseRevision, text: String) throws -> [String: String] {
        Renditions.make(try renditionsInput(release: release, current: current, text: text))
    }

    /// What the renditions of `text` are made from; the link points at `release.id`.
    func renditionsInput(release: Release, current: ReleaseRevision, text: String) throws -> Renditions.Input {
        let incident = try self.incident(id: release.incidentID)
        let template = release.templateID.flatMap { settings.templates.template(id: $0) }
        var short: [Channel: String] = [:]
        if let template {
            let (facts, agency, spokesperson, directory) = try database.read { session in
                (try session.facts(incidentID: incident.id), try session.agency(),
                 try incident.spokespersonID.flatMap { try session.person(id: $0) }, try session.agencyDirectory())
            }
            if let agency {
                let values = slotValues(incident: incident, facts: facts, agency: agency, agencyNames: directory.names(of: incident),
                                        spokesperson: spokesperson)
                short = template.shortTexts(holding: release.isHolding).mapValues { TemplateRenderer.fill($0, values: values) }
            }
        }
        var channels = current.renditions.keys.compactMap(Channel.init(rawValue:)).sorted()
        if channels.isEmpty { channels = template?.channels ?? [.website] }
        return Renditions.Input(text: text, shortTexts: short, channels: channels, link: settings.releaseLink(id: release.id),
                                isExercise: incident.isExercise, kind: release.kind, limits: settings.limits)
    }

    /// What fills a template's slots: the incident, the agency's contacts, the spokesperson and facts by key
    /// (the newest fact with that key that was not retracted; the checks block it until it is verified).
    /// `agency.name` names every agency of a joint incident, its own first, as the release speaks for all.
    func slotValues(incident: Incident, facts: [Fact], agency: Agency, agencyNames: [String], spokesperson: Person?) -> SlotValues {
        let local = LocalTime(timeZone: agency.timeZone)
        var values = SlotValues()
        values.values["incident.title"] = incident.title
        if !incident.location.isEmpty { values.values["incident.location"] = Self.locationPhrase(incident.location) }
        values.values["incident.kind"] = incident.kind.label
        values.values["incident.opened_date"] = local.format(incident.openedAt, "MMMM d, yyyy")
        values.values["incident.opened_time"] = local.format(incident.openedAt, "h:mm a") + " " + local.abbreviation(incident.openedAt)
        values.values["agency.name"] = agencyNames.isEmpty ? agency.name : AgencyDirectory.phrase(agencyNames)
        values.values["release.date"] = local.format(clock.now(), "MMMM d, yyyy")
        values.values["release.time"] = local.format(clock.now(), "h:mm a") + " " + local.abbreviation(clock.now())
        if let phone = settings.agencyPhone { values.values["agency.phone"] = phone }
        if let email = settings.agencyEmail { values.values["agency.email"] = email }
        if let website = settings.agencyWebsite { values.values["agency.website"] = website }
        values.values["next_update"] = settings.nextUpdate ?? WorkspaceSettings.defaultNextUpdate
        if let spokesperson {
            values.values["spokesperson.name"] = spokesperson.displayName
            values.values["spokesperson.title"] = "Public Information Officer"
        }
        for fact in facts.reversed() where fact.status != .retracted {
            if let key = fact.key, values.values["fact:\(key)"] == nil {
                values.setFact(key, fact.text.trimmingCharacters(in: CharacterSet(charactersIn: " .")))
            }
        }
        return values
    }

    /// A location as it reads after "near" or "at": "1200 block of Elm Street" becomes
    /// "the 1200 block of Elm Street"; anything else stays as written.
    static func locationPhrase(_ location: String) -> String {
        let trimmed = location.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = trimmed.split(separator: " ", maxSplits: 2)
        guard words.count >= 2, words[0].allSatisfy(\.isNumber) || words[0].hasSuffix("00"),
              ["block", "blocks", "blk", "hundred"].contains(words[1].lowercased()) else { return trimmed }
        return "the " + trimmed
    }

    /// Starts a new release that corrects or updates a released one, through the same workflow.
    @discardableResult
    public func followUpRelease(of id: Int64, kind: ReleaseKind) throws -> Release {
        precondition(kind != .original, "a follow-up is an update or a correction")
        let original = try release(id: id)
        guard original.status == .released || original.status == .scheduled || original.status == .approved else {
            throw IdentityError.refused("Release #\(id) is \(original.status.predicate); edit it instead of starting a \(kind.rawValue).")
        }
        let text = try revision(releaseID: id).text
        let incident = try incident(id: original.incidentID)
        var input = try renditionsInput(release: Release(incidentID: incident.id, kind: kind, templateID: original.templateID,
                                                         isHolding: false, title: "", createdBy: 0, createdAt: clock.now()),
                                        current: revision(releaseID: id), text: text)
        // The link names the new release, whose number is known only once it is saved.
        return try createRelease(incidentID: original.incidentID, title: "\(kind.marker ?? ""): \(original.headline)",
                                 text: text, renditions: [:], templateID: original.templateID,
                                 isHolding: false, kind: kind, parentID: id) { release in
            input.link = settings.releaseLink(id: release.id)
            return Renditions.make(input)
        }
    }
}
