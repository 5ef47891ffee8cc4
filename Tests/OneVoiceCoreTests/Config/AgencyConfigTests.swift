import Foundation
import Testing
@testable import OneVoiceCore

/// `config.toml`: every key, every kind of mistake located, secrets kept private.
@Suite("Agency configuration")
struct AgencyConfigTests {
    /// A temporary config folder (as `$XDG_CONFIG_HOME/onevoice`).
    struct Folder {
        let base: URL
        let directory: URL
        var configFile: URL { directory.appendingPathComponent("config.toml") }

        init() throws {
            base = FileManager.default.temporaryDirectory.appendingPathComponent("onevoice-config-\(UUID().uuidString)")
            directory = base.appendingPathComponent("onevoice")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }

        @discardableResult
        func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> URL {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: mode)], ofItemAtPath: url.path)
            return url
        }

        var paths: XDGPaths { XDGPaths(environment: ["XDG_CONFIG_HOME": base.path, "HOME": base.path]) }
    }

    static let fullFile = """
        # Springfield PD
        theme = "high-contrast"

        [agency]
        phone = "217-555-0100"
        email = "pio@springfieldpd.gov"
        website = "https://springfieldpd.gov"
        release_url = "https://springfieldpd.gov/news/{id}"
        next_update = "at 4 p.m. on our website."
        cap_sender = "pio@springfieldpd.gov"
        media_from = "newsroom@springfieldpd.gov"

        [limits]
        mastodon = 1000
        cap = 360

        [policy]
        rules_file = "policy/agency-rules.toml"

        [scheduler]
        grace_minutes = 15

        [delivery]
        mastodon_instance = "https://mastodon.springfield.example"
        webhook_url = "https://hooks.springfield.example/onevoice"
        sendmail = "/usr/sbin/sendmail"
        mastodon_token = "file-token"
        webhook_secret = "file-secret"

        [retention]
        releases_years = 7
        anything = "read by the retention code, not here"
        """

    static let agencyRules = """
        [[rule]]
        id = "codename"
        severity = "block"
        message = "Operation code names are internal."
        patterns = ['''\\bOperation\\s+Nightjar\\b''']
        """

    @Test func aFullValidFileFillsEverything() throws {
        let folder = try Folder()
        try folder.write("policy/agency-rules.toml", Self.agencyRules, mode: 0o644)
        let file = try folder.write("config.toml", Self.fullFile)
        let config = try AgencyConfig.load(from: file, environment: [:])
        #expect(config.theme == "high-contrast")
        #expect(config.phone == "217-555-0100")
        #expect(config.email == "pio@springfieldpd.gov")
        #expect(config.website == "https://springfieldpd.gov")
        #expect(config.releaseURLPattern == "https://springfieldpd.gov/news/{id}")
        #expect(config.nextUpdate == "at 4 p.m. on our website")
        #expect(config.capSender == "pio@springfieldpd.gov")
        #expect(config.mediaFrom == "newsroom@springfieldpd.gov")
        #expect(config.limits == [.mastodon: 1000, .cap: 360])
        #expect(config.rulesFile?.path == folder.directory.appendingPathComponent("policy/agency-rules.toml").standardizedFileURL.path)
        #expect(config.graceMinutes == 15)
        #expect(config.delivery.mastodonInstance?.absoluteString == "https://mastodon.springfield.example")
        #expect(config.delivery.webhookURL?.absoluteString == "https://hooks.springfield.example/onevoice")
        #expect(config.delivery.sendmail == "/usr/sbin/sendmail")
        #expect(config.delivery.mastodonToken == "file-token")
        #expect(config.delivery.webhookSecret == "file-secret")
        #expect(!"\(config)".contains("file-token") && !"\(config)".contains("file-secret"), "secrets must not be printed")

        let rules = try config.ruleSet()
        #expect(rules.rule(id: "codename") != nil)
        #expect(rules.rule(id: "juvenile") != nil, "the built-in rules stay")
    }

    @Test func workspaceSettingsCombineConfigTemplatesAndRules() throws {
        let folder = try Folder()
        try folder.write("policy/agency-rules.toml", Self.agencyRules)
        try folder.write("config.toml", Self.fullFile)
        try folder.write("templates/parade.toml", """
            id = "parade"
            name = "Parade"
            kind = "community-event"
            holding = "The {{agency.name}} is planning a parade. More information will follow."
            release = "The parade starts at {{fact:start}}."
            """)
        let settings = try WorkspaceSettings.load(paths: folder.paths)
        #expect(settings.templates.template(id: "parade") != nil)
        #expect(settings.templates.template(id: "officer-involved-shooting") != nil)
        #expect(settings.ruleSet.rule(id: "codename") != nil)
        #expect(settings.limits.limit(for: .mastodon) == 1000)
        #expect(settings.agencyPhone == "217-555-0100")
        #expect(settings.releaseLink(id: 42) == "https://springfieldpd.gov/news/42")
        #expect(settings.nextUpdate == "at 4 p.m. on our website")
        #expect(settings.theme == "high-contrast")
        #expect(settings.capSender == "pio@springfieldpd.gov")
        #expect(settings.mediaFrom == "newsroom@springfieldpd.gov")
        #expect(settings.graceMinutes == 15)
        #expect(settings.delivery.sendmail == "/usr/sbin/sendmail")
        #expect(settings.configFile?.path == folder.configFile.path)
    }

    @Test func aMissingFileMeansTheDefaults() throws {
        let folder = try Folder()
        let config = try AgencyConfig.load(from: folder.configFile, environment: [:])
        #expect(config == AgencyConfig())
        #expect(config.graceMinutes == 10)
        #expect(config.limits == .default)
        let settings = try WorkspaceSettings.load(paths: folder.paths)
        #expect(settings.templates.all.count == WorkspaceSettings.builtIn.templates.all.count)
        #expect(settings.ruleSet == WorkspaceSettings.builtIn.ruleSet)
        #expect(settings.nextUpdate == nil && settings.theme == nil && settings.graceMinutes == 10)
    }

    @Test func theEnvironmentSuppliesSecretsAndWins() throws {
        let folder = try Folder()
        let environment = [AgencyConfig.mastodonTokenVariable: "env-token", AgencyConfig.webhookSecretVariable: "env-secret"]
        let missing = try AgencyConfig.load(from: folder.configFile, environment: environment)
        #expect(missing.delivery.mastodonToken == "env-token")
        #expect(missing.delivery.webhookSecret == "env-secret")

        let file = try folder.write("config.toml", Self.fullFile.replacingOccurrences(of: "rules_file", with: "# rules_file"))
        let overridden = try AgencyConfig.load(from: file, environment: [AgencyConfig.mastodonTokenVariable: "env-token",
                                                                          AgencyConfig.webhookSecretVariable: ""])
        #expect(overridden.delivery.mastodonToken == "env-token")
        #expect(overridden.delivery.webhookSecret == "file-secret", "an empty variable does not replace the file's secret")

        var environmentPaths = folder.paths
        environmentPaths.environment[AgencyConfig.webhookSecretVariable] = "env-secret"
        #expect(try WorkspaceSettings.load(paths: environmentPaths).delivery.webhookSecret == "env-secret")
    }

    @Test func aFileWithSecretsMustBePrivate() throws {
        let folder = try Folder()
        let secret = "[delivery]\nmastodon_token = \"t0ken\"\n"
        let file = try folder.write("config.toml", secret, mode: 0o644)
        do {
            _ = try AgencyConfig.load(from: file, environment: [:])
            Issue.record("a world-readable file with a secret was accepted")
        } catch {
            #expect(error == .secretsReadableByOthers(file: file.path, mode: 0o644))
            #expect(error.description.contains("chmod 600 \(file.path)"))
            #expect(error.description.contains("644"))
            #expect(!error.description.contains("t0ken"))
        }
        // Even with the secret in the environment, the file's copy is exposed: still refused.
        #expect(throws: AgencyConfigError.self) {
            try AgencyConfig.load(from: file, environment: [AgencyConfig.mastodonTokenVariable: "env"])
        }
        try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: 0o640)], ofItemAtPath: file.path)
        #expect(throws: AgencyConfigError.self) { try AgencyConfig.load(from: file, environment: [:]) }
        try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: 0o600)], ofItemAtPath: file.path)
        #expect(try AgencyConfig.load(from: file, environment: [:]).delivery.mastodonToken == "t0ken")
        try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: 0o400)], ofItemAtPath: file.path)
        #expect(try AgencyConfig.load(from: file, environment: [:]).delivery.mastodonToken == "t0ken")

        // Without secrets, a readable file is fine.
        let plain = try folder.write("config.toml", "[agency]\nphone = \"217-555-0100\"\n", mode: 0o644)
        #expect(try AgencyConfig.load(from: plain, environment: [:]).phone == "217-555-0100")
    }

    /// The problems of `source`, as `line:column: message` lines.
    func problems(_ source: String) -> [String] {
        do {
            _ = try AgencyConfig.parse(source: source, file: "/cfg/config.toml")
            return []
        } catch {
            #expect(error.problems.allSatisfy { $0.file == "/cfg/config.toml" })
            return error.problems.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }

    @Test func badTOMLIsLocated() {
        let lines = problems("theme = \"dark\"\n[agency]\nphone = = \"1\"\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("3:") == true, "\(lines)")
        #expect(lines.first?.contains("not valid TOML") == true)
    }

    @Test func everyKindOfMistakeIsReportedWithItsLine() {
        let source = """
            them = "dark"
            theme = 3

            [agency]
            phone = ""
            emial = "pio@springfieldpd.gov"
            email = "Public Information <pio@springfieldpd.gov>"
            website = "springfieldpd.gov"
            release_url = "https://springfieldpd.gov/news"
            next_update = "The next update will be at 4 p.m."
            cap_sender = "Springfield PD"
            media_from = "pio at springfieldpd.gov"

            [limits]
            mastodon = "1000"
            myspace = 200
            x = 0

            [policy]
            rules_file = "no-such-rules.toml"

            [scheduler]
            grace_minutes = -5

            [delivery]
            mastodon_instance = "mastodon.social"
            webhook_url = "ftp://hooks.example"
            sendmail = "sendmail"
            token = "x"

            [retention]
            whatever = true

            [archive]
            path = "/tmp"
            """
        let lines = problems(source)
        let expected = [
            "1:1: unknown key \"them\"",
            "2:1: \"theme\" must be a string",
            "5:1: \"phone\" is empty",
            "6:1: unknown key \"emial\" in [agency]",
            "7:1: \"email\" must be a plain e-mail address",
            "8:1: \"website\" must be an http or https address",
            "9:1: \"release_url\" must contain {id}",
            "10:1: \"next_update\" is read after",
            "11:1: \"cap_sender\" must not contain spaces, commas, < or &",
            "12:1: \"media_from\" must be a plain e-mail address",
            "15:1: limit for \"mastodon\" must be a whole number, not a string",
            "16:1: unknown channel \"myspace\" in [limits]",
            "17:1: limit for \"x\" must be more than 0",
            "20:1: \"rules_file\" names /cfg/no-such-rules.toml, which is not a file",
            "23:1: \"grace_minutes\" must be between 0 and 1440",
            "26:1: \"mastodon_instance\" must be the server's https address",
            "27:1: \"webhook_url\" must be an http or https address",
            "28:1: \"sendmail\" must be the program's absolute path",
            "29:1: unknown key \"token\" in [delivery]",
            "34:1: unknown key \"archive\"",
        ]
        for prefix in expected {
            #expect(lines.contains { $0.hasPrefix(prefix) }, "missing \(prefix) in\n\(lines.joined(separator: "\n"))")
        }
        #expect(lines.count == expected.count, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("write \"https://mastodon.social\"") })
    }

    @Test func aSectionOfTheWrongTypeAndDottedKeysAreLocated() {
        let lines = problems("""
            theme = "dark"
            limits = 5
            agency.phone = 1
            """)
        #expect(lines.contains { $0.hasPrefix("2:1: \"limits\" must be a section, written [limits]") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("3:1: \"phone\" must be a string") }, "\(lines)")
    }

    @Test func theDescriptionIsOneLocatedLinePerProblem() throws {
        let folder = try Folder()
        let file = try folder.write("config.toml", "[agency]\nfax = \"1\"\n[scheduler]\ngrace_minutes = \"ten\"\n")
        do {
            _ = try WorkspaceSettings.load(paths: folder.paths)
            Issue.record("a broken file was accepted")
        } catch {
            #expect(error.description == """
                \(file.path):2:1: unknown key "fax" in [agency]; known: phone, email, website, release_url, next_update, cap_sender, media_from.
                \(file.path):4:1: "grace_minutes" must be a whole number of minutes, not a string.
                """)
        }
    }

    @Test func aRelativeRulesFileIsRelativeToTheConfigFileAndItsErrorsPointIntoIt() throws {
        let folder = try Folder()
        try folder.write("rules.toml", Self.agencyRules)
        let file = try folder.write("config.toml", "[policy]\nrules_file = \"rules.toml\"\n")
        // Loading from another working directory still finds it next to the config file.
        let config = try AgencyConfig.load(from: file, environment: [:])
        #expect(config.rulesFile?.path == folder.directory.appendingPathComponent("rules.toml").standardizedFileURL.path)
        #expect(try config.ruleSet().rule(id: "codename")?.severity == .block)

        let broken = try folder.write("rules.toml", "[[rule]]\nid = \"codename\"\nseverity = \"sometimes\"\nmessage = \"m\"\npatterns = ['x']\n")
        do {
            _ = try WorkspaceSettings.load(paths: folder.paths)
            Issue.record("a broken rules file was accepted")
        } catch {
            guard case .rules(let ruleError) = error else {
                Issue.record("expected a rules error, got \(error)")
                return
            }
            #expect(ruleError.description.hasPrefix(broken.path + ":3:"), "\(ruleError)")
        }

        let absolute = try folder.write("config.toml", "[policy]\nrules_file = \"\(folder.directory.path)/rules.toml\"\n")
        #expect(try AgencyConfig.load(from: absolute, environment: [:]).rulesFile?.path == broken.standardizedFileURL.path)
    }

    @Test func retentionIsLeftToItsOwner() throws {
        let source = "[retention]\nreleases_years = 7\n[retention.posts]\ndays = 30\n"
        let (config, holdsSecret) = try AgencyConfig.parse(source: source, file: "/cfg/config.toml")
        #expect(config.file?.path == "/cfg/config.toml")
        #expect(!holdsSecret)
    }
}
