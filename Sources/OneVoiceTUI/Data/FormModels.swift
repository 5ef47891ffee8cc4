import Foundation
import OneVoiceCore

/// What a form needs to offer pickers instead of free text, asked for before the form opens.
public enum FormRequest: Sendable, Equatable {
    /// `n`: the roster's spokespersons (the kinds are known).
    case newIncident
    /// A fact of the incident: the template's required fact keys (and, to edit, the fact itself).
    case addFact(incidentID: IncidentID)
    case editFact(incidentID: IncidentID, factID: FactID)
    /// The roster's spokespersons, for the incident's one spokesperson.
    case spokesperson(incidentID: IncidentID)
    /// The incident as it reads, to correct it.
    case editIncident(incidentID: IncidentID)
    /// The incident's named people, to mark next of kin notified.
    case notified(incidentID: IncidentID)
    /// The incident's rumors and verified facts, to answer a rumor.
    case answerRumor(incidentID: IncidentID)
    /// The media list, to read or add to.
    case contacts
    /// Everyone on the roster with their roles.
    case roster
    /// `:roster add`: the agencies the admin may enrol into.
    case addToRoster
}

/// An agency a form offers: the code the workspace takes, the name a person reads.
public struct AgencyChoice: Sendable, Equatable {
    public var code: String
    public var name: String
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// One person of the roster, for pickers and the roster list.
public struct RosterRow: Sendable, Equatable {
    public var handle: String
    public var name: String
    public var roles: Set<Role>
    /// Their agency's name where several agencies share the record; nil for one agency's own.
    public var agency: String?
    public init(handle: String, name: String, roles: Set<Role>, agency: String? = nil) {
        self.handle = handle
        self.name = name
        self.roles = roles
        self.agency = agency
    }
}

/// One person named in an incident (drives the name holds).
public struct NamedRow: Sendable, Equatable {
    public var id: String
    public var name: String
    public var category: String
    public var notified: Bool
    public init(id: String, name: String, category: String, notified: Bool) {
        self.id = id
        self.name = name
        self.category = category
        self.notified = notified
    }
}

/// One rumor of an incident, and the fact that answers it (if any).
public struct RumorRow: Sendable, Equatable {
    public var id: String
    public var text: String
    public var seenAt: String
    public var answered: Bool
    public init(id: String, text: String, seenAt: String, answered: Bool) {
        self.id = id
        self.text = text
        self.seenAt = seenAt
        self.answered = answered
    }
}

/// One entry of the media list.
public struct ContactRow: Sendable, Equatable {
    public var id: String
    public var name: String
    public var email: String
    public var outlet: String
    public init(id: String, name: String, email: String, outlet: String) {
        self.id = id
        self.name = name
        self.email = email
        self.outlet = outlet
    }
}

/// A fact as a form edits it.
public struct FactDraft: Sendable, Equatable {
    public var key: String?
    public var text: String
    public var source: String
    public var sourceKind: String
    public init(key: String?, text: String, source: String, sourceKind: String) {
        self.key = key
        self.text = text
        self.source = source
        self.sourceKind = sourceKind
    }
}

/// An incident as a form edits it.
public struct IncidentDraft: Sendable, Equatable {
    public var title: String
    public var kind: String
    public var severity: Int
    public var location: String
    public init(title: String, kind: String, severity: Int, location: String) {
        self.title = title
        self.kind = kind
        self.severity = severity
        self.location = location
    }
}

/// The answer to a `FormRequest`: only the parts it asked for are filled.
public struct FormData: Sendable, Equatable {
    public var people: [RosterRow] = []
    /// The fact keys the incident's template requires, those without a fact first.
    public var factKeys: [String] = []
    public var fact: FactDraft?
    public var incident: IncidentDraft?
    /// The incident's current spokesperson.
    public var spokesperson: String?
    public var named: [NamedRow] = []
    public var rumors: [RumorRow] = []
    /// Verified facts that can answer a rumor: (id, text).
    public var verifiedFacts: [FactRow] = []
    public var contacts: [ContactRow] = []
    /// The agencies a person may be enrolled into, the admin's own first; empty on a record of one agency.
    public var agencies: [AgencyChoice] = []
    public init() {}
}
