import Foundation
import Testing
@testable import OneVoiceCore

@Suite("Delivery CAP alerts")
struct DeliveryCAPAlertTests {
    /// Validates against the official CAP 1.2 XSD shipped by capvalidator, then reads fields back with
    /// ElementTree and prints them as JSON.
    static let validator = #"""
import sys, json
import capvalidator
from lxml import etree
from importlib.resources import files
data = sys.stdin.buffer.read()
result = capvalidator.check_schema(data)
if not result.passed:
    schema = etree.XMLSchema(etree.XML(files('capvalidator').joinpath('static/CAP-v1.2-schema.xsd').read_bytes()))
    schema.validate(etree.fromstring(data))
    print(result.message, schema.error_log, file=sys.stderr)
    sys.exit(1)
import xml.etree.ElementTree as ET
ns = {'c': 'urn:oasis:names:tc:emergency:cap:1.2'}
root = ET.fromstring(data)
out = {'tag': root.tag, 'order': [child.tag.split('}')[1] for child in root]}
for name in ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'references', 'note']:
    el = root.find('c:' + name, ns)
    out[name] = el.text if el is not None else None
info = root.find('c:info', ns)
out['infoOrder'] = [child.tag.split('}')[1] for child in info]
for name in ['category', 'event', 'urgency', 'severity', 'certainty', 'headline', 'description', 'instruction', 'web']:
    el = info.find('c:' + name, ns)
    out[name] = el.text if el is not None else None
