import Foundation

/// Everything a deliverer needs to send one post, as plain values.
///
/// The scheduler builds one from a `Post`, its `Release`, its `Incident` and the `Agency`.
/// Nothing here is secret: the item is written to the outbox and is the body of a webhook.
/// `sentAt` must stay the same across retries (use the post's scheduled time, or the time of
/// the first attempt), because the CAP `sent`, the e-mail `Date` and the feed entry use it and a
/// retry must produce the same bytes.
public struct DeliveryItem: Codable, Sendable, Hashable {
    public var postID: Int64
    public var channel: Channel
    /// The text that goes out on this channel (the post's rendition).
    public var text: String
    /// Sent with every attempt so a platform can drop a repeat; part of every file name.
    public var idempotencyKey: String

    public var releaseID: Int64
    public var releaseKind: ReleaseKind
    /// The release's title (headline, e-mail subject, feed entry title).
    public var releaseTitle: String
    /// For an update or correction: the CAP identifier of the release it points back to.
    public var referencedCAPIdentifier: String?
    /// For an update or correction: the `sent` time of the release it points back to.
    public var referencedSentAt: Date?
    /// For an update or correction: the release it points back to (the feed links the entries).
    public var referencedReleaseID: Int64?

    public var incidentID: Int64
    public var incidentTitle: String
    public var incidentKind: IncidentKind
    /// General location (a block or an area), never a private address.
    public var incidentLocation: String
    public var isExercise: Bool
    /// What the public should do (CAP `instruction`), if the release says.
    public var instruction: String?

    /// When this release is sent: stable across retries (see above).
    public var sentAt: Date

    public var agencyName: String
    /// The CAP `sender`: no spaces, commas, `<` or `&` (e.g. "pio@riverton.gov").
    public var agencySenderID: String
    /// An IANA zone identifier ("America/Chicago"): CAP and e-mail times are written in it.
    public var timeZoneIdentifier: String
    /// The agency's public web page for the release or incident, if any (CAP `web`).
    public var webURL: String?
    /// The records log's head when this post was claimed (`ChainAnchor.token`), carried by every output, and
    /// the fingerprint of the founding admin's key: a copy of the post anchors the record.
    public var chainAnchor: String?
    public var foundingKeyFingerprint: String?
    /// For an update or correction: the post of the release it follows on this channel, which the platform
    /// clients reply to (a thread), when that post went out and its platform id is known.
    public var replyTo: PlatformReference?

    /// The identifier this release went out under on this channel at its first delivery (Atom id, CAP
    /// identifier, Message-ID); the writers use it instead of computing one from today's settings.
    public var publishedID: String?
    /// The identifiers on this channel of the releases this one follows, oldest first (the last is the
    /// one it updates or corrects): the feed's related link, the e-mail's In-Reply-To and References.
    public var referencedPublishedIDs: [String]?
    /// The CAP fields chosen for the release revision (nil: the incident kind's defaults).
    public var cap: CAPFields?

    public init(postID: Int64, channel: Channel, text: String, idempotencyKey: String,
                releaseID: Int64, releaseKind: ReleaseKind = .original, releaseTitle: String,
                referencedCAPIdentifier: String? = nil, referencedSentAt: Date? = nil, referencedReleaseID: Int64? = nil,
                incidentID: Int64, incidentTitle: String, incidentKind: IncidentKind, incidentLocation: String,
                isExercise: Bool, instruction: String? = nil, sentAt: Date,
                agencyName: String, agencySenderID: String, timeZoneIdentifier: String, webURL: String? = nil,
                replyTo: PlatformReference? = nil) {
        self.postID = postID
        self.channel = channel
        self.text = text
        self.idempotencyKey = idempotencyKey
        self.releaseID = releaseID
        self.releaseKind = releaseKind
        self.releaseTitle = releaseTitle
        self.referencedCAPIdentifier = referencedCAPIdentifier
        self.referencedSentAt = referencedSentAt
        self.referencedReleaseID = referencedReleaseID
        self.incidentID = incidentID
        self.incidentTitle = incidentTitle
        self.incidentKind = incidentKind
        self.incidentLocation = incidentLocation
        self.isExercise = isExercise
        self.instruction = instruction
        self.sentAt = sentAt
        self.agencyName = agencyName
        self.agencySenderID = agencySenderID
        self.timeZoneIdentifier = timeZoneIdentifier
        self.webURL = webURL
        self.replyTo = replyTo
        self.publishedID = nil
        self.referencedPublishedIDs = nil
        self.cap = nil
    }

