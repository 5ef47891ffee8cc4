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
                output += value
            } else {
                output += rest[open.lowerBound..<close.upperBound]
            }
            rest = afterOpen[close.upperBound...]
        }
        output += rest
        return output
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
