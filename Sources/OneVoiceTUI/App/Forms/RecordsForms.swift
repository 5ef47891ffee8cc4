import Foundation
import OneVoiceCore

/// `f` on the records log: one incident (typed or picked) and two dates.
public struct LogFilterForm: FormFields {
    public var incident: FormField
    public var from: FormField
    public var to: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.incident, \.from, \.to] }

    /// Reads the dates with Core's own parser (as `archive export --from/--to` does). Core's sentence names the
    /// forms too; the footer already does, so the dialog keeps to one line.
    func filter(zone: TimeZone) throws(FormRefusal) -> LogFilter {
        let fromText = from.trimmed
        let toText = to.trimmed
        var start: Date?
        var end: Date?
        do { start = fromText.isEmpty ? nil : try RecordDate.start(fromText, timeZone: zone) } catch {
            throw refusal("From: \"\(fromText)\" is not a date (YYYY-MM-DD, or a time as below).", at: \.from)
        }
        do { end = toText.isEmpty ? nil : try RecordDate.end(toText, timeZone: zone) } catch {
            throw refusal("To: \"\(toText)\" is not a date (YYYY-MM-DD, or a time as below).", at: \.to)
        }
        if let start, let end, start > end { throw refusal("The From date is after the To date; swap them.", at: \.from) }
        return LogFilter(incidentID: incident.comboValue.map { IncidentID($0) }, from: start, to: end, fromText: fromText, toText: toText)
    }
}

/// `e` on the records log: the new folder an export of the filter's records goes to.
public struct ExportForm: FormFields {
    public var filter: LogFilter
    public var folder: FormField

    public var order: [WritableKeyPath<Self, FormField>] { [\.folder] }
}

/// `:contact`: someone on the media list.
public struct ContactForm: FormFields {
    public var name = FormField.text("Name")
    public var email = FormField.text("Email")
    public var outlet = FormField.text("Outlet")

    public var order: [WritableKeyPath<Self, FormField>] { [\.name, \.email, \.outlet] }

    func operation() throws(FormRefusal) -> Operation {
        guard !name.trimmed.isEmpty else { throw refusal("The contact needs a name.", at: \.name) }
        guard email.trimmed.contains("@") else { throw refusal("The email address needs an @.", at: \.email) }
        return .addContact(name: name.trimmed, email: email.trimmed, outlet: outlet.trimmed)
    }
}

/// `:roster add`: a person, their agency (where several share the record), their roles and the public half of
/// their key.
public struct RosterForm: FormFields {
    public var handle = FormField.text("Handle")
    public var name = FormField.text("Name")
    /// The agencies the admin may enrol into (values: codes); no options on a record of one agency, and then
    /// the form shows no agency field at all.
    public var agency = FormField.choice("Agency", options: [], values: [])
    public var roles: FormField
    public var publicKey = FormField.text("Public key")

    public var order: [WritableKeyPath<Self, FormField>] {
        agency.values.isEmpty ? [\.handle, \.name, \.roles, \.publicKey] : [\.handle, \.name, \.agency, \.roles, \.publicKey]
    }

    func operation() throws(FormRefusal) -> Operation {
        guard !handle.trimmed.isEmpty else { throw refusal("The person needs a handle.", at: \.handle) }
        guard !roles.checked.isEmpty else { throw refusal("Tick at least one role.", at: \.roles) }
        guard !publicKey.trimmed.isEmpty else {
            throw refusal("Paste the public key the person sent (onevoice key generate prints it).", at: \.publicKey)
        }
        return .addToRoster(handle: handle.trimmed, name: name.trimmed, roles: roles.checkedValues, publicKey: publicKey.trimmed,
                            agency: agency.values.isEmpty ? nil : agency.value)
    }
}
