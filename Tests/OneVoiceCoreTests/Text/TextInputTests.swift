import Foundation
import Testing
@testable import OneVoiceCore

/// Text comes in clean or not at all: controls and invalid UTF-8 are refused with where they are,
/// and over-long input is refused at once.
@Suite struct TextInputTests {
    static let refusedControls: [UInt32] = Array(0x00...0x08) + Array(0x0B...0x1F) + [0x7F] + Array(0x80...0x9F)

    @Test func everyControlButTabAndNewlineIsRefusedWithItsPosition() {
        for value in Self.refusedControls {
            let scalar = Unicode.Scalar(value)!
            let text = "First line\nab\(scalar)cd"
            #expect(throws: TextInputError.control(field: "fact", position: TextPosition(line: 2, column: 3), scalar: value)) {
                try TextInput.check(text, as: .factText)
            }
            #expect(throws: TextInputError.control(field: "file in.txt", position: TextPosition(line: 2, column: 3), scalar: value)) {
                try TextInput.decode(Data(text.utf8), from: "file in.txt")
            }
        }
        #expect(throws: Never.self) { try TextInput.check("tab\tand\nnewline", as: .factText) }
    }

    @Test func windowsLineEndsFromFilesAreReadAsNewlines() throws {
        #expect(try TextInput.decode(Data("one\r\ntwo\r\n".utf8), from: "file x") == "one\ntwo\n")
        #expect(throws: TextInputError.self) { try TextInput.decode(Data("one\rtwo".utf8), from: "file x") }
    }

    @Test func invalidUTF8IsRefusedWithItsPosition() {
        let cases: [([UInt8], TextPosition)] = [
            ([0x61, 0xFF], TextPosition(line: 1, column: 2)),
            (Array("ok\nné".utf8) + [0xC3], TextPosition(line: 2, column: 3)),   // cut in the middle of a character
            (Array("ab\nc".utf8) + [0xED, 0xA0, 0x80], TextPosition(line: 2, column: 2)), // an encoded surrogate
            ([0xC0, 0x80], TextPosition(line: 1, column: 1)),                      // overlong NUL
            (Array("x".utf8) + [0xF5, 0x80, 0x80, 0x80], TextPosition(line: 1, column: 2)),
        ]
        for (bytes, position) in cases {
            #expect(throws: TextInputError.invalidUTF8(source: "text on standard input", position: position)) {
                try TextInput.decode(Data(bytes), from: "text on standard input")
            }
        }
    }

    @Test func eachLimitIsRefusedWellUnderASecond() {
        let huge = String(repeating: "a", count: 10_000_000)
        for field in TextField.all {
            let justOver = String(repeating: "é", count: field.limit + 1)
            let start = Date()
            #expect(throws: TextInputError.tooLong(field: field.name, limit: field.limit)) {
                try TextInput.check(justOver, as: field)
            }
            #expect(throws: TextInputError.tooLong(field: field.name, limit: field.limit)) {
                try TextInput.check(huge, as: field)
            }
            #expect(Date().timeIntervalSince(start) < 0.5, "\(field.name) took too long to refuse")
            #expect(throws: Never.self) { try TextInput.check(String(repeating: "📢", count: field.limit), as: field) }
        }
        let big = Data(count: TextInput.fileLimit + 1)
        let start = Date()
        #expect(throws: TextInputError.fileTooLarge(source: "file big", limit: TextInput.fileLimit)) {
            try TextInput.decode(big, from: "file big")
        }
        #expect(Date().timeIntervalSince(start) < 0.5)
    }

    @Test func aLargeFileIsRefusedBeforeItIsRead() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ov-big-\(UUID().uuidString).txt")
        try Data(repeating: 0x61, count: 10 << 20).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let start = Date()
        #expect(throws: TextInputError.fileTooLarge(source: "file \(url.path)", limit: TextInput.fileLimit)) {
            try TextInput.read(contentsOf: url)
        }
        #expect(Date().timeIntervalSince(start) < 0.5)
    }

    @Test func largeConfigTemplateAndRulesFilesAreRefusedBeforeTheyAreRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ov-bigsrc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("config.toml")
        // A sparse 200 MB file: reading it whole would take seconds and the memory with it.
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 200 << 20)
        try handle.close()
        let start = Date()
        #expect(throws: TextInputError.fileTooLarge(source: "file \(url.path)", limit: TextInput.fileLimit)) {
            try TextInput.readSource(contentsOf: url)
        }
        #expect(throws: AgencyConfigError.self) { try AgencyConfig.load(from: url, environment: [:]) }
        #expect(!TemplateChecker.check(url).isEmpty)
        #expect(Date().timeIntervalSince(start) < 0.5)
    }

    @Test func workspaceOperationsRefuseBadTextAndSaveNothing() throws {
        let agency = try TestAgency()
        let incident = try agency.admin.openIncident(title: "Elm Street closure", kind: .roadClosure, location: "Elm Street")
        let before = try agency.logCount()
        #expect(throws: TextInputError.self) {
            try agency.admin.addFact(incidentID: incident.id, text: "Two people\u{0} hurt", source: "Lt. Ortiz", sourceKind: .incidentCommander)
        }
        #expect(throws: TextInputError.self) {
            try agency.admin.openIncident(title: "A\u{1B}[2J", kind: .general, location: "")
        }
        #expect(throws: TextInputError.self) {
            try agency.admin.openIncident(title: String(repeating: "x", count: 201), kind: .general, location: "")
        }
        #expect(throws: TextInputError.self) {
            try agency.admin.createRelease(incidentID: incident.id, title: "T", text: "ok", renditions: ["x": "bell\u{7}"])
        }
        #expect(throws: TextInputError.self) {
            try agency.admin.addRumor(incidentID: incident.id, text: "rumor\u{9B}", seenAt: "X")
        }
        #expect(try agency.logCount() == before)
        #expect(try agency.admin.facts(incidentID: incident.id).isEmpty)
    }

    @Test func theDraftFileIsPrivate() throws {
        let draft = try PrivateDraftFile(text: "draft", suffix: ".txt")
        defer { draft.remove() }
        let file = try FileManager.default.attributesOfItem(atPath: draft.url.path)
        let folder = try FileManager.default.attributesOfItem(atPath: draft.url.deletingLastPathComponent().path)
        #expect((file[.posixPermissions] as? Int) == 0o600)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        #expect(try draft.read() == "draft")
        draft.remove()
        #expect(!FileManager.default.fileExists(atPath: draft.url.deletingLastPathComponent().path))
    }
}
