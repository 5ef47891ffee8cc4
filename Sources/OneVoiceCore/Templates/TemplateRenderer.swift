/// Fills a template's slots.
public enum TemplateRenderer {
    /// Replaces every known slot whose value exists; leaves the rest as `{{...}}` so the policy
    /// checker reports them as `unfilled-slot`. `{{ incident.title }}` (with spaces) is the same
    /// slot as `{{incident.title}}`.
    public static func fill(_ text: String, values: SlotValues) -> String {
        var output = ""
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                output += rest[open.lowerBound...]
                return output
            }
            let inner = String(afterOpen[..<close.lowerBound])
            if !inner.contains("{"), !inner.contains("\n"),
               let slot = TemplateSlot(inner), let value = values[slot] {
                let after = afterOpen[close.upperBound...]
                output += slot.name.hasPrefix("fact:") && endsSentence(after) ? sentence(value) : value
            } else {
                output += rest[open.lowerBound..<close.upperBound]
            }
            rest = afterOpen[close.upperBound...]
        }
        output += rest
        return output
    }

    /// Whether a slot followed by `after` stands at the end of a sentence: the text ends, a line ends,
    /// or the next word starts a new sentence (a capital letter or another slot) with no punctuation
    /// of the template's own in between.
    static func endsSentence(_ after: Substring) -> Bool {
        guard let first = after.first else { return true }
        if first.isNewline { return true }
        guard first == " " || first == "\t" else { return false }
        let rest = after.drop { $0 == " " || $0 == "\t" }
        guard let next = rest.first else { return true }
        return next.isNewline || next.isUppercase || rest.hasPrefix("{{")
    }

    /// A fact's statement as a sentence: its own final punctuation, or a full stop.
    static func sentence(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last else { return value }
        if ".!?…".contains(last) { return trimmed }
        if (last == "\"" || last == "”" || last == ")"), trimmed.dropLast().last.map({ ".!?".contains($0) }) == true { return trimmed }
        return trimmed + "."
    }

    /// The slots a text uses, in order of first use (unknown ones left out).
    public static func slots(in text: String) -> [TemplateSlot] {
        var found: [TemplateSlot] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else { break }
            if let slot = TemplateSlot(String(afterOpen[..<close.lowerBound])), !found.contains(slot) {
                found.append(slot)
            }
            rest = afterOpen[close.upperBound...]
        }
        return found
    }
}
