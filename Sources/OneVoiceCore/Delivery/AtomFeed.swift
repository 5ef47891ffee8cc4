import Foundation

/// The website feed's own settings (from the agency's config).
public struct AtomFeedSettings: Sendable, Hashable, Codable {
    /// The tag URI authority and date (RFC 4151), e.g. "riverton.gov,2026": fixed once, never changed,
    /// because every entry id is built from it.
    public var tagAuthority: String
    public var title: String
    /// The agency's news page (the feed's `alternate` link).
    public var siteURL: String
    /// Where the feed itself is published (the `self` link), if known.
    public var feedURL: String?
    public var authorName: String
    public var authorEmail: String?
    /// How many entries the feed keeps (newest first).
    public var maximumEntries: Int

    public init(tagAuthority: String, title: String, siteURL: String, feedURL: String? = nil, authorName: String,
                authorEmail: String? = nil, maximumEntries: Int = 50) {
        self.tagAuthority = tagAuthority
        self.title = title
        self.siteURL = siteURL
        self.feedURL = feedURL
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.maximumEntries = maximumEntries
    }
}

/// One entry of the feed: one website post of a release.
public struct AtomEntry: Sendable, Hashable, Codable {
    /// A stable tag: URI; the same release always has the same id.
    public var id: String
    public var title: String
    public var text: String
    public var published: Date
    public var updated: Date
    /// "update" or "correction" (with label UPDATE / CORRECTION); nil for an original release.
    public var category: ReleaseKind?
    /// The entry id of the release this one updates or corrects.
    public var relatedID: String?
    /// The release's own page (the entry's `alternate` link), if the agency publishes one.
    public var link: String?
    /// The records log's head when this entry went out (`ChainAnchor.token`), as a category of its own scheme.
    public var chainAnchor: String?

    public init(id: String, title: String, text: String, published: Date, updated: Date, category: ReleaseKind? = nil, relatedID: String? = nil,
                link: String? = nil) {
        self.link = link
        self.id = id
        self.title = title
        self.text = text
        self.published = published
        self.updated = updated
        self.category = category
        self.relatedID = relatedID
    }

    /// "tag:riverton.gov,2026:release-42" ("…:exercise-release-42" for an exercise).
    public static func id(settings: AtomFeedSettings, releaseID: Int64, isExercise: Bool) -> String {
        "tag:\(settings.tagAuthority):\(isExercise ? "exercise-" : "")release-\(releaseID)"
    }

    /// The entry for a website post. Ids stored at the first delivery (`item.publishedID`, and the
    /// followed release's in `item.referencedPublishedIDs`) are used as they are.
    public init(item: DeliveryItem, settings: AtomFeedSettings) {
        let related = item.referencedPublishedIDs?.last
            ?? item.referencedReleaseID.map { Self.id(settings: settings, releaseID: $0, isExercise: item.isExercise) }
        let link = item.webURL.flatMap { URL(string: $0) }.flatMap { $0.scheme == "https" || $0.scheme == "http" ? $0.absoluteString : nil }
        self.init(id: item.publishedID ?? Self.id(settings: settings, releaseID: item.releaseID, isExercise: item.isExercise),
                  title: item.markedTitle, text: item.markedText, published: item.sentAt, updated: item.sentAt,
                  category: item.releaseKind == .original ? nil : item.releaseKind, relatedID: related, link: link)
        chainAnchor = item.chainAnchor
    }
}

/// Channel (b): an Atom (RFC 4287) feed, as a pure function of its settings and entries.
public enum AtomFeedWriter {
    public static let namespace = "http://www.w3.org/2005/Atom"

    /// The newest `maximumEntries` entries, newest first; a later entry with the same id replaces an earlier one.
    public static func selected(_ entries: [AtomEntry], maximum: Int) -> [AtomEntry] {
        var byID: [String: AtomEntry] = [:]
        for entry in entries { byID[entry.id] = entry }
        let sorted = byID.values.sorted { ($0.updated, $0.id) > ($1.updated, $1.id) }
        return Array(sorted.prefix(max(maximum, 0)))
    }

