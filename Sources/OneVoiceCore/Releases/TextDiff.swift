/// A line diff of two texts, for `release diff` and the dashboard: "  " kept, "- " removed, "+ " added.
public enum TextDiff {
    public struct Line: Sendable, Hashable {
        public enum Kind: Sendable { case kept, removed, added }
        public let kind: Kind
        public let text: String

        public init(kind: Kind, text: String) {
            self.kind = kind
            self.text = text
        }

        public var rendered: String {
            switch kind {
            case .kept: "  " + text
            case .removed: "- " + text
            case .added: "+ " + text
            }
        }
    }

    public static func lines(from old: String, to new: String) -> [Line] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both sides together: removals of `a` come before the insertions at the same point of `b`.
        var result: [Line] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                result.append(Line(kind: .removed, text: a[i])); i += 1
            } else if j < b.count, inserted.contains(j) {
                result.append(Line(kind: .added, text: b[j])); j += 1
            } else {
                if i < a.count { result.append(Line(kind: .kept, text: a[i])) }
                i += 1; j += 1
            }
        }
        return result
    }
}
