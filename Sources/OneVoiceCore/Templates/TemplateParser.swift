import Foundation
import TOMLKit

/// Reads template files.
///
/// Template file format (TOML, one template per file, UTF-8):
/// ```toml
/// id = "officer-involved-shooting"   # required; slug; built-ins use the incident kind's slug
/// name = "Officer-involved shooting" # required
/// kind = "officer-involved-shooting" # required; an IncidentKind slug
/// legal_review = true                # optional, default false
/// channels = ["x", "facebook"]       # optional; Channel slugs
/// required_facts = ["injuries"]      # optional; fact key slugs to verify before release
/// caveat = "The investigation is ongoing, and more information will follow."  # optional
/// holding = """..."""                # required; the holding statement
/// release = """..."""                # required; the full release
///
/// [[holds]]                          # optional, repeatable
/// id = "officer-names"               # required
/// description = "..."                # required
/// applies_to = "officer-names"       # required; slug of what is held
/// hours = 72                         # either hours (> 0) ...
/// # until = "next-of-kin-notified"   # ... or until (ReleaseHold.Condition)
///
/// [short]                            # optional; per-channel short texts of the full release
/// x = "..."                          # (also used by its updates and corrections)
/// cap = "..."
///
/// [holding_short]                    # optional; per-channel short texts of the holding statement
/// x = "..."
/// cap = "..."
///
/// [cap]                              # optional; CAP defaults of its releases (else the kind's)
/// urgency = "Immediate"              # Immediate, Expected, Future, Past, Unknown
/// severity = "Severe"                # Extreme, Severe, Moderate, Minor, Unknown
/// certainty = "Observed"             # Observed, Likely, Possible, Unlikely, Unknown
/// ```
/// A holding statement's channel texts come from `[holding_short]` only: a channel without one
/// gets the holding text, shortened to whole sentences if it does not fit. `[short]` is never
/// used for a holding statement, since it usually repeats facts (`{{fact:...}}`) that are not
/// verified in the first minutes. Built-in holding texts use only slots that are always filled
/// (`incident.*`, `agency.name`, `release.*`, `next_update`), so they can go out at once.
/// Texts may use the slots of `TemplateSlot` (`{{fact:KEY}}`, `{{incident.location}}`, ...).
/// Unknown keys are problems too, so that a misspelt field does not silently vanish.
public enum TemplateParser {
    static let topLevelKeys: [String] = [
        "id", "name", "kind", "holding", "release", "caveat", "required_facts", "holds",
        "legal_review", "channels", "short", "holding_short", "cap",
    ]
    static let holdKeys: [String] = ["id", "description", "applies_to", "hours", "until"]

