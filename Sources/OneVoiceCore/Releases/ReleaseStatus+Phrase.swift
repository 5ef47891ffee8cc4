/// The status as it reads after "Release #3 is …": "a draft", "in review", "approved", "scheduled", "released".
extension ReleaseStatus {
    public var predicate: String {
        switch self {
        case .draft: "a draft"
        default: label
        }
    }
}