    /// The agency's zone; an unknown identifier falls back to UTC rather than failing a delivery.
    public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier) ?? .gmt }

    /// The text as it goes out: an exercise is marked EXERCISE at the start, whatever the template said.
    public var markedText: String {
        guard isExercise, !text.hasPrefix(DeliveryItem.exerciseMarker) else { return text }
        return "\(DeliveryItem.exerciseMarker): \(text)"
    }

    /// "EXERCISE: UPDATE: Road reopened": the title with every marker it needs, for headlines and subjects.
    public var markedTitle: String {
        var parts: [String] = []
        if isExercise { parts.append(DeliveryItem.exerciseMarker) }
        if let marker = releaseKind.marker { parts.append(marker) }
        parts.append(DeliveryText.singleLine(Release.publicHeadline(releaseTitle)))
        return parts.joined(separator: ": ")
    }

    public static let exerciseMarker = "EXERCISE"

    /// True for an exercise item, and for one that is marked as a drill though its flag says live (its text or
    /// title starts with "EXERCISE", however disguised: full-width letters, invisible characters, "*** EXERCISE ***").
    /// The platform clients refuse both: a drill must never reach the public, whatever went wrong upstream.
    public var isExerciseOrMarkedAsOne: Bool {
        isExercise || Self.startsWithExerciseMarker(text) || Self.startsWithExerciseMarker(releaseTitle)
    }

    static func startsWithExerciseMarker(_ text: String) -> Bool {
        var folded = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars where scalar.properties.generalCategory != .format {
            folded.append(scalar)
        }
        let trimmed = String(folded).drop { $0.isWhitespace || $0.isPunctuation || $0.isSymbol }
        guard trimmed.hasPrefix(exerciseMarker) else { return false }
        let next = trimmed.dropFirst(exerciseMarker.count).first
        return next.map { !$0.isLetter } ?? true
    }
}

/// What a deliverer hands back: where the post went and what the platform called it.
public struct DeliveryReceipt: Codable, Sendable, Hashable {
    public var channel: Channel
    /// The platform's id for the post (Mastodon status id), if it gave one.
    public var externalID: String?
    /// The file written (outbox, feed, CAP, e-mail), if any.
    public var filePath: String?
    /// A web address of the post, if the platform gave one.
    public var url: String?
    /// True when an earlier attempt had already delivered this item and nothing new was sent.
    public var wasAlreadyDelivered: Bool
    /// Bluesky: the new record's content id.
    public var cid: String?
    /// Bluesky: the thread's first post, when this post is a reply.
    public var threadRoot: PlatformReference?
    /// True when nothing reached the public: the item was written to the outbox for a person to post by hand.
    public var isHandOff: Bool

    public init(channel: Channel, externalID: String? = nil, filePath: String? = nil, url: String? = nil, wasAlreadyDelivered: Bool = false,
                cid: String? = nil, threadRoot: PlatformReference? = nil, isHandOff: Bool = false) {
        self.channel = channel
        self.externalID = externalID
        self.filePath = filePath
        self.url = url
        self.wasAlreadyDelivered = wasAlreadyDelivered
        self.cid = cid
        self.threadRoot = threadRoot
        self.isHandOff = isHandOff
    }
}

/// Sends one post somewhere. Implementations block until the platform answers (or a timeout),
/// so call them off the main loop; they never retry by themselves: a retryable error goes back to
/// the scheduler, which sets the post's `nextAttemptAt` from a `RetryPolicy`.
public protocol Deliverer: Sendable {
    func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt

    /// True when delivering the same item twice is harmless (an idempotency key, a file name): a claim left by a
    /// killed scheduler is then simply delivered again. False for X, Bluesky, Facebook and sendmail, which have
    /// no such key: such a claim is held for a person instead, who checks and marks it sent or resends it.
    func dropsRepeats(on channel: Channel, isExercise: Bool) -> Bool
}

extension Deliverer {
    public func dropsRepeats(on channel: Channel, isExercise: Bool) -> Bool { true }
}

/// Small text helpers shared by the writers.
enum DeliveryText {
    /// Line breaks and other control characters become single spaces; for headers, titles, subjects.
    static func singleLine(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isBreak = scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
            if isBreak || scalar == " " {
                if !lastWasSpace { out.unicodeScalars.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// Line endings normalised to "\n".
    static func unixLines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// A file-name-safe idempotency key, or nil when the key holds anything else.
    static func isSafeFileComponent(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 128 && text != "." && text != ".." && !text.hasPrefix(".")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }
}
