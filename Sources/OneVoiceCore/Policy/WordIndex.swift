import Foundation

/// The words of one normalised text, split once so that many phrases (every fact of an incident, every
/// named person) can be looked for in it without splitting it again for each.
public struct WordIndex: Sendable {
    private let normalized: NormalizedText
    private let words: [(word: String, range: NSRange)]
    /// Every word the text holds: a phrase with a word outside it cannot match, and is passed over at once.
    private let vocabulary: Set<String>

    public init(_ normalized: NormalizedText) {
        self.normalized = normalized
        words = NormalizedText.words(of: normalized.text)
        vocabulary = Set(words.map(\.word))
    }

    public init(_ text: String) { self.init(NormalizedText(text)) }

    /// The folded words of a phrase, as `ranges(of:)` looks for them.
    public static func phrase(_ phrase: String) -> [String] {
        NormalizedText.words(of: NormalizedText(phrase).text).map(\.word)
    }

    /// Where the words of a phrase (from `phrase(_:)`) appear one after another, whatever lies between
    /// them: ranges of the original text.
    public func ranges(of needle: [String]) -> [Range<String.Index>] {
        guard !needle.isEmpty, words.count >= needle.count, needle.allSatisfy(vocabulary.contains) else { return [] }
        var ranges: [Range<String.Index>] = []
        var index = 0
        while index + needle.count <= words.count {
            if (0..<needle.count).allSatisfy({ words[index + $0].word == needle[$0] }) {
                let first = words[index].range
                let last = words[index + needle.count - 1].range
                ranges.append(normalized.originalRange(of: NSRange(location: first.location, length: last.location + last.length - first.location)))
                index += needle.count
            } else {
                index += 1
            }
        }
        return ranges
    }
}
