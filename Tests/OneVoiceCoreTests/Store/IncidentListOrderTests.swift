import Foundation
import GRDB
import Testing
@testable import OneVoiceCore

/// `incident list` reads its page from the index made for its order, never sorting every incident.
@Suite("Incident list order")
struct IncidentListOrderTests {
    @Test func theListReadsItsOrderFromTheIndex() throws {
        let agency = try TestAgency()
        let plan = try agency.admin.database.read { session in
            try Row.fetchAll(session.db, sql: "EXPLAIN QUERY PLAN " + StoreSession.incidentListSQL, arguments: [1000])
                .map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(plan.contains("incident_on_list") && !plan.contains("TEMP B-TREE"), "\(plan)")
    }
}