out['areaDesc'] = info.find('c:area/c:areaDesc', ns).text
print(json.dumps(out))
"""#

    func validated(_ item: DeliveryItem) throws -> [String: Any] {
        let xml = try CAPAlertWriter.xml(for: item)
        guard try Python.require("capvalidator", install: "pip install --pre capvalidator") else { return [:] }
        let result = try Python.run(Self.validator, input: Data(xml.utf8))
        #expect(result.status == 0, "CAP alert failed the CAP 1.2 schema: \(result.stderr)\n\(xml)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func anAlertIsValidCAPWithFieldsInOrder() throws {
        let fields = try validated(DeliveryFixture.item(channel: .cap))
        #expect(fields["tag"] as? String == "{urn:oasis:names:tc:emergency:cap:1.2}alert")
        #expect(fields["order"] as? [String] == ["identifier", "sender", "sent", "status", "msgType", "scope", "incidents", "info"])
        #expect(fields["identifier"] as? String == "pio@riverton.gov.release.7")
        #expect(fields["sender"] as? String == "pio@riverton.gov")
        // 11:06:40.75 UTC is 05:06:40 in Chicago in November: fraction dropped, offset written out.
        #expect(fields["sent"] as? String == "2026-11-18T05:06:40-06:00")
        #expect(fields["status"] as? String == "Actual")
        #expect(fields["msgType"] as? String == "Alert")
        #expect(fields["scope"] as? String == "Public")
        #expect(fields["references"] is NSNull)
        #expect(fields["category"] as? String == "Transport")
        #expect(fields["event"] as? String == "Road closure")
        #expect(fields["headline"] as? String == "Route 4 closed after crash")
        #expect(fields["instruction"] as? String == "Avoid the area; use Highway 9.")
        #expect(fields["web"] as? String == "https://riverton.gov/news/7")
        #expect(fields["areaDesc"] as? String == "The 400 block of Main St")
    }

    @Test func anUpdateReferencesTheEarlierAlert() throws {
        let fields = try validated(DeliveryFixture.item(channel: .cap, kind: .update))
        #expect(fields["msgType"] as? String == "Update")
        #expect(fields["references"] as? String == "pio@riverton.gov,pio@riverton.gov.release.6,2026-11-18T04:06:40-06:00")
        #expect(fields["headline"] as? String == "UPDATE: Route 4 closed after crash")
    }

    @Test func aCorrectionIsAnUpdateMarkedCorrection() throws {
        let fields = try validated(DeliveryFixture.item(channel: .cap, kind: .correction))
        #expect(fields["msgType"] as? String == "Update")
        #expect((fields["references"] as? String)?.hasPrefix("pio@riverton.gov,pio@riverton.gov.release.6,") == true)
        #expect(fields["headline"] as? String == "CORRECTION: Route 4 closed after crash")
    }

    @Test func anExerciseAlertCarriesStatusExercise() throws {
        let fields = try validated(DeliveryFixture.item(channel: .cap, isExercise: true))
        #expect(fields["status"] as? String == "Exercise")
        #expect(fields["identifier"] as? String == "pio@riverton.gov.exercise.release.7")
        #expect((fields["note"] as? String)?.contains("EXERCISE") == true)
        #expect((fields["headline"] as? String)?.hasPrefix("EXERCISE: ") == true)
        #expect((fields["description"] as? String)?.hasPrefix("EXERCISE: ") == true)
    }

    @Test func markupInTheLocationAndTextIsEscaped() throws {
        let item = DeliveryFixture.item(channel: .cap, text: "Officers & deputies <on scene>; \"stay clear\".",
                                        title: "Crash at 5th & <Main>", location: "5th St & Main <north side>")
        let fields = try validated(item)
        #expect(fields["areaDesc"] as? String == "5th St & Main <north side>")
        #expect(fields["description"] as? String == "Officers & deputies <on scene>; \"stay clear\".")
        #expect(fields["headline"] as? String == "Crash at 5th & <Main>")
    }

    @Test func utcIsWrittenMinusZeroAndNeverZ() {
        let date = Date(timeIntervalSince1970: 1_795_000_000.999)
        #expect(DeliveryTime.cap(date, in: .gmt) == "2026-11-18T11:06:40-00:00")
        #expect(DeliveryTime.cap(date, in: TimeZone(identifier: "Asia/Kolkata")!) == "2026-11-18T16:36:40+05:30")
        // Summer time in Chicago.
        #expect(DeliveryTime.cap(Date(timeIntervalSince1970: 1_780_000_000), in: TimeZone(identifier: "America/Chicago")!) == "2026-05-28T15:26:40-05:00")
    }

    @Test func aBadSenderOrAMissingReferenceIsRefusedPlainly() {
        var item = DeliveryFixture.item(channel: .cap)
        item.agencySenderID = "Riverton PD, pio"
        #expect(throws: DeliveryError.self) { try CAPAlertWriter.xml(for: item) }
        var update = DeliveryFixture.item(channel: .cap, kind: .update)
        update.referencedSentAt = nil
        do {
            _ = try CAPAlertWriter.xml(for: update)
            Issue.record("an update without its reference was accepted")
        } catch {
            #expect(!error.isRetryable)
            #expect(error.description == "This post cannot be delivered: a CAP Update needs the identifier and sent time of the alert it points back to; send it as a follow-up of a release whose CAP alert went out.")
        }
    }

    @Test func theDelivererWritesOneFilePerItemIntoTheRightOutbox() throws {
        let dir = try DeliveryFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let deliverer = CAPDeliverer(layout: OutboxLayout(dataDirectory: dir))
        let first = try deliverer.deliver(DeliveryFixture.item(channel: .cap))
        let again = try deliverer.deliver(DeliveryFixture.item(channel: .cap))
        #expect(first.filePath == dir.path + "/outbox/cap/42-k-0f3a9c.xml")
        #expect(!first.wasAlreadyDelivered && again.wasAlreadyDelivered)
        #expect(first.externalID == "pio@riverton.gov.release.7")
        let drill = try deliverer.deliver(DeliveryFixture.item(channel: .cap, isExercise: true))
        #expect(drill.filePath == dir.path + "/outbox-exercise/cap/42-k-0f3a9c.xml")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/outbox/cap") == ["42-k-0f3a9c.xml"])
    }
}

extension DeliveryCAPAlertTests {
    /// The records log's head and the founding key go out in every format, and the alert stays valid CAP.
    @Test func theChainHeadGoesOutInTheAlertTheFeedAndTheMessage() throws {
        var item = DeliveryFixture.item(channel: .cap)
        let token = ChainAnchor(seq: 42, hash: String(repeating: "ab", count: 32)).token
        item.chainAnchor = token
        item.foundingKeyFingerprint = "1234 abcd"
        let fields = try validated(item)
        #expect(fields["tag"] as? String == "{urn:oasis:names:tc:emergency:cap:1.2}alert")
        #expect(try CAPAlertWriter.xml(for: item).contains("<value>\(token)</value>"))
        let feed = DeliveryAtomFeedTests.settings
        let entry = AtomEntry(item: item, settings: feed)
        #expect(ChainAnchor.scan(AtomFeedWriter.xml(settings: feed, entries: [entry], isExercise: false)).first?.seq == 42)
        let message = try MediaMessageWriter.message(for: item, settings: DeliveryMediaMessageTests.settings)
        #expect(String(decoding: message, as: UTF8.self).contains("X-OneVoice-Chain: \(token)"))
    }
}
