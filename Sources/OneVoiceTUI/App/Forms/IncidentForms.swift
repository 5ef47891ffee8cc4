import OneVoiceCore

/// `n`: a new incident, its kind typed ahead and its spokesperson picked from the roster.
public struct NewIncidentForm: FormFields {
    public var title = FormField.text("Title")
    public var kind: FormField
    public var location = FormField.text("Location")
    public var spokesperson: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.title, \.kind, \.location, \.spokesperson] }

    func operation() throws(FormRefusal) -> Operation {
        guard !title.trimmed.isEmpty else { throw refusal("The incident needs a title.", at: \.title) }
        let slug = kind.comboValue ?? ""
        guard IncidentKind(rawValue: slug) != nil else {
            throw refusal("No kind matches \"\(kind.text)\": type less of it, or pick one with ↓/↑.", at: \.kind)
        }
        let handle = spokesperson.comboValue ?? ""
        if !handle.isEmpty, !spokesperson.values.contains(handle) {
            throw refusal("\(handle) is no spokesperson on the roster: pick one with ↓/↑, or leave it empty.", at: \.spokesperson)
        }
        return .openIncident(title: title.trimmed, kind: slug, location: location.trimmed, spokesperson: handle.isEmpty ? nil : handle)
    }
}

/// `E`: the incident's title, kind (typed ahead), severity and location.
public struct EditIncidentForm: FormFields {
    public var incidentID: IncidentID
    public var title: FormField
    public var kind: FormField
    public var severity: FormField
    public var location: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.title, \.kind, \.severity, \.location] }

    func operation() throws(FormRefusal) -> Operation {
        guard !title.trimmed.isEmpty else { throw refusal("The incident needs a title.", at: \.title) }
        let slug = kind.comboValue ?? ""
        guard IncidentKind(rawValue: slug) != nil else {
            throw refusal("No kind matches \"\(kind.text)\": type less of it, or pick one with ↓/↑.", at: \.kind)
        }
        return .editIncident(incidentID: incidentID, IncidentDraft(title: title.trimmed, kind: slug, severity: Int(severity.value ?? "") ?? 2,
                                                                   location: location.trimmed))
    }
}

/// `P`: the incident's one spokesperson, picked from the roster.
public struct SpokespersonForm: FormFields {
    public var incidentID: IncidentID
    public var spokesperson: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.spokesperson] }

    func operation() throws(FormRefusal) -> Operation {
        let handle = spokesperson.comboValue ?? ""
        guard spokesperson.values.contains(handle) else {
            throw refusal(handle.isEmpty ? "Pick the spokesperson with ↓/↑." : "\(handle) is no spokesperson on the roster: pick one with ↓/↑.",
                          at: \.spokesperson)
        }
        return .assignSpokesperson(incidentID: incidentID, handle: handle)
    }
}

/// `:rumor`: a claim going round, and where it was seen.
public struct RumorForm: FormFields {
    public var incidentID: IncidentID
    public var claim: FormField
    public var seenAt = FormField.text("Seen at")

    public var order: [WritableKeyPath<Self, FormField>] { [\.claim, \.seenAt] }

    func operation() throws(FormRefusal) -> Operation {
        guard !claim.trimmed.isEmpty else { throw refusal("Write down the claim as it circulates.", at: \.claim) }
        guard !seenAt.trimmed.isEmpty else { throw refusal("Say where it was seen (the post, group or outlet).", at: \.seenAt) }
        return .addRumor(incidentID: incidentID, text: claim.trimmed, seenAt: seenAt.trimmed)
    }
}

/// `:answer`: an open rumor and the verified fact that answers it.
public struct AnswerRumorForm: FormFields {
    public var incidentID: IncidentID
    public var rumor: FormField
    public var fact: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.rumor, \.fact] }

    func operation() -> Operation {
        .answerRumor(rumorID: rumor.value ?? "", factID: FactID(fact.value ?? ""))
    }
}

/// `:named`: a person named in the incident, and who they are (drives the name holds).
public struct NamedPersonForm: FormFields {
    public var incidentID: IncidentID
    public var name: FormField
    public var who: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.name, \.who] }

    func operation() throws(FormRefusal) -> Operation {
        guard !name.trimmed.isEmpty else { throw refusal("The person needs a name.", at: \.name) }
        return .addNamedPerson(incidentID: incidentID, name: name.trimmed, category: who.value ?? "")
    }
}

/// `:notified`: the named person whose next of kin were notified.
public struct NotifiedForm: FormFields {
    public var incidentID: IncidentID
    public var person: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.person] }

    func operation() -> Operation { .markNotified(namedID: person.value ?? "") }
}