    /// The feed document. The feed's `updated` is the newest entry's (or `emptyUpdated` when there is
    /// none), so the same entries always give the same bytes.
    public static func xml(settings: AtomFeedSettings, entries: [AtomEntry], isExercise: Bool,
                           emptyUpdated: Date = Date(timeIntervalSince1970: 0)) -> String {
        let chosen = selected(entries, maximum: settings.maximumEntries)
        let updated = chosen.first?.updated ?? emptyUpdated
        let e = XMLText.escape
        let title = isExercise ? "EXERCISE: \(settings.title)" : settings.title
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        x += "<feed xmlns=\"\(namespace)\">\n"
        x += "  <id>tag:\(e(settings.tagAuthority)):\(isExercise ? "exercise-" : "")feed</id>\n"
        x += "  <title type=\"text\">\(e(DeliveryText.singleLine(title)))</title>\n"
        if isExercise { x += "  <subtitle type=\"text\">EXERCISE: these entries are a drill, not real events.</subtitle>\n" }
        x += "  <updated>\(DeliveryTime.rfc3339UTC(updated))</updated>\n"
        x += "  <author>\n    <name>\(e(DeliveryText.singleLine(settings.authorName)))</name>\n"
        if let email = settings.authorEmail { x += "    <email>\(e(DeliveryText.singleLine(email)))</email>\n" }
        x += "  </author>\n"
        x += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(e(settings.siteURL))\"/>\n"
        if let feedURL = settings.feedURL { x += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(e(feedURL))\"/>\n" }
        x += "  <generator version=\"\(OneVoiceVersion.string)\">OneVoice</generator>\n"
        for entry in chosen {
            x += "  <entry>\n"
            x += "    <id>\(e(entry.id))</id>\n"
            x += "    <title type=\"text\">\(e(DeliveryText.singleLine(entry.title)))</title>\n"
            x += "    <published>\(DeliveryTime.rfc3339UTC(entry.published))</published>\n"
            x += "    <updated>\(DeliveryTime.rfc3339UTC(entry.updated))</updated>\n"
            if let kind = entry.category, let marker = kind.marker {
                x += "    <category term=\"\(kind.rawValue)\" label=\"\(marker)\"/>\n"
            }
            if let link = entry.link { x += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(e(link))\"/>\n" }
            if let related = entry.relatedID { x += "    <link rel=\"related\" href=\"\(e(related))\"/>\n" }
            if let anchor = entry.chainAnchor { x += "    <category scheme=\"urn:onevoice:records-log\" term=\"\(e(anchor))\"/>\n" }
            x += "    <content type=\"text\">\(e(DeliveryText.unixLines(entry.text)))</content>\n"
            x += "  </entry>\n"
        }
        x += "</feed>\n"
        return x
    }
}

/// Rewrites `feed.xml` (or `feed-exercise.xml`) atomically with the new entry and the earlier ones
/// the caller supplies (from the store: the website posts already delivered).
public struct WebsiteFeedDeliverer: Deliverer {
    public var layout: OutboxLayout
    public var settings: AtomFeedSettings
    /// The entries already published in the feed of that mode (live or exercise).
    public var earlierEntries: @Sendable (_ isExercise: Bool) throws -> [AtomEntry]

    public init(layout: OutboxLayout, settings: AtomFeedSettings, earlierEntries: @escaping @Sendable (_ isExercise: Bool) throws -> [AtomEntry]) {
        self.layout = layout
        self.settings = settings
        self.earlierEntries = earlierEntries
    }

    public func deliver(_ item: DeliveryItem) throws(DeliveryError) -> DeliveryReceipt {
        let earlier: [AtomEntry]
        do { earlier = try earlierEntries(item.isExercise) } catch {
            throw .unreachable(service: "The record of earlier website posts", reason: DeliveryError.brief("\(error)"))
        }
        let entry = AtomEntry(item: item, settings: settings)
        let xml = AtomFeedWriter.xml(settings: settings, entries: earlier + [entry], isExercise: item.isExercise)
        let url = layout.feedURL(isExercise: item.isExercise)
        let alreadyThere = (try? String(contentsOf: url, encoding: .utf8)) == xml
        if !alreadyThere { try OutboxLayout.write(Data(xml.utf8), to: url) }
        return DeliveryReceipt(channel: item.channel, externalID: entry.id, filePath: url.path,
                               url: settings.feedURL, wasAlreadyDelivered: alreadyThere)
    }
}
