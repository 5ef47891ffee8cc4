import Foundation
import Testing
import TestSupport

/// `bench --server` end to end at the tiny scale: the synthetic agency copied onto an empty server database,
/// each figure measured on the file and on the server with their ratio, and the concurrent writers in a database
/// the bench makes and drops. The figures are not held to their targets here (a debug build on a busy machine).
@Suite("CLI: bench on a shared server")
struct BenchServerCLITests {
    @Test func measuresTheAgencyOnTheServerBesideTheFile() throws {
        let url = try PostgresCluster.freshDatabase()
        let cli = try CLIRunner()
        let result = try cli.run(["bench", "--server", url, "--scale", "tiny", "--json",
                                  "--folder", cli.home.appendingPathComponent("bench").path])
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let names = Set(figures.compactMap { $0["name"] as? String })
        for measured in ["open + first frame", "key press to frame (p99)", "archive search hospital (exec to exit)", "scheduler tick"] {
            for side in ["file: ", "server: ", "ratio server/file: "] {
                #expect(names.contains(side + measured), "\(side + measured) missing from \(names.sorted())")
            }
        }
        for info in ["server: copy of the agency onto it", "server: first open on a fresh machine"] {
            #expect(names.contains(info), "\(info) missing")
        }
        let errors = figures.first { $0["name"] as? String == "server: errors among those changes" }
        #expect(errors?["value"] as? Double == 0, "\(String(describing: errors))")
        // The search answered on the server, from PostgreSQL, and found what the file finds.
        let search = figures.first { $0["name"] as? String == "server: archive search hospital (exec to exit)" }
        #expect((search?["note"] as? String)?.contains("the server answered") == true, "\(String(describing: search))")
        // The writers' database is dropped again.
        let listed = try PostgresCluster.server().psql("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'onevoice_bench_%'")
        #expect(listed.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}
