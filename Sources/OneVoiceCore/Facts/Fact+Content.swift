extension Fact {
    /// SHA-256 of what a verifier vouches for: the statement and its source, not its status.
    public var contentHash: String {
        struct Content: Encodable {
            let key: String?
            let source: String
            let sourceKind: String
            let text: String
        }
        return Hashing.sha256Hex(CanonicalJSON.string(Content(key: key, source: source, sourceKind: sourceKind.rawValue, text: text)))
    }
}
