/// Values for a template's slots, keyed by slot name (`fact:injuries`, `incident.title`).
public struct SlotValues: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(name: String) -> String? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public subscript(slot: TemplateSlot) -> String? {
        get { values[slot.name] }
        set { values[slot.name] = newValue }
    }

    /// Sets `{{fact:KEY}}`.
    public mutating func setFact(_ key: String, _ value: String) {
        values["fact:\(key)"] = value
    }
}
