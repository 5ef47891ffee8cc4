import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Delivery media e-mail")
struct DeliveryMediaMessageTests {
    static let settings = MediaListSettings(fromAddress: "pio@riverton.gov",
                                            contacts: ["desk@gazette.example", "news@wrvt.example", "tips@radio-riverton.example",
                                                       "assignments@channel9.example", "metro@daily.example"])

    /// Python's own e-mail parser reads the message back.
    static let reader = #"""
import sys, json, email
from email import policy
data = sys.stdin.buffer.read()
msg = email.message_from_bytes(data, policy=policy.default)
body = msg.get_body(preferencelist=('plain',))
print(json.dumps({
    'subject': str(msg['Subject']), 'from': str(msg['From']), 'to': str(msg['To']),
    'bcc': [a.addr_spec for a in msg['Bcc'].addresses] if msg['Bcc'] else [], 'date': str(msg['Date']),
    'messageID': str(msg['Message-ID']), 'mime': str(msg['MIME-Version']),
    'contentType': msg.get_content_type(), 'charset': msg.get_content_charset(),
    'cte': str(msg['Content-Transfer-Encoding']),
    # On the wire a line break is CRLF; the text it stands for has "\n".
    'body': body.get_content().replace('\r\n', '\n'),
    'defects': [repr(d) for d in msg.defects] + [repr(d) for part in msg.walk() for d in part.defects],
    'dateParsed': msg['Date'].datetime.isoformat(),
}))
"""#

    func read(_ data: Data) throws -> [String: Any] {
        let result = try Python.run(Self.reader, input: data)
        #expect(result.status == 0, "Python could not read the message: \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    /// Every line ends in CRLF, none is longer than 78 characters, and everything is 7-bit.
    func checkLines(_ data: Data) {
        #expect(data.allSatisfy { $0 < 0x80 }, "the message is not 7-bit")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "a bare CR")
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.count <= 78, "line too long: \(line)")
        }
    }

    @Test func anUpdateReadsBackWithItsSubjectBodyAndHeaders() throws {
        let text = "Route 4 is open again.\nCrews cleared the crash at 6:10 a.m.; expect delays.\n\n"
            + String(repeating: "A long sentence that must be wrapped softly by quoted-printable encoding. ", count: 3)
            + "\n. a line starting with a dot\nFrom the scene: officers remain nearby.  "
        let item = DeliveryFixture.item(channel: .media, kind: .update, text: text, title: "Route 4 reopened")
        let data = try MediaMessageWriter.message(for: item, settings: Self.settings)
        checkLines(data)
        let msg = try read(data)
        #expect(msg["subject"] as? String == "UPDATE: Route 4 reopened")
        #expect(msg["from"] as? String == "Riverton Police Department <pio@riverton.gov>")
        // The stored copy keeps the press list private; only the copy for the mail command has the Bcc.
        #expect(msg["bcc"] as? [String] == [])
        let sent = try read(try MediaMessageWriter.message(for: item, settings: Self.settings, includeBcc: true))
        #expect(sent["bcc"] as? [String] == Self.settings.contacts)
        #expect(msg["date"] as? String == "Wed, 18 Nov 2026 05:06:40 -0600")
        #expect(msg["dateParsed"] as? String == "2026-11-18T05:06:40-06:00")
        #expect(msg["messageID"] as? String == "<onevoice.42.k-0f3a9c@riverton.gov>")
        #expect(msg["mime"] as? String == "1.0")
        #expect(msg["contentType"] as? String == "text/plain")
        #expect(msg["charset"] as? String == "utf-8")
        #expect(msg["cte"] as? String == "quoted-printable")
        #expect(msg["body"] as? String == text + "\n\nAvoid the area; use Highway 9.\n")
        #expect((msg["defects"] as? [String])?.isEmpty == true)
    }

    @Test func nonASCIIHeadersAndBodyAreEncodedAndDecodeExactly() throws {
        let title = "Évacuation près du marché: 避難 and a long enough title to need folding — ✅ 👮🏽‍♀️ done"
        let text = "Résidents: évacuez. 避難してください。 👮🏽‍♀️\nZażółć gęślą jaźń = test"
        let item = DeliveryFixture.item(channel: .media, kind: .correction, isExercise: true, text: text, title: title)
        var settings = Self.settings
        settings.fromName = "Policía de Riverton"
        let data = try MediaMessageWriter.message(for: item, settings: settings)
        checkLines(data)
        let raw = String(decoding: data, as: UTF8.self)
        #expect(raw.contains("Subject: =?UTF-8?B?"))
        let msg = try read(data)
        #expect(msg["subject"] as? String == "[EXERCISE] CORRECTION: \(title)")
        #expect(msg["from"] as? String == "Policía de Riverton <pio@riverton.gov>")
        #expect(msg["body"] as? String == "EXERCISE: \(text)\n\nAvoid the area; use Highway 9.\n")
        #expect((msg["defects"] as? [String])?.isEmpty == true)
    }

    @Test func encodedWordsNeverSplitACharacter() {
        let words = MediaMessageWriter.encodedWords(String(repeating: "é避👮🏽‍♀️", count: 20), firstLineRoom: 69)
        for word in words {
            #expect(word.count <= 75)
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let bytes = Data(base64Encoded: String(payload))
            #expect(bytes.flatMap { String(data: $0, encoding: .utf8) } != nil, "an encoded-word holds a broken UTF-8 sequence")
        }
    }

    @Test func headerInjectionIsImpossible() throws {
        let item = DeliveryFixture.item(channel: .media, title: "Closed\r\nBcc: everyone@example.com")
        let raw = String(decoding: try MediaMessageWriter.message(for: item, settings: Self.settings), as: UTF8.self)
        #expect(!raw.contains("\r\nBcc: everyone"))
        var bad = Self.settings
        bad.contacts.append("x@y.example\r\nBcc: all@z.example")
        #expect(throws: DeliveryError.self) { try MediaMessageWriter.message(for: item, settings: bad) }
    }

    @Test func theOutboxGetsOneFileAndSendmailGetsItOnce() throws {
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let record = dir.appendingPathComponent("sendmail-stdin")
        let calls = dir.appendingPathComponent("sendmail-calls")
        let fake = dir.appendingPathComponent("sendmail")
        try Data("#!/bin/sh\necho \"$@\" >> '\(calls.path)'\ncat > '\(record.path)'\n".utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)

        let deliverer = SendmailDeliverer(layout: OutboxLayout(dataDirectory: dir), settings: Self.settings, commandPath: fake.path)
        let item = DeliveryFixture.item(channel: .media)
        let receipt = try deliverer.deliver(item)
        #expect(receipt.filePath == dir.path + "/outbox/media/42-k-0f3a9c.eml")
        #expect(!receipt.wasAlreadyDelivered)
        let piped = try Data(contentsOf: record)
        let stored = try Data(contentsOf: URL(fileURLWithPath: receipt.filePath!))
        // The command gets the stored message plus the Bcc that `-t` reads; the stored copy has no Bcc.
        #expect(piped == (try MediaMessageWriter.message(for: item, settings: Self.settings, includeBcc: true)))
        #expect(!String(decoding: stored, as: UTF8.self).contains("Bcc:"))
        #expect(String(decoding: piped, as: UTF8.self).contains("\r\nBcc: desk@gazette.example,"))
        #expect(try String(contentsOf: calls, encoding: .utf8) == "-t -i\n")

        let again = try deliverer.deliver(item)
        #expect(again.wasAlreadyDelivered)
        #expect(try String(contentsOf: calls, encoding: .utf8) == "-t -i\n", "sendmail ran twice for one item")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/outbox/media").sorted() == ["42-k-0f3a9c.eml", "42-k-0f3a9c.eml.sent"])
    }

    @Test func exerciseMailStaysInTheExerciseOutbox() throws {
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let deliverer = SendmailDeliverer(layout: OutboxLayout(dataDirectory: dir), settings: Self.settings, commandPath: "/bin/false")
        do {
            _ = try deliverer.deliver(DeliveryFixture.item(channel: .media, isExercise: true))
            Issue.record("an exercise message was handed to sendmail")
        } catch {
            #expect(error == .exerciseNotSent(channel: .media))
            #expect(!error.isRetryable)
        }
        #expect(FileManager.default.fileExists(atPath: dir.path + "/outbox-exercise/media/42-k-0f3a9c.eml"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/outbox"))
    }

    @Test func aFailingSendmailIsReportedWithItsExitStatus() throws {
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fake = dir.appendingPathComponent("sendmail")
        try Data("#!/bin/sh\ncat > /dev/null\necho 'queue full' >&2\nexit 75\n".utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let deliverer = SendmailDeliverer(layout: OutboxLayout(dataDirectory: dir), settings: Self.settings, commandPath: fake.path)
        do {
            _ = try deliverer.deliver(DeliveryFixture.item(channel: .media))
            Issue.record("a failing sendmail counted as delivered")
        } catch {
            #expect(error.isRetryable)
            #expect(error.description == "\(fake.path) exited with status 75: queue full; it will be tried again.")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/outbox/media/42-k-0f3a9c.eml.sent"))
    }
}
