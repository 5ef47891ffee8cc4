import Foundation
import Testing
@testable import OneVoiceCore

/// The incident tabs read only the columns they show (`postListings`, `factListings`, `releaseTimes`): they must
/// list exactly what the whole records say, in the same order, and pass over what cannot be read.
@Suite("Incident tab listings")
struct IncidentListingsTests {
    /// Delivered, scheduled and waiting posts over three releases; facts in every status.
    private func team() throws -> SchedulerTeam {
        let team = try SchedulerTeam()
        for (index, status) in [FactStatus.verified, .unverified, .disputed, .retracted, .verified, .unverified].enumerated() {
            let fact = try team.drafter.addFact(incidentID: team.incident.id, text: "Fact number \(index)",
                                                source: "Dispatcher \(index)", sourceKind: index.isMultiple(of: 2) ? .officialRecord : .witness)
            if status != .unverified { try team.verifier.setFactStatus(factID: fact.id, to: status, note: "checked") }
        }
        let sent = try team.approvedRelease("Sent")
        _ = try team.spokesperson.scheduleRelease(id: sent.id, at: SchedulerTeam.at(minutes: 0))
        try team.scheduler(SchedulerRecordingDeliverer()).tick()
        let later = try team.approvedRelease("Later")
        _ = try team.spokesperson.scheduleRelease(id: later.id, at: SchedulerTeam.at(minutes: 90))
        let sooner = try team.approvedRelease("Sooner")
        _ = try team.spokesperson.scheduleRelease(id: sooner.id, at: SchedulerTeam.at(minutes: 30))
        return team
    }

    @Test func postListingsAreThePostsSoonestFirst() throws {
        let team = try team()
        let id = team.incident.id
        let (listings, posts) = try team.drafter.dashboardRead { reader in
            (try reader.postListings(incidentID: id, limit: 500), try reader.posts(incidentID: id))
        }
        let expected = posts.sorted { ($0.scheduledAt ?? .distantFuture, $0.id) < ($1.scheduledAt ?? .distantFuture, $1.id) }
            .map { PostListing(id: $0.id, releaseID: $0.releaseID, channel: $0.channel, text: $0.text, state: $0.state,
                               scheduledAt: $0.scheduledAt, deliveredAt: $0.deliveredAt, nextAttemptAt: $0.nextAttemptAt,
                               lastError: $0.lastError, publicURL: $0.publicURL) }
        #expect(posts.count > 6)
        #expect(Set(posts.map(\.state)).count > 1, "delivered and waiting posts both")
        #expect(listings == expected)
        let three = try team.drafter.dashboardRead { try $0.postListings(incidentID: id, limit: 3) }
        #expect(three == Array(expected.prefix(3)))
    }

    @Test func postsNeedingAPersonAreThoseOfThePostsInTheirOrder() throws {
        let team = try team()
        let id = team.incident.id
        let all = try team.drafter.dashboardRead { try $0.posts(incidentID: id) }
        // Put some posts in the states that need a person, as the scheduler and people would leave them.
        let states: [PostState] = [.failed, .missed, .needsCheck, .credentialsExpired, .awaitingConfirmation, .handOffOverdue]
        for (post, state) in zip(all.prefix(states.count), states) {
            try team.agency.sqlite("UPDATE post SET state = '\(state.rawValue)' WHERE id = \(post.id)")
        }
        let (listed, posts) = try team.drafter.dashboardRead { reader in
            (try reader.postsNeedingAPerson(incidentID: id), try reader.posts(incidentID: id))
        }
        #expect(listed.count == states.count)
        #expect(listed.map(\.id) == posts.filter(\.state.needsPerson).map(\.id))
    }

    @Test func factListingsAreTheFactsByStatus() throws {
        let team = try team()
        let id = team.incident.id
        let (listings, facts) = try team.drafter.dashboardRead { reader in
            (try reader.factListings(incidentID: id, limit: 500), try reader.facts(incidentID: id))
        }
        let order: [FactStatus] = [.unverified, .verified, .disputed, .retracted]
        let expected = facts.sorted { (order.firstIndex(of: $0.status)!, $0.id) < (order.firstIndex(of: $1.status)!, $1.id) }
            .map { FactListing(id: $0.id, text: $0.text, source: $0.source, sourceKind: $0.sourceKind, status: $0.status,
                               statusBy: $0.statusBy, clearedForRelease: $0.clearedForRelease) }
        #expect(Set(facts.map(\.status)) == Set(order))
        #expect(listings == expected)
        #expect(try team.drafter.dashboardRead { try $0.factListings(incidentID: id, limit: 2) } == Array(expected.prefix(2)))
    }

    @Test func releaseTimesAreTheLastDeliveryAndTheNextTime() throws {
        let team = try team()
        let id = team.incident.id
        let (times, posts) = try team.drafter.dashboardRead { reader in
            (try reader.releaseTimes(incidentID: id), try reader.posts(incidentID: id))
        }
        let byRelease = Dictionary(grouping: posts, by: \.releaseID)
        #expect(byRelease.count == 3)
        for (releaseID, own) in byRelease {
            #expect(times[releaseID]?.lastDelivered == own.compactMap(\.deliveredAt).max())
            #expect(times[releaseID]?.firstScheduled == own.compactMap(\.scheduledAt).min())
        }
    }

    @Test func unreadableRowsArePassedOver() throws {
        let team = try team()
        let id = team.incident.id
        let before = try team.drafter.dashboardRead { try ($0.postListings(incidentID: id, limit: 500), $0.factListings(incidentID: id, limit: 500)) }
        let post = try #require(before.0.first)
        let fact = try #require(before.1.first)
        try team.agency.sqlite("UPDATE post SET state = 'gone-missing' WHERE id = \(post.id)")
        try team.agency.sqlite("UPDATE fact SET status = 'probably' WHERE id = \(fact.id)")
        try team.agency.sqlite("UPDATE post SET scheduledAt = 'soonish' WHERE id = \(before.0[1].id)")
        let after = try team.drafter.dashboardRead { try ($0.postListings(incidentID: id, limit: 500), $0.factListings(incidentID: id, limit: 500)) }
        #expect(after.0.map(\.id) == before.0.dropFirst(2).map(\.id))
        #expect(after.1.map(\.id) == before.1.dropFirst().map(\.id))
    }
}
