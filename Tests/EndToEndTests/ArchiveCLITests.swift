import Foundation
import Testing

@Suite("Archive CLI", .serialized)
struct ArchiveCLITests {
    func agency() throws -> (CLIRunner, elm: Int, mill: Int) {
        let cli = try CLIRunner()
        #expect(try cli.run(["init", "--agency", "Riverton PD", "--timezone", "America/Chicago"]).status == 0)
        let elm = try #require((try cli.json(["incident", "open", "--title", "Shots fired near Elm Park", "--kind", "general"]) as? [String: Any])?["id"] as? Int)
        let mill = try #require((try cli.json(["incident", "open", "--title", "Quarrystone mill fire", "--kind", "evacuation"]) as? [String: Any])?["id"] as? Int)
        _ = try cli.json(["fact", "add", "\(elm)", "--text", "Two people were taken to Mercy Hospital.", "--source", "Lt. Ortiz", "--source-kind", "incident-commander"])
        _ = try cli.json(["fact", "add", "\(mill)", "--text", "Route 4 is closed at the Zephyrine bridge.", "--source", "EOC", "--source-kind", "official-record"])
        return (cli, elm, mill)
    }

    @Test func searchPrintsHitsAsJSONNewestFirst() throws {
        let (cli, elm, mill) = try agency()
        let hits = try #require(try cli.json(["archive", "search", "fact.add"]) as? [[String: Any]])
        #expect(hits.count == 2)
        #expect(hits.map { $0["incident"] as? Int } == [mill, elm])
        #expect(Set(hits[0].keys).isSuperset(of: ["type", "id", "incident", "time", "snippet"]))
        let filtered = try #require(try cli.json(["archive", "search", "Mercy", "--incident", "\(elm)", "--from", "2000-01-01", "--to", "2999-12-31"]) as? [[String: Any]])
        #expect(Set(filtered.compactMap { $0["type"] as? String }) == ["fact", "log"])
        #expect((filtered.first?["snippet"] as? String)?.contains("«Mercy»") == true)
        #expect(try cli.json(["archive", "search", "Mercy", "--incident", "\(mill)"]) as? [Any] != nil)
        #expect((try cli.json(["archive", "search", "Mercy", "--to", "2000-01-01"]) as? [Any])?.isEmpty == true)
        for hostile in ["\"", "AND (", "-", "*", "NOT mercy)"] {
            let result = try cli.run(["archive", "search", "--", hostile])
            #expect(result.status == 0 || result.stderr.contains("at least one word"), "\(hostile): \(result.stderr)")
            #expect(!result.stderr.contains("fts5"))
        }
        let badDate = try cli.run(["archive", "search", "Mercy", "--from", "yesterday"])
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("\"yesterday\" is not a date"))
    }

    @Test func exportThenCheckExportThenTamper() throws {
        let (cli, elm, _) = try agency()
        let out = cli.home.appendingPathComponent("request-17").path
        // --dry-run names exactly the files the export then writes, and writes nothing.
        let planned = try cli.json(["archive", "export", "--dry-run", "--incident", "\(elm)"]) as? [String: Any]
        let plannedFiles = try #require(planned?["files"] as? [String])
        #expect(!FileManager.default.fileExists(atPath: out))
        let listed = try cli.run(["archive", "export", "--dry-run", "--incident", "\(elm)", "--out", out])
        #expect(listed.status == 0 && listed.stdout.contains("It would write \(plannedFiles.count) files:") && listed.stdout.contains("Nothing was written."))
        #expect(!FileManager.default.fileExists(atPath: out))
        let noFolder = try cli.run(["archive", "export", "--incident", "\(elm)"])
        #expect(noFolder.status != 0 && noFolder.stderr.contains("Give --out DIR"))

        let exported = try cli.run(["archive", "export", "--out", out, "--incident", "\(elm)"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let written = FileManager.default.enumerator(atPath: out)?.compactMap { $0 as? String }
            .filter { path in var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: out + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue } ?? []
        #expect(written.sorted() == plannedFiles.sorted())
        #expect(exported.stdout.contains("manifest.json SHA-256:"))
        let checked = try cli.run(["archive", "check-export", out])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("The export holds"))
        let index = try String(contentsOfFile: out + "/index.csv", encoding: .utf8)
        #expect(!index.contains("Quarrystone") && index.contains("Mercy"))

        try Data("x".utf8).write(to: URL(fileURLWithPath: out + "/log.jsonl"), options: .atomic)
        let tampered = try cli.run(["archive", "check-export", out])
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("log.jsonl was changed"))

        let again = try cli.run(["archive", "export", "--out", out])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func zipExportAndRetention() throws {
        let (cli, _, _) = try agency()
        let zipped = try cli.json(["archive", "export", "--out", cli.home.appendingPathComponent("all").path, "--zip"]) as? [String: Any]
        let path = try #require(zipped?["path"] as? String)
        #expect(path.hasSuffix("all.zip"))
        #expect(try cli.run(["archive", "check-export", path]).status == 0)

        #expect((try cli.json(["archive", "retention"]) as? [Any])?.isEmpty == true)
        let config = cli.home.appendingPathComponent("config/onevoice")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data("[retention]\nfact = \"1d\"\npost = [\n".utf8).write(to: config.appendingPathComponent("config.toml"))
        let broken = try cli.run(["archive", "retention"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("config.toml is not valid TOML at line"))
        let dispose = try cli.run(["archive", "dispose", "fact", "1", "--reason", "test"])
        #expect(dispose.status == 1)
    }
}
