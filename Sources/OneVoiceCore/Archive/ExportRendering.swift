import Foundation

/// The readable copies in a records export (plain text and HTML) and the CSV index.
enum ExportRendering {
    struct Context {
        let agency: Agency
        let time: LocalTime
        let handles: [Int64: String]
        let incidents: [Int64: Incident]

        func handle(_ id: Int64?) -> String { id.flatMap { handles[$0] } ?? (id.map { "person #\($0)" } ?? "") }
        func incidentLine(_ id: Int64) -> String {
            guard let incident = incidents[id] else { return "Incident #\(id)" }
            return "Incident #\(id): \(incident.title) (\(incident.location))"
        }
        func isExercise(_ incidentID: Int64) -> Bool { incidents[incidentID]?.isExercise ?? (agency.mode == .exercise) }
    }

    /// One document: a heading, labelled facts about it, and the text itself.
    struct Document {
        var exercise: Bool
        var heading: String
        var fields: [(String, String)]
        var body: String
        var sections: [(String, String)] = []
    }

    static func releaseDocument(_ release: Release, _ revision: ReleaseRevision, revisionCount: Int, _ context: Context) -> Document {
        var fields: [(String, String)] = [
            ("Agency", context.agency.name),
            ("Incident", context.incidentLine(release.incidentID)),
            ("Release", "#\(release.id), \(release.kind.rawValue)\(release.parentID.map { ", follows release #\($0)" } ?? "")\(release.isHolding ? ", holding statement" : "")"),
            ("Revision", "\(revision.number) of \(revisionCount) (the release is now \(release.status.label), at revision \(release.currentRevision))"),
            ("Written by", context.handle(revision.authorID)),
            ("Written at", "\(context.time.dateTime(revision.createdAt)) (\(Timestamps.iso8601(revision.createdAt)))"),
            ("Content SHA-256", revision.contentHash),
        ]
        if let template = release.templateID { fields.append(("Template", template)) }
        let sections = revision.renditions.keys.sorted().map { ("Rendition for \($0)", revision.renditions[$0] ?? "") }
        return Document(exercise: context.isExercise(release.incidentID), heading: release.title, fields: fields,
                        body: revision.text, sections: sections)
    }

    static func postDocument(_ post: Post, _ context: Context) -> Document {
        var fields: [(String, String)] = [
            ("Agency", context.agency.name),
            ("Incident", context.incidentLine(post.incidentID)),
            ("Post", "#\(post.id) on \(post.channel.rawValue), from release #\(post.releaseID) revision \(post.revisionNumber)"),
            ("State", post.state.label),
            ("Created at", "\(context.time.dateTime(post.createdAt)) (\(Timestamps.iso8601(post.createdAt)))"),
        ]
        if let scheduled = post.scheduledAt { fields.append(("Scheduled for", context.time.dateTime(scheduled))) }
        if let delivered = post.deliveredAt { fields.append(("Delivered at", "\(context.time.dateTime(delivered)) (\(Timestamps.iso8601(delivered)))")) }
        if let external = post.externalID { fields.append(("Platform id", external)) }
        if let url = post.publicURL { fields.append(("Public address", url)) }
        if let error = post.lastError { fields.append(("Last error", error)) }
        return Document(exercise: post.isExercise, heading: "Post #\(post.id) (\(post.channel.rawValue))", fields: fields, body: post.text)
    }

    static func text(_ document: Document) -> String {
        var out = ""
        if document.exercise { out += "*** EXERCISE — NOT A REAL INCIDENT ***\n\n" }
        out += document.heading + "\n" + String(repeating: "=", count: max(3, document.heading.count)) + "\n\n"
        let width = document.fields.map(\.0.count).max() ?? 0
        for (label, value) in document.fields {
            out += label + ":" + String(repeating: " ", count: width - label.count + 1) + value + "\n"
        }
        out += "\n" + document.body + "\n"
        for (title, text) in document.sections {
            out += "\n--- \(title) ---\n\(text)\n"
        }
        return out
    }

    static let stylesheet = """
        body { font-family: Georgia, "Times New Roman", serif; max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #111; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; font-family: sans-serif; font-size: .9em; }
        dt { font-weight: bold; } dd { margin: 0; word-break: break-word; }
        .text { white-space: pre-wrap; border-top: 1px solid #999; padding-top: 1em; }
        .exercise { background: #ffdd00; color: #000; font-weight: bold; padding: .5em; text-align: center; }
        """

    static func html(_ document: Document, lang: String = "en") -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(lang)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>\(escape(document.heading))</title>\n<style>\n\(stylesheet)\n</style>\n</head>\n<body>\n"
        if document.exercise { out += "<p class=\"exercise\">EXERCISE — NOT A REAL INCIDENT</p>\n" }
        out += "<h1>\(escape(document.heading))</h1>\n<dl>\n"
        for (label, value) in document.fields {
            out += "<dt>\(escape(label))</dt><dd>\(escape(value))</dd>\n"
        }
        out += "</dl>\n<div class=\"text\">\(escape(document.body))</div>\n"
        for (title, text) in document.sections {
            out += "<h2>\(escape(title))</h2>\n<div class=\"text\">\(escape(text))</div>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// Escapes text for HTML element content and attribute values (the XML rules serve HTML too).
    static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// One CSV field, RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled.
    /// A cell a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with ' (OWASP's advice for CSV injection).
    static func csvField(_ text: String) -> String {
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { return csvField("'" + text) }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// Starts `index.csv`, so that Excel opens it as UTF-8.
    static let csvByteOrderMark = "\u{FEFF}"

    static func csvRow(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",") + "\r\n"
    }

    /// A one-line summary for the index: the first 120 characters, on one line.
    static func summary(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 120 ? String(line.prefix(119)) + "…" : line
    }
}
