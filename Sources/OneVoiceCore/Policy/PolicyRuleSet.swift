import Foundation
import TOMLKit

/// The rules a draft is checked against: the built-in rules plus an agency's file.
///
/// Rule file format (TOML):
/// ```toml
/// # Optional named fragments, used in patterns as %{name}.
/// [macros]
/// name = '''(?-i:[A-Z][a-z]+ [A-Z][a-z]+)'''
///
/// [[rule]]
/// id = "juvenile"                      # required; a slug
/// severity = "block"                   # "block" | "warn"
/// message = "..."                      # one plain sentence
/// suggestion = "..."                   # optional
/// patterns = ['''...''', '''...''']    # ICU regexes, case-insensitive (or `pattern = '''...'''`)
/// only_when = '''...'''                # optional: rule applies only if this matches the text
/// except_when = '''...'''              # optional: rule is off if this matches the text
/// except_when_context = ["warns-of-fugitive"]   # optional, see PolicyCondition
/// allow = ['''...''']                  # optional: matches fully matched by one are fine
/// incident_kinds = ["officer-involved-shooting"] # optional: only for these kinds
/// skip_public_contacts = true          # optional: the agency's own contacts are fine
/// enabled = true                       # optional; false switches a built-in rule off
/// ```
/// In an agency file a `[[rule]]` whose id is a built-in one overrides it field by field
/// (only `id` and the fields to change are needed); a new id needs severity, message and
/// patterns. Agency macros add to (or replace) the built-in ones.
public struct PolicyRuleSet: Sendable, Equatable {
    public var rules: [PolicyRule]

    public init(rules: [PolicyRule]) {
        self.rules = rules
    }

    /// The built-in rules file in the module's resources.
    public static let builtInURL: URL? = ShippedResources.url("Policy/rules.toml")

    /// The enabled rules, in order (built-in first, then the agency's new ones).
    public var activeRules: [PolicyRule] { rules.filter(\.enabled) }

    public func rule(id: String) -> PolicyRule? { rules.first { $0.id == id } }

    /// Loads the built-in rules (pass nil to start empty) and applies the agency file, if any.
    public static func load(
        builtIn: URL? = PolicyRuleSet.builtInURL, agencyFile: URL? = nil
    ) throws(PolicyRuleError) -> PolicyRuleSet {
        var set = PolicyRuleSet(rules: [])
        var macros: [String: String] = [:]
        if let builtIn {
            // The built-in file ships inside the binary and `builtInPatternsCompile` (a test) compiles each of its
            // expressions, so every start need not compile them again (a third of a short command's time).
            let source = try read(builtIn)
            try set.apply(source: source, file: builtIn.path, macros: &macros, compilePatterns: builtIn != builtInURL)
        }
        if let agencyFile {
            let source = try read(agencyFile)
            try set.apply(source: source, file: agencyFile.path, macros: &macros, compilePatterns: true)
        }
        return set
    }

    /// Parses rule file text and adds or overrides rules from it.
    public mutating func apply(source: String, file: String) throws(PolicyRuleError) {
        var macros: [String: String] = [:]
        try apply(source: source, file: file, macros: &macros, compilePatterns: true)
    }