    /// Parses template source. `template` is nil when there is any problem.
    public static func parse(source: String, file: String) -> (template: Template?, problems: [TemplateProblem]) {
        var problems = slotProblems(in: source, file: file)
        let table: TOMLTable
        do {
            table = try TOMLReader.table(source)
        } catch let error as TOMLSyntaxError {
            problems.append(TemplateProblem(
                kind: .badTOML, file: file, line: max(1, error.line),
                column: max(1, error.column), message: "not valid TOML: \(error.description)"))
            return (nil, sorted(problems))
        } catch {
            problems.append(TemplateProblem(kind: .badTOML, file: file, line: 1, column: 1,
                                            message: "not valid TOML: \(error)"))
            return (nil, sorted(problems))
        }
        let locator = TOMLKeyLocator(source: source)
        let lines = SourceLines.split(source)

        func problem(_ kind: TemplateProblemKind, _ message: String, key: String, table name: String? = nil, index: Int = 0) {
            problems.append(TemplateProblem(kind: kind, file: file,
                                            at: locator.bestPosition(ofKey: key, table: name, index: index),
                                            message: message))
        }
        /// The position of `"value"` on or after the key's line (for a bad item in a list).
        func valueProblem(_ kind: TemplateProblemKind, _ message: String, value: String, key: String, table name: String? = nil, index: Int = 0) {
            let start = locator.bestPosition(ofKey: key, table: name, index: index)
            var position = start
            for lineIndex in (start.line - 1)..<min(lines.count, start.line + 30) {
                let line = lines[lineIndex]
                if let range = line.range(of: "\"\(value)\"") ?? line.range(of: "'\(value)'") {
                    position = TextPosition(line: lineIndex + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
                    break
                }
            }
            problems.append(TemplateProblem(kind: kind, file: file, at: position, message: message))
        }
        func typeName(_ type: TOMLType) -> String {
            switch type {
            case .string: "a string"
            case .int: "an integer"
            case .double: "a number"
            case .bool: "true or false"
            case .array: "an array"
            case .table: "a table"
            case .date, .time, .dateTime: "a date or time"
            }
        }
        func string(_ key: String, in source: TOMLTable, table name: String? = nil, index: Int = 0, required: Bool, what: String) -> String? {
            guard let value = source[key] else {
                if required {
                    let position = name.map { locator.position(ofTable: $0, index: index) ?? TextPosition(line: 1, column: 1) }
                        ?? TextPosition(line: 1, column: 1)
                    problems.append(TemplateProblem(kind: .missingField, file: file, at: position,
                                                    message: "missing required field \"\(key)\" (\(what))."))
                }
                return nil
            }
            guard value.type == .string, let text = value.string else {
                problem(.wrongType, "\"\(key)\" must be a string, not \(typeName(value.type)).", key: key, table: name, index: index)
                return nil
            }
            return text
        }
        func stringArray(_ key: String) -> [String]? {
            guard let value = table[key] else { return nil }
            guard value.type == .array, let array = value.array else {
                problem(.wrongType, "\"\(key)\" must be an array of strings, not \(typeName(value.type)).", key: key)
                return nil
            }
            var result: [String] = []
            for element in 0..<array.count {
                guard array[element].type == .string, let text = array[element].string else {
                    problem(.wrongType, "\"\(key)\" must be an array of strings; item \(element + 1) is \(typeName(array[element].type)).", key: key)
                    return nil
                }
                result.append(text)
            }
            return result
        }

        for key in table.keys where !topLevelKeys.contains(key) {
            problem(.unknownField, "unknown field \"\(key)\"; known fields: \(topLevelKeys.joined(separator: ", ")).", key: key)
        }

        let id = string("id", in: table, required: true, what: "the template id, e.g. the incident kind slug")
        if let id, !TemplateSlot.isFactKey(id) {
            problem(.invalidValue, "\"id\" must be a slug of lowercase letters, digits and hyphens, not \"\(id)\".", key: "id")
        }
        let name = string("name", in: table, required: true, what: "a human name for the template")
        var kind: IncidentKind?
        if let kindText = string("kind", in: table, required: true, what: "an incident kind") {
            kind = IncidentKind(rawValue: kindText)
            if kind == nil {
                valueProblem(.unknownKind, "unknown incident kind \"\(kindText)\"; known kinds: \(IncidentKind.allCases.map(\.slug).joined(separator: ", ")).", value: kindText, key: "kind")
            }
        }
        let holding = string("holding", in: table, required: true, what: "the holding statement")
        let release = string("release", in: table, required: true, what: "the full release text")
        let caveat = string("caveat", in: table, required: false, what: "") ?? ""

        var legalReview = false
        if let value = table["legal_review"] {
            if value.type == .bool, let flag = value.bool {
                legalReview = flag
            } else {
                problem(.wrongType, "\"legal_review\" must be true or false, not \(typeName(value.type)).", key: "legal_review")
            }
        }

        var requiredFacts: [String] = []
        for key in stringArray("required_facts") ?? [] {
            if TemplateSlot.isFactKey(key) {
                requiredFacts.append(key)
            } else {
                valueProblem(.invalidValue, "required fact \"\(key)\" is not a fact key slug (lowercase letters, digits, - and _).", value: key, key: "required_facts")
            }
        }

        var channels: [Channel] = []
        for slug in stringArray("channels") ?? [] {
            if let channel = Channel(rawValue: slug) {
                channels.append(channel)
            } else {
                valueProblem(.unknownChannel, "unknown channel \"\(slug)\"; known channels: \(Channel.allCases.map(\.slug).joined(separator: ", ")).", value: slug, key: "channels")
            }
        }

        /// A `[name]` table of channel = "text".
        func shortTable(_ name: String) -> [Channel: String] {
            guard let value = table[name] else { return [:] }
            guard value.type == .table, let shortTable = value.table else {
                problem(.wrongType, "\"\(name)\" must be a table of channel = \"text\", not \(typeName(value.type)).", key: name)
                return [:]
            }
            var result: [Channel: String] = [:]
            for key in shortTable.keys {
                guard let channel = Channel(rawValue: key) else {
                    problem(.unknownChannel, "unknown channel \"\(key)\" in [\(name)]; known channels: \(Channel.allCases.map(\.slug).joined(separator: ", ")).", key: key, table: name)
                    continue
                }
                if let text = string(key, in: shortTable, table: name, required: false, what: "") {
                    result[channel] = text
                }
            }
            return result
        }
        let short = shortTable("short")
        let holdingShort = shortTable("holding_short")

        // [cap]: urgency, severity, certainty, each one of CAP 1.2's values.
        var capDefaults: [String: String] = [:]
        if let value = table["cap"] {
            if value.type == .table, let capTable = value.table {
                let allowed = ["urgency": CAPFields.urgencies, "severity": CAPFields.severities, "certainty": CAPFields.certainties]
                for key in capTable.keys {
                    guard let values = allowed[key] else {
                        problem(.unknownField, "unknown field \"\(key)\" in [cap]; known fields: certainty, severity, urgency.", key: key, table: "cap")
                        continue
                    }
                    guard let text = string(key, in: capTable, table: "cap", required: false, what: "") else { continue }
                    if values.contains(text) {
                        capDefaults[key] = text
                    } else {
                        problem(.invalidValue, "\"\(text)\" is not a CAP \(key); use one of \(values.joined(separator: ", ")).", key: key, table: "cap")
                    }
                }
            } else {
                problem(.wrongType, "\"cap\" must be a table of urgency, severity and certainty, not \(typeName(value.type)).", key: "cap")
            }
        }

        var holds: [ReleaseHold] = []
        if let value = table["holds"] {
            if value.type == .array, let array = value.array {
                for index in 0..<array.count {
                    guard array[index].type == .table, let holdTable = array[index].table else {
                        problem(.wrongType, "each hold must be a table, written [[holds]].", key: "holds")
                        continue
                    }
                    for key in holdTable.keys where !holdKeys.contains(key) {
                        problem(.unknownField, "unknown hold field \"\(key)\"; known fields: \(holdKeys.joined(separator: ", ")).", key: key, table: "holds", index: index)
                    }
                    let holdID = string("id", in: holdTable, table: "holds", index: index, required: true, what: "the hold's id")
                    let description = string("description", in: holdTable, table: "holds", index: index, required: true, what: "what is held and why")
                    let appliesTo = string("applies_to", in: holdTable, table: "holds", index: index, required: true, what: "what is held, e.g. officer-names")
                    if let appliesTo, !TemplateSlot.isFactKey(appliesTo) {
                        problem(.invalidValue, "\"applies_to\" must be a slug such as officer-names, not \"\(appliesTo)\".", key: "applies_to", table: "holds", index: index)
                    }
                    var duration: ReleaseHold.Duration?
                    let hours = holdTable["hours"]
                    let until = holdTable["until"]
                    if hours != nil && until != nil {
                        problem(.invalidValue, "a hold has either \"hours\" or \"until\", not both.", key: "until", table: "holds", index: index)
                    } else if let hours {
                        if hours.type == .int, let count = hours.int {
                            if count > 0 { duration = .hours(count) } else {
                                problem(.invalidValue, "\"hours\" must be more than 0.", key: "hours", table: "holds", index: index)
                            }
                        } else {
                            problem(.wrongType, "\"hours\" must be an integer, not \(typeName(hours.type)).", key: "hours", table: "holds", index: index)
                        }
                    } else if until != nil {
                        if let text = string("until", in: holdTable, table: "holds", index: index, required: false, what: "") {
                            if let condition = ReleaseHold.Condition(rawValue: text) {
                                duration = .until(condition)
                            } else {
                                problem(.invalidValue, "unknown hold condition \"\(text)\"; known: \(ReleaseHold.Condition.allCases.map(\.rawValue).joined(separator: ", ")).", key: "until", table: "holds", index: index)
                            }
                        }
                    } else {
                        let position = locator.position(ofTable: "holds", index: index) ?? TextPosition(line: 1, column: 1)
                        problems.append(TemplateProblem(kind: .missingField, file: file, at: position,
                                                        message: "hold is missing \"hours\" or \"until\" (when it ends)."))
                    }
                    if let holdID, let description, let appliesTo, let duration {
                        holds.append(ReleaseHold(id: holdID, description: description, appliesTo: appliesTo, duration: duration))
                    }
                }
            } else {
                problem(.wrongType, "\"holds\" must be an array of tables, written [[holds]].", key: "holds")
            }
        }

        guard problems.isEmpty, let id, let name, let kind, let holding, let release else {
            return (nil, sorted(problems))
        }
        var template = Template(
            id: id, name: name, kind: kind, holding: holding, release: release, caveat: caveat,
            requiredFacts: requiredFacts, holds: holds, legalReview: legalReview,
            channels: channels, short: short, holdingShort: holdingShort, source: file)
        template.capDefaults = capDefaults
        return (template, [])
    }

    /// Unknown and unclosed slots anywhere in the file, located at their `{{`.
    static func slotProblems(in source: String, file: String) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        let lines = SourceLines.split(source)
        for (offset, line) in lines.enumerated() {
            if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") { continue }
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "}}") else {
                    problems.append(TemplateProblem(kind: .unknownSlot, file: file, line: offset + 1, column: column,
                                                    message: "slot opened with {{ is never closed on this line."))
                    break
                }
                let inner = String(afterOpen[..<close.lowerBound])
                if inner.contains("{") || TemplateSlot(inner) == nil {
                    problems.append(TemplateProblem(
                        kind: .unknownSlot, file: file, line: offset + 1, column: column,
                        message: "unknown slot {{\(inner)}}; use {{fact:KEY}} or one of: \(TemplateSlot.knownNames.sorted().joined(separator: ", "))."))
                }
                rest = afterOpen[close.upperBound...]
            }
        }
        return problems
    }

    static func sorted(_ problems: [TemplateProblem]) -> [TemplateProblem] {
        problems.sorted { ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message) }
    }
}
