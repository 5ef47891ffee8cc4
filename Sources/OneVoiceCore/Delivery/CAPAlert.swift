import Foundation

/// CAP 1.2 `<info>` classification for an incident kind.
public struct CAPProfile: Sendable, Hashable {
    public var category: String
    public var urgency: String
    public var severity: String
    public var certainty: String

    public init(category: String, urgency: String, severity: String, certainty: String) {
        self.category = category
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
    }

    /// Defaults per incident kind. A police release reports what happened, so certainty is
    /// "Observed"; urgency is "Immediate" only where the public must act now.
    public static func standard(for kind: IncidentKind) -> CAPProfile {
        switch kind {
        case .activeShooter: CAPProfile(category: "Security", urgency: "Immediate", severity: "Extreme", certainty: "Observed")
        case .evacuation: CAPProfile(category: "Safety", urgency: "Immediate", severity: "Severe", certainty: "Observed")
        case .massCasualty: CAPProfile(category: "Rescue", urgency: "Expected", severity: "Severe", certainty: "Observed")
        case .missingPerson: CAPProfile(category: "Rescue", urgency: "Expected", severity: "Moderate", certainty: "Observed")
        case .roadClosure: CAPProfile(category: "Transport", urgency: "Expected", severity: "Minor", certainty: "Observed")
        case .trafficFatality: CAPProfile(category: "Transport", urgency: "Past", severity: "Moderate", certainty: "Observed")
        case .officerInvolvedShooting, .useOfForce, .inCustodyDeath, .highProfileArrest:
            CAPProfile(category: "Security", urgency: "Past", severity: "Moderate", certainty: "Observed")
        case .communityEvent: CAPProfile(category: "Other", urgency: "Future", severity: "Minor", certainty: "Likely")
        case .general: CAPProfile(category: "Safety", urgency: "Unknown", severity: "Unknown", certainty: "Observed")
        }
    }
}

/// Channel (c): one OASIS CAP 1.2 alert per release (`urn:oasis:names:tc:emergency:cap:1.2`).
///
/// - status: `Exercise` for exercise incidents, `Actual` otherwise (never `Test`: a test message
///   is a system check, an exercise is a drill).
/// - msgType, urgency, severity, certainty and `expires` come from the release revision's CAP fields
///   (`item.cap`); without them, `Alert` for an original release and `Update` with `<references>` for
///   an update **and for a correction**, and the incident kind's profile. A `Cancel` (chosen per
///   release) references the alert it withdraws. The identifier is the one stored at the first
///   delivery (`item.publishedID`) when there is one.
///
///   Why a correction is an Update by default: CAP's `Cancel` tells receivers to withdraw the earlier message and show
///   nothing in its place, which is wrong for a correction: a correction replaces wrong
///   information with right information that must itself reach the public (and "once released,
///   information cannot be retracted": the record keeps both). So a correction is an Update whose
///   headline says CORRECTION. A plain withdrawal, if ever needed, would be a separate Cancel.
public enum CAPAlertWriter {
    public static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"
    /// CAP recommends a headline under 160 characters (and WEA is shorter still).
    public static let headlineLimit = 160

    /// The alert identifier of a release: stable, so later updates can reference it.
    /// "pio@riverton.gov.release.42" ("….exercise.release.42" for an exercise).
    public static func identifier(sender: String, releaseID: Int64, isExercise: Bool) -> String {
        "\(sender)\(isExercise ? ".exercise" : "").release.\(releaseID)"
    }

    /// True when `text` may be a CAP identifier or sender: non-empty, no whitespace, comma, `<` or `&`.
    public static func isValidToken(_ text: String) -> Bool {
        !text.isEmpty && !text.unicodeScalars.contains { $0 == "," || $0 == "<" || $0 == "&" || $0.properties.isWhitespace || $0.value < 0x20 }
    }

