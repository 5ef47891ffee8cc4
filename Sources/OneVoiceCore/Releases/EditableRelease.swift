import Foundation

/// The text file a person edits in $EDITOR: the release text, then one section per channel.
///
///     # Lines starting with '#' are comments and are dropped.
///     The release text...
///
///     === x ===
///     The X text...
public enum EditableRelease {
    public static func render(_ revision: ReleaseRevision, title: String) -> String {
        var out = """
            # Release: \(title) (revision \(revision.number))
            # Edit the text below. Each "=== channel ===" section is what goes out on that channel;
            # delete a section's text to have it made again from the release text. Lines starting with '#' are dropped.

            """
        out += revision.text + "\n"
        for slug in revision.renditions.keys.sorted() {
            out += "\n=== \(slug) ===\n" + revision.renditions[slug]! + "\n"
        }
        return out
    }

    /// The text and the renditions a person saved; renditions is nil when the file has no sections.
    public static func parse(_ file: String) throws -> (text: String, renditions: [String: String]?) {
        var text: [String] = []
        var sections: [(String, [String])] = []
        for line in file.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("#") { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("=== "), trimmed.hasSuffix(" ==="), trimmed.count > 8 {
                let slug = String(trimmed.dropFirst(4).dropLast(4)).trimmingCharacters(in: .whitespaces)
                guard Channel(rawValue: slug) != nil else {
                    throw StoreError.invalid("\"\(slug)\" is not a channel; use one of \(Channel.allCases.map(\.slug).joined(separator: ", ")).")
                }
                sections.append((slug, []))
            } else if sections.isEmpty {
                text.append(line)
            } else {
                sections[sections.count - 1].1.append(line)
            }
        }
        let body = text.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !sections.isEmpty else { return (body, nil) }
        var renditions: [String: String] = [:]
        for (slug, lines) in sections {
            renditions[slug] = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return (body, renditions)
    }
}
