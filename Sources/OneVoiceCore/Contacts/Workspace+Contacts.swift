import Foundation

extension Workspace {
    @discardableResult
    public func addContact(name: String, email: String, outlet: String = "") throws -> Contact {
        try TextInput.check(name, as: .name)
        try TextInput.check(outlet, as: .name)
        guard Contact.isPlausibleEmail(email) else { throw StoreError.invalid("\"\(email)\" is not an e-mail address.") }
        return try write { session in
            let person = try actor(in: session, allowed: [.drafter, .spokesperson, .admin], to: "change the media list")
            if try session.contacts().contains(where: { $0.email.lowercased() == email.lowercased() }) {
                throw StoreError.invalid("\(email) is already on the media list; nothing was changed.")
            }
            let now = clock.now()
            var contact = Contact(name: name, email: email, outlet: outlet, addedAt: now)
            try session.insertContact(&contact)
            try session.appendLog(actor: person, action: "contact.add", subjectType: "contact", subjectID: contact.id,
                                  incidentID: nil, change: contact, at: now)
            return contact
        }
    }

    /// Takes a contact off the list; the record keeps them, with the reason.
    @discardableResult
    public func removeContact(id: Int64, reason: String) throws -> Contact {
        try TextInput.check(reason, as: .note)
        return try write { session in
            let person = try actor(in: session, allowed: [.drafter, .spokesperson, .admin], to: "change the media list")
            guard var contact = try session.contact(id: id), contact.removedAt == nil else {
                throw StoreError.notFound(what: "contact #\(id) on the media list")
            }
            let now = clock.now()
            contact.removedAt = now
            contact.removalReason = reason
            try session.updateContact(contact)
            try session.appendLog(actor: person, action: "contact.remove", subjectType: "contact", subjectID: id,
                                  incidentID: nil, change: StatusChange(status: "removed", note: reason), at: now)
            return contact
        }
    }

    public func contacts() throws -> [Contact] {
        try database.read { try $0.contacts() }
    }
}
