import Foundation

/// What makes a usable agency name. Releases name agencies in their text, and the joint-agencies check finds
/// a name there whatever its case, width or spacing; two agencies whose names fold alike could not be told
/// apart by it, so names are compared folded the same way.
enum AgencyName {
    /// The name trimmed, or a one-sentence refusal: blank, a control or line-breaking character (a name goes
    /// on one line: a CAP `senderName`, an e-mail's From), or too long.
    static func checked(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw StoreError.invalid("The agency needs a name (--name), as its releases will name it.") }
        try TextInput.check(name, as: .name)
        if name.unicodeScalars.contains(where: { CharacterSet.newlines.contains($0) || $0 == "\t" }) {
            throw StoreError.invalid("An agency's name goes on one line; \"\(DeliveryText.singleLine(name))\" breaks it. Nothing was changed.")
        }
        return name
    }

    /// A name folded as the joint-agencies check reads a release's text: case, diacritics and width aside,
    /// every run of white space one space.
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The agency of `directory` other than `except` whose name folds like `name`, if any.
    static func clash(_ name: String, in directory: AgencyDirectory, except: Int64?) -> Int64? {
        let wanted = folded(name)
        let all = [(AgencyID.host, directory.hostName)] + directory.partners.map { ($0.id, $0.name) }
        return all.first { $0.0 != except && folded($0.1) == wanted }?.0
    }
}
