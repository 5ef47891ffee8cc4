import Foundation
import Testing
@testable import OneVoiceCore

/// Paging through a search's hits a window at a time, as the dashboard does, gives the list `search` gives.
@Suite("Archive search paging")
struct SearchPagingTests {
    /// An agency with many hits for one word, a few per millisecond and a few far apart.
    static func busyAgency() throws -> (ArchiveFixture, [SearchHit]) {
        let f = try ArchiveFixture()
        for i in 0..<23 {
            if i % 4 == 0 { f.agency.clock.advance(by: 60) }
            try f.drafter.addRumor(incidentID: i % 3 == 0 ? f.mill.id : f.elm.id, text: "Sighting number \(i) of the heron", seenAt: "X")
        }
        let all = try f.agency.admin.search(query: "heron", limit: 1000)
        return (f, all)
    }

    @Test func pagesForwardAndBackGiveTheWholeListInOrder() throws {
        let (f, all) = try Self.busyAgency()
        let ws = f.agency.admin
        #expect(all.count == 46)  // each rumor and the log entry that recorded it
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.position > $1.position && $0.time >= $1.time })
        // Forward, five at a time.
        var paged: [SearchHit] = []
        var position: Int64?
        repeat {
            let page = try ws.searchPage(query: "heron", after: position, limit: 5)
            paged += page
            position = page.last?.position
            if page.count < 5 { break }
        } while true
        #expect(paged == all)
        // Backward from the oldest, still newest first within each page.
        var back: [SearchHit] = []
        position = all.last?.position
        back = [all.last!]
        while let from = position {
            let page = try ws.searchPage(query: "heron", after: from, newer: true, limit: 4)
            if page.isEmpty { break }
            back = page + back
            position = page.first?.position
        }
        #expect(back == all)
    }

    @Test func countsAndPositionsAgreeWithTheList() throws {
        let (f, all) = try Self.busyAgency()
        let ws = f.agency.admin
        #expect(try ws.searchCount(query: "heron") == all.count)
        #expect(try ws.searchCount(query: "heron", limit: 10) == 10)
        for k in [0, 1, 17, all.count - 1] {
            #expect(try ws.searchCount(query: "heron", newerThan: all[k].position) == k)
        }
        // The incident and date filters narrow counts and pages alike.
        let mill = try ws.search(query: "heron", incidentID: f.mill.id, limit: 1000)
        #expect(!mill.isEmpty && mill.allSatisfy { $0.incidentID == f.mill.id })
        #expect(try ws.searchCount(query: "heron", incidentID: f.mill.id) == mill.count)
        let from = all[10].time
        #expect(try ws.searchCount(query: "heron", from: from) == all.filter { $0.time >= from }.count)
        #expect(try ws.searchPage(query: "heron", from: from, after: all[0].position, limit: 1000) == Array(all.dropFirst().filter { $0.time >= from }))
    }

    @Test(arguments: ["\"", "-", "(", "NEAR(a b)", "'; DROP TABLE fact; --", "scope : i1", "🚓", "heron*"])
    func hostileQueriesPageAndCountSafely(query: String) throws {
        let (f, all) = try Self.busyAgency()
        let ws = f.agency.admin
        do {
            _ = try ws.searchCount(query: query)
            _ = try ws.searchPage(query: query, after: all[3].position, newer: true, limit: 3)
        } catch let error as SearchError {
            #expect(error == .emptyQuery)
        }
        #expect(try ws.searchCount(query: "heron") == all.count)
    }

    @Test func pagesPastEitherEndAreEmpty() throws {
        let (f, all) = try Self.busyAgency()
        let ws = f.agency.admin
        #expect(try ws.searchPage(query: "heron", after: all.last!.position).isEmpty)
        #expect(try ws.searchPage(query: "heron", after: all.first!.position, newer: true).isEmpty)
        #expect(try ws.searchPage(query: "heron", after: Int64.min).isEmpty)
        #expect(try ws.searchPage(query: "heron", after: Int64.max, newer: true).isEmpty)
        #expect(try ws.searchCount(query: "heron", newerThan: Int64.max) == 0)
    }
}
