import Foundation

/// Each channel's text for a release: what the spokesperson signs and what goes out.
public enum Renditions {
    /// The marker every exercise rendition starts with, so a drill can never pass for the real thing
    /// (the same word the delivery formats use, so nothing is marked twice).
    public static let exerciseMarker = "EXERCISE:"

    public struct Input: Sendable {
        public var text: String
        /// Channel → the template's short text, already filled.
        public var shortTexts: [Channel: String]
        public var channels: [Channel]
        /// Where the full release can be read, appended when a text had to be shortened.
        public var link: String?
        public var isExercise: Bool
        public var kind: ReleaseKind
        public var limits: ChannelLimits

        public init(text: String, shortTexts: [Channel: String] = [:], channels: [Channel], link: String? = nil,
                    isExercise: Bool, kind: ReleaseKind = .original, limits: ChannelLimits = .default) {
            self.text = text
            self.shortTexts = shortTexts
            self.channels = channels
            self.link = link
            self.isExercise = isExercise
            self.kind = kind
            self.limits = limits
        }
    }

    /// Channel slug → text. Uses the template's short text where there is one, the full text where it fits,
    /// and otherwise the longest run of whole sentences that fits, followed by the link.
    public static func make(_ input: Input) -> [String: String] {
        var result: [String: String] = [:]
        for channel in input.channels {
            let prefix = self.prefix(isExercise: input.isExercise, kind: input.kind)
            let body = withoutMarkers(input.shortTexts[channel] ?? input.text, isExercise: input.isExercise, kind: input.kind)
            result[channel.slug] = fit(body.trimmingCharacters(in: .whitespacesAndNewlines), prefix: prefix,
                                       channel: channel, link: input.link, limits: input.limits)
        }
        return result
    }

    /// The full text of a release as published (website, media list): markers included.
    public static func markedText(_ text: String, isExercise: Bool, kind: ReleaseKind) -> String {
        let prefix = self.prefix(isExercise: isExercise, kind: kind)
        return prefix.isEmpty ? text : prefix + withoutMarkers(text, isExercise: isExercise, kind: kind)
    }

    /// `text` without the markers the prefix is about to add ("UPDATE: UPDATE:" never goes out).
    static func withoutMarkers(_ text: String, isExercise: Bool, kind: ReleaseKind) -> String {
        var markers: [String] = []
        if isExercise { markers.append(exerciseMarker) }
        if let marker = kind.marker { markers.append(marker + ":") }
        guard !markers.isEmpty else { return text }
        var rest = Substring(text)
        var changed = true
        while changed {
            changed = false
            let trimmed = rest.drop { $0 == " " }
            for marker in markers where trimmed.uppercased().hasPrefix(marker) {
                rest = trimmed.dropFirst(marker.count).drop { $0 == " " }
                changed = true
            }
        }
        return String(rest)
    }

    static func prefix(isExercise: Bool, kind: ReleaseKind) -> String {
        var parts: [String] = []
        if isExercise { parts.append(exerciseMarker) }
        if let marker = kind.marker { parts.append(marker + ":") }
        // "EXERCISE: UPDATE: ..."
        return parts.isEmpty ? "" : parts.joined(separator: " ") + " "
    }

    static func fit(_ body: String, prefix: String, channel: Channel, link: String?, limits: ChannelLimits) -> String {
        let whole = prefix + body
        if PostValidator.validate(whole, for: channel, limits: limits).valid || limits.limit(for: channel) == nil {
            return whole
        }
        let suffix = link.map { " " + $0 } ?? ""
        let sentences = self.sentences(in: body)
        var kept = ""
        for sentence in sentences {
            let candidate = kept.isEmpty ? sentence : kept + " " + sentence
            if PostValidator.validate(prefix + candidate + suffix, for: channel, limits: limits).valid {
                kept = candidate
            } else {
                break
            }
        }
        if !kept.isEmpty { return prefix + kept + suffix }
        // Not even one sentence fits: cut at a word boundary, mark the cut, keep the link.
        var words = body.split(separator: " ").map(String.init)
        while !words.isEmpty {
            let candidate = prefix + words.joined(separator: " ") + "…" + suffix
            if PostValidator.validate(candidate, for: channel, limits: limits).valid { return candidate }
            words.removeLast()
        }
        return prefix.trimmingCharacters(in: .whitespaces)
    }

    /// Abbreviations common in releases whose period does not end a sentence.
    static let abbreviations: Set<String> = [
        "st", "ave", "blvd", "rd", "dr", "mr", "mrs", "ms", "lt", "sgt", "cpl", "det", "capt", "cmdr", "ofc", "no",
        "a.m", "p.m", "u.s", "e.g", "i.e", "approx", "hwy", "mt", "ft", "jr", "sr", "inc", "co", "dept", "n", "s", "e", "w",
    ]

    /// Sentences of a text, keeping their final punctuation; paragraph breaks end sentences too.
    static func sentences(in text: String) -> [String] {
        var result: [String] = []
        for paragraph in text.split(whereSeparator: \.isNewline) {
            var current = ""
            let characters = Array(paragraph)
            for (i, character) in characters.enumerated() {
                current.append(character)
                guard ".!?".contains(character) else { continue }
                let next = i + 1 < characters.count ? characters[i + 1] : nil
                guard next == nil || next!.isWhitespace || next == "\"" || next == "”" else { continue }
                if character == "." {
                    let word = current.dropLast().split(separator: " ").last.map { $0.lowercased() } ?? ""
                    if abbreviations.contains(word) { continue }
                }
                let trimmed = current.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { result.append(trimmed) }
                current = ""
            }
            let rest = current.trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { result.append(rest) }
        }
        return result
    }

    /// Splits a long text into an X thread, numbered "1/3", each part within the limit.
    public static func xThread(_ text: String, limits: ChannelLimits = .default) -> [String] {
        let sentences = self.sentences(in: text)
        // Reserve room for " 99/99".
        let reserve = " 99/99"
        var parts: [String] = []
        var current = ""
        for sentence in sentences {
            let candidate = current.isEmpty ? sentence : current + " " + sentence
            if PostValidator.validate(candidate + reserve, for: .x, limits: limits).valid {
                current = candidate
            } else {
                if !current.isEmpty { parts.append(current) }
                current = fit(sentence, prefix: "", channel: .x, link: nil, limits: limits.setting(.x, to: (limits.limit(for: .x) ?? 280) - reserve.count))
            }
        }
        if !current.isEmpty { parts.append(current) }
        guard parts.count > 1 else { return parts }
        return parts.enumerated().map { "\($1) \($0 + 1)/\(parts.count)" }
    }
}
