import Foundation
import Testing
@testable import OneVoiceCore

/// `[delivery.x]`, `[delivery.bluesky]`, `[delivery.facebook]`: all optional, located when wrong, secrets private.
@Suite("Platform settings")
struct PlatformSettingsTests {
    typealias Folder = AgencyConfigTests.Folder

    static let file = """
        [delivery.x]
        api_base = "http://127.0.0.1:8080"
        token = "x-file-token"

        [delivery.bluesky]
        service = "https://pds.riverton.example"
        handle = "rivertonpd.bsky.social"
        app_password = "abcd-efgh-ijkl-mnop"

        [delivery.facebook]
        page_id = "104563218765432"
        token = "fb-file-token"
        """

    @Test func everySettingIsRead() throws {
        let folder = try Folder()
        let config = try AgencyConfig.load(from: try folder.write("config.toml", Self.file), environment: [:])
        #expect(config.delivery.x == .init(base: URL(string: "http://127.0.0.1:8080"), account: nil, secret: "x-file-token"))
        #expect(config.delivery.bluesky == .init(base: URL(string: "https://pds.riverton.example"), account: "rivertonpd.bsky.social",
                                                 secret: "abcd-efgh-ijkl-mnop"))
        #expect(config.delivery.facebook == .init(base: nil, account: "104563218765432", secret: "fb-file-token"))
        let shown = "\(config)"
        #expect(!shown.contains("x-file-token") && !shown.contains("abcd-efgh") && !shown.contains("fb-file-token"), "secrets must not be printed")
        let deliverers = Scheduler.platformDeliverers(config.delivery, secrets: DeliverySecrets())
        #expect(Set(deliverers.keys) == [.x, .bluesky, .facebook])
        #expect((deliverers[.facebook] as? FacebookDeliverer)?.graphBase == FacebookDeliverer.defaultGraphBase)
    }

    @Test func noSettingsMeansEveryPlatformIsAHandOffAndTheTokenVariableAloneTurnsXOn() throws {
        let folder = try Folder()
        let none = try AgencyConfig.load(from: folder.configFile, environment: [:])
        #expect(Scheduler.platformDeliverers(none.delivery, secrets: DeliverySecrets()).isEmpty)
        let environment = [DeliverySecrets.xTokenVariable: "env-x", DeliverySecrets.blueskyAppPasswordVariable: "env-bsky",
                           DeliverySecrets.facebookTokenVariable: "env-fb"]
        let fromEnvironment = try AgencyConfig.load(from: folder.configFile, environment: environment)
        #expect(fromEnvironment.delivery.x?.secret == "env-x")
        // Bluesky and Facebook need the account too: a password alone does not say where to post.
        #expect(fromEnvironment.delivery.bluesky == nil && fromEnvironment.delivery.facebook == nil)
        // The environment wins over the file.
        let both = try AgencyConfig.load(from: try folder.write("config.toml", Self.file), environment: environment)
        #expect(both.delivery.x?.secret == "env-x" && both.delivery.bluesky?.secret == "env-bsky" && both.delivery.facebook?.secret == "env-fb")
    }

    @Test(arguments: ["[delivery.x]\ntoken = \"t0ken\"\n", "[delivery.bluesky]\nhandle = \"a.bsky.social\"\napp_password = \"p4ss\"\n",
                      "[delivery.facebook]\npage_id = \"1\"\ntoken = \"t0ken\"\n"])
    func aFileWithAPlatformSecretMustBePrivate(_ text: String) throws {
        let folder = try Folder()
        let file = try folder.write("config.toml", text, mode: 0o644)
        do {
            _ = try AgencyConfig.load(from: file, environment: [:])
            Issue.record("a world-readable file with a secret was accepted")
        } catch {
            #expect(error == .secretsReadableByOthers(file: file.path, mode: 0o644))
            #expect(!error.description.contains("t0ken") && !error.description.contains("p4ss"))
        }
        try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: 0o600)], ofItemAtPath: file.path)
        #expect(throws: Never.self) { try AgencyConfig.load(from: file, environment: [:]) }
    }

    /// The problems of `source`, as `line:column: message` lines.
    func problems(_ source: String) -> [String] {
        do {
            _ = try AgencyConfig.parse(source: source, file: "/cfg/config.toml")
            return []
        } catch {
            return error.problems.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }

    @Test func mistakesAreLocatedOnTheirLine() {
        let unknown = problems("[delivery.bluesky]\nhandle = \"a.bsky.social\"\npasword = \"x\"\n")
        #expect(unknown.count == 1 && unknown[0].hasPrefix("3:1: unknown key \"pasword\" in [delivery.bluesky]"), "\(unknown)")
        let remote = problems("[delivery.x]\napi_base = \"http://api.x.com\"\n")
        #expect(remote.count == 1 && remote[0].hasPrefix("2:1: \"api_base\" must start with https://"), "\(remote)")
        let userinfo = problems("[delivery.facebook]\npage_id = \"1\"\ngraph_base = \"https://me:pw@graph.facebook.com\"\n")
        #expect(userinfo.count == 1 && userinfo[0].hasPrefix("3:1: \"graph_base\" must be a plain address"), "\(userinfo)")
        #expect(!userinfo[0].contains("pw@"), "the password is not repeated")
        let handle = problems("[delivery.bluesky]\nhandle = \"@rivertonpd.bsky.social\"\n")
        #expect(handle.count == 1 && handle[0].hasPrefix("2:1: \"handle\" must be the account's handle"), "\(handle)")
        let page = problems("[delivery.facebook]\npage_id = \"../me/feed\"\n")
        #expect(page.count == 1 && page[0].hasPrefix("2:1: \"page_id\" must be the Page's number"), "\(page)")
        let missing = problems("[delivery.facebook]\ntoken = \"t\"\n")
        #expect(missing.count == 1 && missing[0].contains("needs \"page_id\""), "\(missing)")
        let notATable = problems("[delivery]\nx = \"on\"\n")
        #expect(notATable.count == 1 && notATable[0].contains("[delivery.x]"), "\(notATable)")
        let typo = problems("[delivery.threads]\ntoken = \"t\"\n")
        #expect(typo.count == 1 && typo[0].contains("unknown key \"threads\" in [delivery]"), "\(typo)")
    }
}