    /// The alert as XML text (UTF-8). Throws when the item cannot make a valid alert.
    public static func xml(for item: DeliveryItem, profile: CAPProfile? = nil) throws(DeliveryError) -> String {
        let sender = item.agencySenderID
        guard isValidToken(sender) else {
            throw .invalidItem("the CAP sender id \"\(DeliveryError.brief(sender, limit: 60))\" may not hold spaces, commas, '<' or '&'")
        }
        let id = item.publishedID ?? identifier(sender: sender, releaseID: item.releaseID, isExercise: item.isExercise)
        guard isValidToken(id) else {
            throw .invalidItem("the CAP identifier \"\(DeliveryError.brief(id, limit: 60))\" may not hold spaces, commas, '<' or '&'")
        }
        let zone = item.timeZone
        let msgType = item.cap?.msgType ?? (item.releaseKind == .original ? "Alert" : "Update")
        guard CAPFields.messageTypes.contains(msgType) else { throw .invalidItem("\"\(msgType)\" is not a CAP message type") }
        var references: String?
        if msgType != "Alert" {
            guard let refID = item.referencedCAPIdentifier, let refSent = item.referencedSentAt else {
                throw .invalidItem("a CAP \(msgType) needs the identifier and sent time of the alert it points back to; send it as a follow-up of a release whose CAP alert went out")
            }
            guard isValidToken(refID) else {
                throw .invalidItem("the referenced CAP identifier may not hold spaces, commas, '<' or '&'")
            }
            // The sender of the referenced alert: the part of its identifier before ".release." when it is ours.
            let refSender = refID.range(of: ".release.").map { String(refID[..<$0.lowerBound]) }
                .map { $0.hasSuffix(".exercise") ? String($0.dropLast(".exercise".count)) : $0 } ?? sender
            references = "\(isValidToken(refSender) ? refSender : sender),\(refID),\(DeliveryTime.cap(refSent, in: zone))"
        }
        var profile = profile ?? CAPProfile.standard(for: item.incidentKind)
        if let cap = item.cap {
            profile.urgency = CAPFields.urgencies.contains(cap.urgency) ? cap.urgency : profile.urgency
            profile.severity = CAPFields.severities.contains(cap.severity) ? cap.severity : profile.severity
            profile.certainty = CAPFields.certainties.contains(cap.certainty) ? cap.certainty : profile.certainty
        }
        let expires = max(item.cap?.expires ?? item.sentAt.addingTimeInterval(CAPFields.defaultLifetime), item.sentAt)
        let headline = truncated(item.markedTitle, to: headlineLimit)
        let area = DeliveryText.singleLine(item.incidentLocation)

        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<alert xmlns=\"\(namespace)\">\n"
        func el(_ name: String, _ value: String, indent: String = "  ") { x += "\(indent)<\(name)>\(XMLText.escape(value))</\(name)>\n" }
        el("identifier", id)
        el("sender", sender)
        el("sent", DeliveryTime.cap(item.sentAt, in: zone))
        el("status", item.isExercise ? "Exercise" : "Actual")
        el("msgType", msgType)
        el("scope", "Public")
        if item.isExercise { el("note", "EXERCISE EXERCISE EXERCISE: this is a drill, not a real event.") }
        if let references { el("references", references) }
        el("incidents", "incident-\(item.incidentID)")
        x += "  <info>\n"
        let i = "    "
        el("language", "en-US", indent: i)
        el("category", profile.category, indent: i)
        el("event", item.incidentKind.label, indent: i)
        el("urgency", profile.urgency, indent: i)
        el("severity", profile.severity, indent: i)
        el("certainty", profile.certainty, indent: i)
        el("expires", DeliveryTime.cap(expires, in: zone), indent: i)
        el("senderName", DeliveryText.singleLine(item.agencyName), indent: i)
        el("headline", headline, indent: i)
        el("description", DeliveryText.unixLines(item.markedText), indent: i)
        if let instruction = item.instruction, !instruction.isEmpty { el("instruction", DeliveryText.unixLines(instruction), indent: i) }
        if let web = item.webURL, let url = URL(string: web), url.scheme != nil { el("web", url.absoluteString, indent: i) }
        // The records log's head and the founding key, so a copy of the alert anchors the public record.
        for (name, value) in [("onevoice-chain", item.chainAnchor), ("onevoice-founding-key", item.foundingKeyFingerprint)] {
            guard let value else { continue }
            x += "    <parameter>\n"
            el("valueName", name, indent: "      ")
            el("value", value, indent: "      ")
            x += "    </parameter>\n"
        }
        x += "    <area>\n"
        el("areaDesc", area.isEmpty ? "Jurisdiction of \(DeliveryText.singleLine(item.agencyName))" : area, indent: "      ")
        x += "    </area>\n"
        x += "  </info>\n"
        x += "</alert>\n"
        return x
    }

    private static func truncated(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// Writes the CAP alert of a release into the outbox as `<post-id>-<key>.xml` (exercise outbox for
/// exercises), once. Publishing it to an alert aggregator is a later step.
public struct CAPDeliverer: Deliverer {
    public var layout: OutboxLayout

    public init(layout: OutboxLayout) { self.layout = layout }

    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        let url = try layout.fileURL(for: item, extension: "xml")
        let xml = try CAPAlertWriter.xml(for: item)
        let wrote = try OutboxLayout.writeOnce(Data(xml.utf8), to: url)
        let id = item.publishedID ?? CAPAlertWriter.identifier(sender: item.agencySenderID, releaseID: item.releaseID, isExercise: item.isExercise)
        return DeliveryReceipt(channel: item.channel, externalID: id, filePath: url.path, wasAlreadyDelivered: !wrote)
    }
}
