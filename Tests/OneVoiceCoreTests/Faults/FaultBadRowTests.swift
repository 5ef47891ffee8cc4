import Foundation
import Testing
@testable import OneVoiceCore

/// One stored value the code cannot read back, in each table in turn (a date past the year 9999,
/// text where a number or a date belongs): whatever is asked then works or fails in one sentence,
/// never crashes; the board keeps the other incidents and the scheduler delivers the other posts.
@Suite("Faults: a bad row in each table", .serialized)
struct FaultBadRowTests {
    static let damages: [(table: String, column: String, value: String)] = [
        ("agency", "createdAt", "'10000-01-01 00:00:00.000'"),
        ("person", "addedAt", "'10000-01-01 00:00:00.000'"),
        ("incident", "openedAt", "'10000-01-01 00:00:00.000'"),
        ("incident", "severity", "'high'"),
        ("fact", "recordedAt", "'not a date'"),
        ("pressRelease", "createdAt", "'10000-01-01 00:00:00.000'"),
        ("releaseRevision", "createdAt", "'10000-01-01 00:00:00.000'"),
        ("post", "scheduledAt", "'10000-01-01 00:00:00.000'"),
        ("post", "state", "'exploded'"),
        ("attestation", "createdAt", "'10000-01-01 00:00:00.000'"),
        ("rumor", "recordedAt", "'10000-01-01 00:00:00.000'"),
        ("namedPerson", "recordedAt", "'10000-01-01 00:00:00.000'"),
        ("contact", "addedAt", "'10000-01-01 00:00:00.000'"),
        ("schedulerLease", "expiresAt", "'10000-01-01 00:00:00.000'"),
    ]

    @Test func eachTableWithABadRow() throws {
        for damage in Self.damages {
            let team = try SchedulerTeam()
            let other = try team.drafter.openIncident(title: "Other incident", kind: .general, location: "Oak Street")
            _ = try team.drafter.addFact(incidentID: team.incident.id, text: "Crews expect to finish by Friday.", source: "Lt. Ortiz",
                                         sourceKind: .incidentCommander)
            _ = try team.drafter.addRumor(incidentID: team.incident.id, text: "The bridge fell", seenAt: "X")
            _ = try team.drafter.addNamedPerson(incidentID: team.incident.id, name: "Pat Doe", category: .victim)
            _ = try team.drafter.addContact(name: "Desk", email: "desk@news.example")
            let first = try team.approvedRelease("First")
            let second = try team.approvedRelease("Second")
            try team.drafter.scheduleRelease(id: first.id, at: team.clock.now(), channels: [.website])
            try team.drafter.scheduleRelease(id: second.id, at: team.clock.now(), channels: [.website])
            try team.agency.sqlite("UPDATE \(damage.table) SET \(damage.column) = \(damage.value) WHERE rowid = (SELECT MIN(rowid) FROM \(damage.table))")
            team.clock.advance(by: 120)

            let label = "\(damage.table).\(damage.column)"
            let workspace = team.drafter
            func attempt<T>(_ what: String, _ body: () throws -> T) -> T? {
                do { return try body() } catch {
                    #expect(DamagedDatabaseTests.sentenceProblem(error) == nil, "\(label), \(what): \(error)")
                    return nil
                }
            }
            let board = attempt("board") { try team.database.read { try $0.boardPage(after: nil, limit: 40) } }
            if damage.table == "incident" {
                #expect(board?.map(\.incident.id).contains(other.id) == true, "\(label): the board lost the other incident")
                let named = attempt("unreadable rows") { try workspace.unreadableRows() }
                // (Text in an integer column reads as 0, as SQLite converts it: readable, so not named.)
                if damage.column == "openedAt" {
                    #expect(named?.map(\.table) == ["incident"], "\(label): \(String(describing: named))")
                }
            }
            if damage.table == "post" {
                // The dashboard's top bar before the scheduler runs: the readable post is next.
                let next = attempt("next post") { try team.database.read { try $0.nextScheduledPost() } }
                #expect(next??.post.releaseID == second.id, "\(label): the top bar lost the next post")
                #expect(attempt("next time") { try team.database.read { try $0.nextScheduledTime() } } != nil)
            }
            let report = attempt("scheduler") { try team.scheduler(SchedulerRecordingDeliverer()).tick() }
            if damage.table == "post" {
                #expect(report?.delivered == 1, "\(label): the other post was not delivered")
                if damage.column == "scheduledAt" {
                    #expect(report?.unreadable.isEmpty == false, "\(label): the bad post was not named")
                }
            }
            _ = attempt("incidents") { try workspace.incidents() }
            _ = attempt("facts") { try workspace.facts(incidentID: team.incident.id) }
            _ = attempt("rumors") { try workspace.rumors(incidentID: team.incident.id) }
            _ = attempt("named") { try workspace.namedPeople(incidentID: team.incident.id) }
            _ = attempt("releases") { try workspace.releases(incidentID: team.incident.id) }
            _ = attempt("revision") { try workspace.revision(releaseID: first.id) }
            _ = attempt("schedule") { try workspace.upcomingPostsNamingUnreadable() }
            _ = attempt("posts") { try workspace.posts(incidentID: team.incident.id) }
            _ = attempt("roster") { try workspace.roster() }
            _ = attempt("contacts") { try workspace.contacts() }
            _ = attempt("search") { try workspace.search(query: "Elm") }
            _ = attempt("log") { try team.database.read { try $0.logWindow(incidentID: nil, from: nil, backward: false, limit: 40) } }
            _ = attempt("calendar") { try workspace.scheduleCalendar() }
            _ = attempt("cancel") { try workspace.cancelRelease(id: first.id) }
            _ = attempt("verify") { try ChainVerifier(database: team.database).verify() }
        }
    }
}
