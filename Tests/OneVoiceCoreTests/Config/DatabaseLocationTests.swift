import Foundation
import Testing
@testable import OneVoiceCore

/// `--db` and `ONEVOICE_DB`: a path (or a file: URL) is a database file; `postgres://` is a shared server; any
/// other URL is refused in one sentence, never taken as a relative path that creates a folder named after its scheme.
@Suite("Database location")
struct DatabaseLocationTests {
    @Test func aPathOrAFileURLIsTheDatabaseFile() throws {
        #expect(try XDGPaths.databaseFile("/srv/pio/onevoice.sqlite").path == "/srv/pio/onevoice.sqlite")
        #expect(try XDGPaths.databaseFile("file:///srv/pio/one%20voice.sqlite").path == "/srv/pio/one voice.sqlite")
        #expect(try XDGPaths.databaseFile("file://localhost/srv/pio/db.sqlite").path == "/srv/pio/db.sqlite")
        #expect(try XDGPaths.databaseFile("notes: march.sqlite").lastPathComponent == "notes: march.sqlite")
        #expect(try XDGPaths.databaseFile("a b://c").lastPathComponent == "c")
    }

    @Test(arguments: ["mysql://x/y", "https://example.org/db", "sqlite+ssh://host/file", "file://fileserver/share/onevoice.sqlite"])
    func anAddressOfAnotherKindIsRefused(location: String) {
        #expect(throws: StoreError.self) { try XDGPaths.databaseFile(location) }
        var sentence = ""
        do { _ = try XDGPaths.databaseFile(location) } catch { sentence = error.description }
        #expect(sentence.contains(location) && sentence.contains("nothing was created"))
    }

    @Test func aPostgresAddressIsAServer() throws {
        let full = try DatabaseLocation.parse("postgres://pio:s%40cret@db.example.org:6543/jic?sslmode=require")
        #expect(full == .server(ServerAddress(host: "db.example.org", port: 6543, user: "pio", password: "s@cret", database: "jic", tls: .require)))
        // The password never shows in what messages print.
        #expect(full.description == "postgres://pio@db.example.org:6543/jic")
        let short = try DatabaseLocation.parse("POSTGRESQL://pio@h")
        #expect(short == .server(ServerAddress(host: "h", user: "pio", database: "pio")))
        let ipv6 = try DatabaseLocation.parse("postgres://pio@[::1]:5432/jic")
        #expect(ipv6 == .server(ServerAddress(host: "::1", user: "pio", database: "jic")))
    }

    @Test(arguments: ["postgres://pio@/jic", "postgres://pio@h:0/jic", "postgres://pio@h/jic?sslmode=sometimes",
                      "postgres://pio:hunter2@h/jic?pool=9", "postgres://pio@h/a/b"])
    func aServerAddressThatCannotBeUsedIsRefusedInOneSentence(location: String) {
        var sentence = ""
        do { _ = try DatabaseLocation.parse(location) } catch { sentence = error.description }
        #expect(sentence.contains("postgres://USER@HOST:PORT/DATABASE"))
        #expect(!sentence.contains("hunter2"))
    }

    @Test func aServerIsRefusedWhereOnlyAFileWillDo() {
        var sentence = ""
        do { _ = try XDGPaths.databaseFile("postgres://pio@127.0.0.1:5432/jic") } catch { sentence = error.description }
        #expect(sentence.contains("postgres://pio@127.0.0.1:5432/jic is a PostgreSQL server"))
    }

    @Test func theConfiguredURLComesAfterTheFlagAndTheEnvironment() throws {
        let bare = XDGPaths(environment: ["HOME": "/home/pio"])
        #expect(try bare.databaseLocation(explicit: nil, configured: "postgres://pio@h/jic") == .server(ServerAddress(host: "h", user: "pio", database: "jic")))
        #expect(try bare.databaseLocation(explicit: "/tmp/x.sqlite", configured: "postgres://pio@h/jic") == .file(URL(fileURLWithPath: "/tmp/x.sqlite")))
        let withEnvironment = XDGPaths(environment: ["HOME": "/home/pio", "ONEVOICE_DB": "/srv/a.sqlite"])
        #expect(try withEnvironment.databaseLocation(explicit: nil, configured: "postgres://pio@h/jic") == .file(URL(fileURLWithPath: "/srv/a.sqlite")))
        #expect(try bare.databaseLocation(explicit: nil) == .file(URL(fileURLWithPath: "/home/pio/.local/share/onevoice/onevoice.sqlite")))
    }

    @Test func theEnvironmentIsReadTheSameWay() {
        let paths = XDGPaths(environment: ["ONEVOICE_DB": "postgres://h/db", "HOME": "/home/pio"])
        #expect(throws: StoreError.self) { try paths.databaseURL(explicit: nil) }
        #expect(throws: Never.self) { try paths.databaseURL(explicit: "/tmp/x.sqlite") }
    }
}
