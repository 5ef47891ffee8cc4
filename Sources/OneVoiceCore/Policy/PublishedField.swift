/// One piece of text that leaves the agency with a release, and where it shows up. The
/// release-of-information checks run on every one of them, and each finding names its field.
public struct PublishedField: Sendable, Hashable {
    /// `text`, `headline`, `area`, `incident-title` or `rendition:<channel>`.
    public var name: String
    /// Where the field is published, for people ("the headline (CAP headline, feed title, e-mail subject)").
    public var label: String
    public var text: String
    /// Whether the ongoing-investigation caveat is expected here (only the release text).
    public var needsCaveat: Bool

    public init(name: String, label: String, text: String, needsCaveat: Bool = false) {
        self.name = name
        self.label = label
        self.text = text
        self.needsCaveat = needsCaveat
    }

    public static let textName = "text"

    public static func text(_ text: String) -> PublishedField {
        PublishedField(name: textName, label: "the text", text: text, needsCaveat: true)
    }

    public static func headline(_ text: String) -> PublishedField {
        PublishedField(name: "headline", label: "the headline (CAP headline, feed title and e-mail subject)", text: text)
    }

    public static func area(_ text: String) -> PublishedField {
        PublishedField(name: "area", label: "the location (CAP area and the {{incident.location}} slot)", text: text)
    }

    public static func incidentTitle(_ text: String) -> PublishedField {
        PublishedField(name: "incident-title", label: "the incident title", text: text)
    }

    public static func rendition(_ channel: Channel, text: String) -> PublishedField {
        PublishedField(name: "rendition:\(channel.slug)", label: "the \(channel.displayName) text", text: text)
    }
}
