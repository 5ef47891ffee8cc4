/// A placeholder in a template's text, written `{{name}}`.
///
/// The set is closed: `{{fact:KEY}}` (a fact by its key slug, `[a-z0-9][a-z0-9_-]*`) or one of
/// `TemplateSlot.knownNames`. Anything else is an "unknown slot" problem.
public enum TemplateSlot: Hashable, Sendable, CustomStringConvertible {
    /// `{{fact:KEY}}`
    case fact(String)
    /// One of `knownNames`, e.g. `incident.location`.
    case named(String)

    /// Every slot name other than `fact:KEY`, with what fills it.
    public static let catalog: [(name: String, meaning: String)] = [
        ("incident.title", "the incident's title"),
        ("incident.location", "the incident's general location (a block or area, never an address)"),
        ("incident.kind", "the incident kind's label, e.g. \"Officer-involved shooting\""),
        ("incident.opened_date", "the date the incident opened, in the agency's time zone"),
        ("incident.opened_time", "the approximate time the incident opened, with the zone"),
        ("agency.name", "the agency's name without an article, e.g. \"Springfield Police Department\"; templates write \"the {{agency.name}}\""),
        ("agency.phone", "the agency's public information or tip line"),
        ("agency.email", "the agency's media e-mail address"),
        ("agency.website", "the agency's website"),
        ("spokesperson.name", "the incident's spokesperson"),
        ("spokesperson.title", "the spokesperson's title"),
        ("release.date", "the date the release goes out"),
        ("release.time", "the time the release goes out"),
        ("next_update", "when and where the next update comes, as a phrase after \"the next update will be\", e.g. \"at 4 p.m. on our website\""),
    ]

    public static let knownNames: Set<String> = Set(catalog.map(\.name))

    /// Parses the text between `{{` and `}}` (surrounding spaces allowed).
    public init?(_ inner: String) {
        let name = inner.trimmingSpaces
        if name.hasPrefix("fact:") {
            let key = String(name.dropFirst(5))
            guard Self.isFactKey(key) else { return nil }
            self = .fact(key)
        } else if Self.knownNames.contains(name) {
            self = .named(name)
        } else {
            return nil
        }
    }

    /// The canonical name, e.g. `fact:injuries` or `incident.title`.
    public var name: String {
        switch self {
        case .fact(let key): "fact:\(key)"
        case .named(let name): name
        }
    }

    /// `{{name}}`
    public var description: String { "{{\(name)}}" }

    /// A fact key slug: lowercase letters, digits, `-` and `_`, starting with a letter or digit.
    public static func isFactKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, Self.slugStart(first) else { return false }
        return key.unicodeScalars.allSatisfy { Self.slugStart($0) || $0 == "-" || $0 == "_" }
    }

    private static func slugStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = self[...]
        while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
        while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
