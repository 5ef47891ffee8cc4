import Foundation

/// How many random inputs each property test tries: its usual count (seconds, for every `swift test`),
/// times `ONEVOICE_PROPERTY_SCALE` for the long runs the README's testing notes record, e.g.
/// `ONEVOICE_PROPERTY_SCALE=100 swift test --filter Property`.
public func propertyBudget(_ count: Int) -> Int {
    let scale = ProcessInfo.processInfo.environment["ONEVOICE_PROPERTY_SCALE"].flatMap(Int.init) ?? 1
    return count * max(1, min(scale, 100_000))
}
