/// A release's findings together with exactly what they were computed from, so that a write can
/// tell, cheaply, whether a check made before it still holds.
struct CheckedRelease: Sendable {
    let release: Release
    let revision: ReleaseRevision
    let incident: Incident
    let facts: [Fact]
    let namedPeople: [NamedPerson]
    let findings: [Finding]
}