    private static func read(_ url: URL) throws(PolicyRuleError) -> String {
        do {
            return try TextInput.readSource(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
    }

    private static let ruleKeys: Set<String> = [
        "id", "severity", "message", "suggestion", "pattern", "patterns", "only_when",
        "except_when", "except_when_context", "allow", "incident_kinds",
        "skip_public_contacts", "enabled",
    ]

    /// `compilePatterns` checks each expanded expression with the regex compiler, so that a broken one in an
    /// agency's file stops the load with its line and column.
    private mutating func apply(
        source: String, file: String, macros: inout [String: String], compilePatterns: Bool
    ) throws(PolicyRuleError) {
        let table: TOMLTable
        do {
            table = try TOMLReader.table(source)
        } catch let error as TOMLSyntaxError {
            throw .invalid(file: file, line: error.line,
                           column: error.column, message: "not valid TOML: \(error.description)")
        } catch {
            throw .invalid(file: file, line: 1, column: 1, message: "not valid TOML: \(error)")
        }
        // Finding a key's line and column means reading the source again: only a failure needs it.
        func fail(_ message: String, key: String? = nil, table name: String? = nil, index: Int = 0) -> PolicyRuleError {
            let locator = TOMLKeyLocator(source: source)
            let position = key.map { locator.bestPosition(ofKey: $0, table: name, index: index) }
                ?? (name.flatMap { locator.position(ofTable: $0, index: index) } ?? TextPosition(line: 1, column: 1))
            return .invalid(file: file, line: position.line, column: position.column, message: message)
        }

        for key in table.keys where key != "macros" && key != "rule" {
            throw fail("unknown top-level key \"\(key)\"; a rules file has only [macros] and [[rule]] tables.", key: key)
        }
        if let macroValue = table["macros"] {
            guard let macroTable = macroValue.table else {
                throw fail("\"macros\" must be a table of strings.", key: "macros")
            }
            for key in macroTable.keys {
                guard let value = macroTable[key]?.string else {
                    throw fail("macro \"\(key)\" must be a string.", key: key, table: "macros")
                }
                macros[key] = value
            }
        }
        guard let ruleValue = table["rule"] else { return }
        guard let ruleArray = ruleValue.array else {
            throw fail("\"rule\" must be an array of tables, written [[rule]].", key: "rule")
        }
        for index in 0..<ruleArray.count {
            guard let ruleTable = ruleArray[index].table else {
                throw fail("each rule must be a table, written [[rule]].", table: "rule", index: index)
            }
            func failKey(_ key: String?, _ message: String) -> PolicyRuleError {
                fail(message, key: key, table: "rule", index: index)
            }
            for key in ruleTable.keys where !Self.ruleKeys.contains(key) {
                throw failKey(key, "unknown rule field \"\(key)\"; known fields: \(Self.ruleKeys.sorted().joined(separator: ", ")).")
            }
            func string(_ key: String) throws(PolicyRuleError) -> String? {
                guard let value = ruleTable[key] else { return nil }
                guard let text = value.string else { throw failKey(key, "\"\(key)\" must be a string.") }
                return text
            }
            func strings(_ key: String) throws(PolicyRuleError) -> [String]? {
                guard let value = ruleTable[key] else { return nil }
                guard let array = value.array else { throw failKey(key, "\"\(key)\" must be an array of strings.") }
                var result: [String] = []
                for element in 0..<array.count {
                    guard let text = array[element].string else {
                        throw failKey(key, "\"\(key)\" must be an array of strings.")
                    }
                    result.append(text)
                }
                return result
            }
            func bool(_ key: String) throws(PolicyRuleError) -> Bool? {
                guard let value = ruleTable[key] else { return nil }
                guard let flag = value.bool else { throw failKey(key, "\"\(key)\" must be true or false.") }
                return flag
            }
            func expand(_ pattern: String, key: String) throws(PolicyRuleError) -> String {
                let expanded: String
                do {
                    expanded = try Self.expandMacros(pattern, macros: macros)
                } catch let name {
                    throw failKey(key, "unknown macro %{\(name.name)} in \"\(key)\"; define it under [macros].")
                }
                do {
                    if compilePatterns { _ = try NSRegularExpression(pattern: expanded, options: [.caseInsensitive]) }
                } catch {
                    throw failKey(key, "\"\(key)\" is not a valid regular expression.")
                }
                return expanded
            }

            guard let id = try string("id"), !id.isEmpty else {
                throw failKey(ruleTable["id"] == nil ? nil : "id", "a rule is missing its \"id\".")
            }
            let existingIndex = rules.firstIndex { $0.id == id }
            var rule = existingIndex.map { rules[$0] }

            var severity = rule?.severity
            if let text = try string("severity") {
                guard let parsed = PolicySeverity(rawValue: text) else {
                    throw failKey("severity", "rule \"\(id)\": severity must be \"block\" or \"warn\", not \"\(text)\".")
                }
                severity = parsed
            }
            var patterns = rule?.patterns
            if ruleTable["pattern"] != nil && ruleTable["patterns"] != nil {
                throw failKey("pattern", "rule \"\(id)\": use either \"pattern\" or \"patterns\", not both.")
            }
            if let single = try string("pattern") {
                patterns = [try expand(single, key: "pattern")]
            } else if let many = try strings("patterns") {
                var expanded: [String] = []
                for pattern in many { expanded.append(try expand(pattern, key: "patterns")) }
                patterns = expanded
            }
            let message = try string("message") ?? rule?.message
            guard let severity else { throw failKey(nil, "rule \"\(id)\" is missing \"severity\".") }
            guard let patterns, !patterns.isEmpty else {
                throw failKey(nil, "rule \"\(id)\" is missing \"patterns\".")
            }
            guard let message else { throw failKey(nil, "rule \"\(id)\" is missing \"message\".") }

            var result = rule ?? PolicyRule(id: id, severity: severity, patterns: patterns, message: message)
            result.severity = severity
            result.patterns = patterns
            result.message = message
            if let suggestion = try string("suggestion") { result.suggestion = suggestion.isEmpty ? nil : suggestion }
            if let text = try string("only_when") { result.onlyWhen = text.isEmpty ? nil : try expand(text, key: "only_when") }
            if let text = try string("except_when") { result.exceptWhen = text.isEmpty ? nil : try expand(text, key: "except_when") }
            if let list = try strings("allow") {
                var expanded: [String] = []
                for pattern in list { expanded.append(try expand(pattern, key: "allow")) }
                result.allow = expanded
            }
            if let list = try strings("except_when_context") {
                var conditions: [PolicyCondition] = []
                for name in list {
                    guard let condition = PolicyCondition(rawValue: name) else {
                        throw failKey("except_when_context", "rule \"\(id)\": unknown condition \"\(name)\"; known: \(PolicyCondition.allCases.map(\.rawValue).joined(separator: ", ")).")
                    }
                    conditions.append(condition)
                }
                result.exceptWhenContext = conditions
            }
            if let list = try strings("incident_kinds") {
                var kinds: [IncidentKind] = []
                for name in list {
                    guard let kind = IncidentKind(rawValue: name) else {
                        throw failKey("incident_kinds", "rule \"\(id)\": unknown incident kind \"\(name)\"; known: \(IncidentKind.allCases.map(\.slug).joined(separator: ", ")).")
                    }
                    kinds.append(kind)
                }
                result.incidentKinds = kinds.isEmpty ? nil : kinds
            }
            if let flag = try bool("skip_public_contacts") { result.skipPublicContacts = flag }
            if let flag = try bool("enabled") { result.enabled = flag }
            rule = result

            if let existingIndex { rules[existingIndex] = result } else { rules.append(result) }
        }
    }

    struct UnknownMacro: Error { var name: String }

    /// Replaces every `%{name}` with its macro text.
    static func expandMacros(_ pattern: String, macros: [String: String]) throws(UnknownMacro) -> String {
        // Macros may use macros; a few rounds are plenty (and stop a macro that uses itself).
        var current = pattern
        for _ in 0..<5 {
            let next = try expandOnce(current, macros: macros)
            if next == current { return next }
            current = next
        }
        return current
    }

    static func expandOnce(_ pattern: String, macros: [String: String]) throws(UnknownMacro) -> String {
        // Most expressions use no macro. For those that do, a walk over the bytes: `firstRange(of:)` went through
        // the generic string algorithms, whose first use in a process was most of this load's time.
        let bytes = pattern.utf8
        guard bytes.contains(UInt8(ascii: "%")) else { return pattern }
        var output = ""
        var copiedFrom = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let next = bytes.index(after: i)
            guard bytes[i] == UInt8(ascii: "%"), next < bytes.endIndex, bytes[next] == UInt8(ascii: "{") else {
                i = next
                continue
            }
            let nameStart = bytes.index(after: next)
            // "%{" with no "}" after it is left as written, as is everything after it.
            guard let end = bytes[nameStart...].firstIndex(of: UInt8(ascii: "}")) else { break }
            let name = String(pattern[nameStart..<end])
            guard let value = macros[name] else { throw UnknownMacro(name: name) }
            output += pattern[copiedFrom..<i]
            output += value
            i = bytes.index(after: end)
            copiedFrom = i
        }
        output += pattern[copiedFrom...]
        return output
    }
}
