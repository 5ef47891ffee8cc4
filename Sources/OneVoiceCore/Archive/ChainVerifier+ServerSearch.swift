import Foundation

extension ChainVerifier {
    /// On a shared server: its search table holds exactly the items this machine's index does. A row deleted
    /// there would hide a hit from a records search; one added would show an item nobody recorded (the hits
    /// themselves are held to the record as they are shown: AppDatabase+Search.swift).
    func checkServerSearch(into report: inout Report) throws {
        guard let shared = database.shared else { return }
        // Another machine may append between the two reads: they are compared only at the same head.
        for _ in 0..<3 {
            // A server that does not answer, or whose table is behind (refilled on the next open), is not checked here.
            guard let server = try? shared.searchItems() else { return }
            let (head, local) = try database.read { session in
                (try session.logHead()?.hash, try session.searchIndexItems())
            }
            guard head == server.head else { continue }
            for item in local.subtracting(server.items).sorted().prefix(20) {
                report.problems.append(.init(kind: "search", seq: nil, id: nil, message:
                    "The server's search table lacks \(item), which this record holds: a search there would not find it.", table: "onevoice_search"))
            }
            for item in server.items.subtracting(local).sorted().prefix(20) {
                report.problems.append(.init(kind: "search", seq: nil, id: nil, message:
                    "The server's search table holds \(item), which no record says.", table: "onevoice_search"))
            }
            return
        }
    }
}
