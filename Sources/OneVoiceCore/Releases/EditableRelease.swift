import Foundation

/// The text file a person edits in $EDITOR: a short header, the release text, then one section per channel.
///
///     # Release: Shots fired near Elm Park (revision 2)
///     # ...
///     # ---- Everything below this line is published. ----
///     The release text...
///     #RivertonPD
///
///     === x ===
///     The X text...
///
/// Only the header is dropped: everything after its last line is kept as written, so a line that
/// starts with `#` (a hashtag line) is text like any other. A file whose header was deleted keeps
/// every line except leading lines that start with "# " (a hash and a space, never a hashtag).
public enum EditableRelease {
    /// The header's last line.
    public static let headerEnd = "# ---- Everything below this line is published. ----"

    public static func render(_ revision: ReleaseRevision, title: String) -> String {
        var out = """
            # Release: \(DeliveryText.singleLine(title)) (revision \(revision.number))
            # Edit the text below. Each "=== channel ===" section is what goes out on that channel;
            # delete a section's text to have it made again from the release text.
            \(headerEnd)

            """
        out += revision.text + "\n"
        for slug in revision.renditions.keys.sorted() {
            out += "\n=== \(slug) ===\n" + revision.renditions[slug]! + "\n"
        }
        return out
    }

    /// The text and the renditions a person saved; renditions is nil when the file has no sections.
    public static func parse(_ file: String) throws -> (text: String, renditions: [String: String]?) {
        var lines = DeliveryText.unixLines(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let end = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == headerEnd }) {
            lines.removeSubrange(...end)
        } else {
            while let first = lines.first, first.hasPrefix("# ") || first == "#" { lines.removeFirst() }
        }
        var text: [String] = []
        var sections: [(String, [String])] = []
        for line in lines {
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
