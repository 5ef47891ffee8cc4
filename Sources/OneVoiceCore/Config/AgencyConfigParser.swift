import Foundation
import TOMLKit

/// Turns `config.toml` text into an `AgencyConfig`, collecting every problem with its position.
/// See `AgencyConfig` for the format.
struct AgencyConfigParser {
    static let sections: [String: [String]] = [
        "agency": ["phone", "email", "website", "release_url", "next_update", "cap_sender", "media_from"],
        "limits": Channel.allCases.map(\.slug),
        "policy": ["rules_file"],
        "scheduler": ["grace_minutes"],
        "database": ["url"],
        "delivery": ["mastodon_instance", "webhook_url", "sendmail", "mastodon_token", "webhook_secret", "x", "bluesky", "facebook"],
        "delivery.x": ["api_base", "token"],
        "delivery.bluesky": ["service", "handle", "app_password"],
        "delivery.facebook": ["graph_base", "page_id", "token"],
    ]
    /// Sections other parts of OneVoice read; accepted here without a look inside.
    static let foreignSections: Set<String> = ["retention"]
    static let topLevelKeys: [String] = ["theme"] + sections.keys.filter { !$0.contains(".") }.sorted() + foreignSections.sorted()
    static let secretKeys: Set<String> = ["mastodon_token", "webhook_secret"]

    let source: String
    let file: String
    private(set) var problems: [AgencyConfigProblem] = []
    private let locator: TOMLKeyLocator

    init(source: String, file: String) {
        self.source = source
        self.file = file
        self.locator = TOMLKeyLocator(source: source)
    }

