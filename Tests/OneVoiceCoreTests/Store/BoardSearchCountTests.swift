import Foundation
import Testing
@testable import OneVoiceCore

/// The board's `/` counts its matches with the same test that finds them; LIKE's wildcards are plain text.
@Suite("Board search count")
struct BoardSearchCountTests {
    @Test func countsMatchesAndTheirPlace() throws {
        let agency = try TestAgency()
        for title in ["Fire on Elm Street", "Elm Park closure", "Flood on River Road", "100% of Oak_Street closed"] {
            try agency.admin.openIncident(title: title, kind: .general, location: "")
        }
        let counts = try agency.admin.dashboardRead { reader in
            (try reader.boardMatchCount(matching: "elm"), try reader.boardMatchCount(matching: "%"),
             try reader.boardMatchCount(matching: "_"), try reader.boardMatchCount(matching: "Oak_S"),
             try reader.boardMatchCount(matching: "nothing like it"))
        }
        #expect(counts.0 == 2, "case-insensitive")
        #expect(counts.1 == 1, "% is a character, not a wildcard")
        #expect(counts.2 == 1, "_ is a character, not a wildcard")
        #expect(counts.3 == 1)
        #expect(counts.4 == 0)
        // Its place: how many matches come before a row in board order (newest first).
        let (first, rows) = try agency.admin.dashboardRead { reader in
            let rows = try reader.boardPage(after: nil, limit: 10, matching: "elm")
            return (try reader.boardMatchCount(matching: "elm", before: nil), rows)
        }
        #expect(first == 2)
        #expect(rows.count == 2)
    }
}
