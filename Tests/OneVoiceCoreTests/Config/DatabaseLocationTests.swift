import Foundation
import Testing
@testable import OneVoiceCore

/// `--db` and `ONEVOICE_DB`: a path (or a file: URL) is a database file; any other URL is refused in one
/// sentence, never taken as a relative path that creates a folder named after its scheme.
@Suite("Database location")
struct DatabaseLocationTests {
    @Test func aPathOrAFileURLIsTheDatabaseFile() throws {
        #expect(try XDGPaths.databaseFile("/srv/pio/onevoice.sqlite").path == "/srv/pio/onevoice.sqlite")
        #expect(try XDGPaths.databaseFile("file:///srv/pio/one%20voice.sqlite").path == "/srv/pio/one voice.sqlite")
        #expect(try XDGPaths.databaseFile("file://localhost/srv/pio/db.sqlite").path == "/srv/pio/db.sqlite")
        #expect(try XDGPaths.databaseFile("notes: march.sqlite").lastPathComponent == "notes: march.sqlite")
        #expect(try XDGPaths.databaseFile("a b://c").lastPathComponent == "c")
    }

    @Test(arguments: ["postgres://postgres@127.0.0.1:5432/jic", "POSTGRESQL://h/db", "mysql://x/y", "https://example.org/db",
                      "sqlite+ssh://host/file", "file://fileserver/share/onevoice.sqlite"])
    func aServerAddressIsRefused(location: String) {
        #expect(throws: StoreError.self) { try XDGPaths.databaseFile(location) }
        var sentence = ""
        do { _ = try XDGPaths.databaseFile(location) } catch { sentence = error.description }
        #expect(sentence.contains(location) && sentence.contains("nothing was created"))
    }

    @Test func theEnvironmentIsReadTheSameWay() {
        let paths = XDGPaths(environment: ["ONEVOICE_DB": "postgres://h/db", "HOME": "/home/pio"])
        #expect(throws: StoreError.self) { try paths.databaseURL(explicit: nil) }
        #expect(throws: Never.self) { try paths.databaseURL(explicit: "/tmp/x.sqlite") }
    }
}