    mutating func parse() -> (config: AgencyConfig, holdsSecret: Bool)? {
        let root: TOMLTable
        do {
            root = try TOMLReader.table(source)
        } catch let error as TOMLSyntaxError {
            problems.append(AgencyConfigProblem(kind: .badTOML, file: file, line: max(1, error.line),
                                                column: max(1, error.column), message: "not valid TOML: \(error.description)"))
            return nil
        } catch {
            problems.append(AgencyConfigProblem(kind: .badTOML, file: file, line: 1, column: 1, message: "not valid TOML: \(error)"))
            return nil
        }

        var config = AgencyConfig(file: URL(fileURLWithPath: file))
        var holdsSecret = false
        for key in root.keys where !Self.topLevelKeys.contains(key) {
            problem(.unknownKey, "unknown key \"\(key)\"; known: \(Self.topLevelKeys.joined(separator: ", ")).", key: key)
        }
        if let theme = string("theme", in: root) {
            if theme.isEmpty || !theme.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }) {
                problem(.invalidValue, "\"theme\" must be a theme name of letters, digits, - and _, such as \"dark\", not \"\(theme)\".", key: "theme")
            } else {
                config.theme = theme
            }
        }

        if let agency = section("agency", in: root) {
            config.phone = nonEmpty("phone", in: agency, section: "agency")
            config.email = emailAddress("email", in: agency, section: "agency")
            config.website = webURL("website", in: agency, section: "agency")?.absoluteString
            if let pattern = nonEmpty("release_url", in: agency, section: "agency") {
                if !pattern.contains("{id}") {
                    problem(.invalidValue, "\"release_url\" must contain {id} where the release number goes, e.g. \"https://example.gov/news/{id}\".",
                            key: "release_url", section: "agency")
                } else if Self.webURL(pattern.replacingOccurrences(of: "{id}", with: "1")) == nil {
                    problem(.invalidValue, "\"release_url\" must be an http or https address, not \"\(pattern)\".", key: "release_url", section: "agency")
                } else {
                    config.releaseURLPattern = pattern
                }
            }
            if let next = nonEmpty("next_update", in: agency, section: "agency") {
                let lowered = next.lowercased()
                if lowered.hasPrefix("the next update") || lowered.hasPrefix("next update") {
                    problem(.invalidValue, "\"next_update\" is read after \"The next update will be\"; write only the rest, e.g. \"at 4 p.m. on our website\".",
                            key: "next_update", section: "agency")
                } else {
                    config.nextUpdate = next.hasSuffix(".") ? String(next.dropLast()) : next
                }
            }
            if let sender = nonEmpty("cap_sender", in: agency, section: "agency") {
                if let bad = sender.first(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == "&" }) {
                    let shown = bad.isWhitespace ? "a space" : "\"\(bad)\""
                    problem(.invalidValue, "\"cap_sender\" must not contain spaces, commas, < or & (CAP 1.2); it has \(shown).",
                            key: "cap_sender", section: "agency")
                } else {
                    config.capSender = sender
                }
            }
            config.mediaFrom = emailAddress("media_from", in: agency, section: "agency")
        }

        if let limits = section("limits", in: root) {
            var overrides: [Channel: Int] = [:]
            for key in limits.keys {
                guard let channel = Channel(rawValue: key) else { continue } // reported by `section`
                guard let value = limits[key], value.type == .int, let limit = value.int else {
                    problem(.wrongType, "limit for \"\(key)\" must be a whole number, not \(Self.typeName(limits[key]?.type)).", key: key, section: "limits")
                    continue
                }
                if limit <= 0 {
                    problem(.invalidValue, "limit for \"\(key)\" must be more than 0, not \(limit).", key: key, section: "limits")
                } else {
                    overrides[channel] = limit
                }
            }
            config.limits = ChannelLimits(overrides)
        }

        if let policy = section("policy", in: root), let path = nonEmpty("rules_file", in: policy, section: "policy") {
            let expanded = (path as NSString).expandingTildeInPath
            let base = URL(fileURLWithPath: file).deletingLastPathComponent()
            let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : base.appendingPathComponent(expanded)
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) || isDirectory.boolValue {
                problem(.missingFile, "\"rules_file\" names \(url.standardizedFileURL.path), which is not a file; relative paths are relative to this configuration file.",
                        key: "rules_file", section: "policy")
            } else {
                config.rulesFile = url.standardizedFileURL
            }
        }

        if let database = section("database", in: root), let url = nonEmpty("url", in: database, section: "database") {
            do {
                _ = try DatabaseLocation.parse(url)
                config.databaseURL = url
            } catch {
                problem(.invalidValue, "\"url\" must be a database file's path or a postgres:// server: \(error.description)", key: "url", section: "database")
            }
        }

        if let scheduler = section("scheduler", in: root), let value = scheduler["grace_minutes"] {
            if value.type == .int, let minutes = value.int {
                if (0...1440).contains(minutes) {
                    config.graceMinutes = minutes
                } else {
                    problem(.invalidValue, "\"grace_minutes\" must be between 0 and 1440 (a day), not \(minutes).", key: "grace_minutes", section: "scheduler")
                }
            } else {
                problem(.wrongType, "\"grace_minutes\" must be a whole number of minutes, not \(Self.typeName(value.type)).", key: "grace_minutes", section: "scheduler")
            }
        }

        if let delivery = section("delivery", in: root) {
            holdsSecret = delivery.keys.contains { Self.secretKeys.contains($0) }
            if let instance = nonEmpty("mastodon_instance", in: delivery, section: "delivery") {
                if let url = Self.webURL(instance), url.scheme?.lowercased() == "https" {
                    config.delivery.mastodonInstance = url
                } else {
                    let host = instance.contains("://") ? "" : " (write \"https://\(instance)\")"
                    problem(.invalidValue, "\"mastodon_instance\" must be the server's https address, such as \"https://mastodon.social\", not \"\(instance)\"\(host).",
                            key: "mastodon_instance", section: "delivery")
                }
            }
            config.delivery.webhookURL = webURL("webhook_url", in: delivery, section: "delivery")
            if let sendmail = nonEmpty("sendmail", in: delivery, section: "delivery") {
                let expanded = (sendmail as NSString).expandingTildeInPath
                if expanded.hasPrefix("/") {
                    config.delivery.sendmail = expanded
                } else {
                    problem(.invalidValue, "\"sendmail\" must be the program's absolute path, such as \"/usr/sbin/sendmail\", not \"\(sendmail)\".",
                            key: "sendmail", section: "delivery")
                }
            }
            config.delivery.mastodonToken = nonEmpty("mastodon_token", in: delivery, section: "delivery")
            config.delivery.webhookSecret = nonEmpty("webhook_secret", in: delivery, section: "delivery")
            if let x = subsection("x", of: delivery) {
                holdsSecret = holdsSecret || (x["token"] != nil)
                config.delivery.x = AgencyConfig.PlatformAccount(base: platformBase("api_base", in: x, section: "delivery.x"),
                                                                 secret: nonEmpty("token", in: x, section: "delivery.x"))
            }
            if let bluesky = subsection("bluesky", of: delivery) {
                holdsSecret = holdsSecret || (bluesky["app_password"] != nil)
                let handle = nonEmpty("handle", in: bluesky, section: "delivery.bluesky")
                if let handle, !Self.isBlueskyHandle(handle) {
                    problem(.invalidValue, "\"handle\" must be the account's handle, such as \"rivertonpd.bsky.social\" (no @), or its did:plc:… identifier, not \"\(handle)\".",
                            key: "handle", section: "delivery.bluesky")
                }
                config.delivery.bluesky = AgencyConfig.PlatformAccount(base: platformBase("service", in: bluesky, section: "delivery.bluesky"),
                                                                       account: handle.flatMap { Self.isBlueskyHandle($0) ? $0 : nil },
                                                                       secret: nonEmpty("app_password", in: bluesky, section: "delivery.bluesky"))
                if handle == nil, bluesky["handle"] == nil {
                    problem(.invalidValue, "[delivery.bluesky] needs \"handle\", the account to post as, such as \"rivertonpd.bsky.social\".",
                            key: "bluesky", section: "delivery")
                }
            }
            if let facebook = subsection("facebook", of: delivery) {
                holdsSecret = holdsSecret || (facebook["token"] != nil)
                let page = nonEmpty("page_id", in: facebook, section: "delivery.facebook")
                if let page, !(page.count <= 40 && page.allSatisfy({ $0.isASCII && $0.isNumber })) {
                    problem(.invalidValue, "\"page_id\" must be the Page's number, such as \"104563218765432\", not \"\(page)\".",
                            key: "page_id", section: "delivery.facebook")
                }
                config.delivery.facebook = AgencyConfig.PlatformAccount(base: platformBase("graph_base", in: facebook, section: "delivery.facebook"),
                                                                        account: page.flatMap { p in p.allSatisfy { $0.isASCII && $0.isNumber } && p.count <= 40 ? p : nil },
                                                                        secret: nonEmpty("token", in: facebook, section: "delivery.facebook"))
                if page == nil, facebook["page_id"] == nil {
                    problem(.invalidValue, "[delivery.facebook] needs \"page_id\", the number of the Page to post to.", key: "facebook", section: "delivery")
                }
            }
        }

        return (config, holdsSecret)
    }

    // MARK: - Values

    /// `[delivery.NAME]` as a table, its unknown keys reported.
    private mutating func subsection(_ name: String, of delivery: TOMLTable) -> TOMLTable? {
        guard let value = delivery[name] else { return nil }
        guard value.type == .table, let table = value.table else {
            problem(.wrongType, "\"\(name)\" must be a section, written [delivery.\(name)], not \(Self.typeName(value.type)).", key: name, section: "delivery")
            return nil
        }
        let known = Self.sections["delivery.\(name)"] ?? []
        for key in table.keys where !known.contains(key) {
            problem(.unknownKey, "unknown key \"\(key)\" in [delivery.\(name)]; known: \(known.joined(separator: ", ")).", key: key, section: "delivery.\(name)")
        }
        return table
    }

    /// A platform's API address: https, or http only to this machine (tests, a local proxy).
    private mutating func platformBase(_ key: String, in table: TOMLTable, section: String) -> URL? {
        guard let url = webURL(key, in: table, section: section) else { return nil }
        guard url.user == nil, url.password == nil, url.query == nil, url.fragment == nil else {
            problem(.invalidValue, "\"\(key)\" must be a plain address such as \"https://api.example\", without a name, password, ? or #; put secrets in their own setting.",
                    key: key, section: section)
            return nil
        }
        let host = url.host?.lowercased() ?? ""
        let local = host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]"
        guard url.scheme?.lowercased() == "https" || local else {
            problem(.invalidValue, "\"\(key)\" must start with https:// (plain http only to this machine), not \"\(url.absoluteString)\".", key: key, section: section)
            return nil
        }
        return url
    }

    /// A handle ("rivertonpd.bsky.social") or a DID ("did:plc:…"), without the '@'.
    static func isBlueskyHandle(_ text: String) -> Bool {
        guard text.count <= 253, !text.hasPrefix("@") else { return false }
        if text.hasPrefix("did:") { return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ":._-%".contains($0)) } }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// A known section as a table; its unknown keys are reported.
    private mutating func section(_ name: String, in root: TOMLTable) -> TOMLTable? {
        guard let value = root[name] else { return nil }
        guard value.type == .table, let table = value.table else {
            problem(.wrongType, "\"\(name)\" must be a section, written [\(name)], not \(Self.typeName(value.type)).", key: name)
            return nil
        }
        let known = Self.sections[name] ?? []
        for key in table.keys where !known.contains(key) {
            if name == "limits" {
                problem(.unknownChannel, "unknown channel \"\(key)\" in [limits]; known channels: \(known.joined(separator: ", ")).", key: key, section: name)
            } else {
                problem(.unknownKey, "unknown key \"\(key)\" in [\(name)]; known: \(known.joined(separator: ", ")).", key: key, section: name)
            }
        }
        return table
    }

    private mutating func string(_ key: String, in table: TOMLTable, section: String? = nil) -> String? {
        guard let value = table[key] else { return nil }
        guard value.type == .string, let text = value.string else {
            problem(.wrongType, "\"\(key)\" must be a string in quotes, not \(Self.typeName(value.type)).", key: key, section: section)
            return nil
        }
        return text
    }

    private mutating func nonEmpty(_ key: String, in table: TOMLTable, section: String) -> String? {
        guard let text = string(key, in: table, section: section) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            problem(.invalidValue, "\"\(key)\" is empty; remove the line or give it a value.", key: key, section: section)
            return nil
        }
        return trimmed
    }

    private mutating func emailAddress(_ key: String, in table: TOMLTable, section: String) -> String? {
        guard let text = nonEmpty(key, in: table, section: section) else { return nil }
        guard Self.isEmailAddress(text) else {
            problem(.invalidValue, "\"\(key)\" must be a plain e-mail address such as \"pio@example.gov\", not \"\(text)\".", key: key, section: section)
            return nil
        }
        return text
    }

    private mutating func webURL(_ key: String, in table: TOMLTable, section: String) -> URL? {
        guard let text = nonEmpty(key, in: table, section: section) else { return nil }
        guard let url = Self.webURL(text) else {
            problem(.invalidValue, "\"\(key)\" must be an http or https address, such as \"https://example.gov\", not \"\(text)\".", key: key, section: section)
            return nil
        }
        return url
    }

    static func webURL(_ text: String) -> URL? {
        guard !text.contains(where: \.isWhitespace), let url = URL(string: text),
              let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host, !host.isEmpty else { return nil }
        return url
    }

    static func isEmailAddress(_ text: String) -> Bool {
        let forbidden: Set<Character> = ["<", ">", ",", ";", "\"", "(", ")", "[", "]", "\\"]
        guard !text.contains(where: { $0.isWhitespace || forbidden.contains($0) }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    static func typeName(_ type: TOMLType?) -> String {
        switch type {
        case .string: "a string"
        case .int: "a whole number"
        case .double: "a decimal number"
        case .bool: "true or false"
        case .array: "an array"
        case .table: "a table"
        case .date, .time, .dateTime: "a date or time"
        case nil: "nothing"
        }
    }

    // MARK: - Positions

    private mutating func problem(_ kind: AgencyConfigProblemKind, _ message: String, key: String, section: String? = nil) {
        problems.append(AgencyConfigProblem(kind: kind, file: file, at: position(ofKey: key, section: section), message: message))
    }

    /// Where `key` is set in `section` (nil: the top level), whether written `key = ...`, as a
    /// `[section.key]` header, or as a dotted key; else the section's header; else 1:1.
    private func position(ofKey key: String, section: String?) -> TextPosition {
        if let found = locator.position(ofKey: key, table: section) { return found }
        if let found = locator.position(ofTable: section.map { "\($0).\(key)" } ?? key) { return found }
        if let section, let found = locator.position(ofTable: section) { return found }
        return TextPosition(line: 1, column: 1)
    }
}
