import Foundation
import Testing
@testable import OneVoiceCore

/// Attacks on the record by someone who holds the database file and, at most, their own key.
@Suite(.serialized) struct IntegrityAttackTests {
    @Test func aDrafterCannotApproveWithTheirOwnKeyNorGetItPublished() throws {
        let team = try SchedulerTeam()
        let release = try team.drafter.createRelease(incidentID: team.incident.id, title: "Elm Street closed",
                                                     text: SchedulerTeam.text, renditions: SchedulerTeam.renditions)
        try team.drafter.submitRelease(id: release.id)
        // Dana writes, through the store and with her own key, what an approval would write.
        let dana = try #require(try team.drafter.currentPerson())
        let revision = try #require(try team.database.read { try $0.revision(releaseID: release.id, number: 1) })
        try team.database.write(signer: team.drafter.identity) { session in
            var forged = try Attestation.sign(by: dana, role: .spokesperson, key: team.drafter.identity!, subjectType: "release",
                                              subjectID: release.id, contentHash: revision.contentHash, verdict: "approved",
                                              note: "", at: team.clock.now())
            try session.insertAttestation(&forged)
            try session.appendLog(actor: dana, action: "attest.approved", subjectType: "attestation", subjectID: forged.id,
                                  incidentID: release.incidentID, change: forged, at: team.clock.now())
            var approved = try #require(try session.release(id: release.id))
            approved.status = .approved
            try session.updateRelease(approved)
            try session.appendLog(actor: dana, action: "release.approve", subjectType: "release", subjectID: release.id,
                                  incidentID: release.incidentID, change: ["status": "approved"], at: team.clock.now())
        }
        try team.drafter.scheduleRelease(id: release.id, at: team.clock.now(), channels: [.x])
        let deliverer = SchedulerRecordingDeliverer()
        let report = try team.scheduler(deliverer).tick()
        #expect(deliverer.calls.isEmpty, "the scheduler published a drafter's self-signed approval")
        #expect(report.missed == 1)
        let problems = try ChainVerifier(database: team.database).verify().problems.map(\.message)
        #expect(problems.contains { $0.contains("dana approved release #\(release.id) but was not the spokesperson") }, "\(problems)")
    }

    @Test func aLogWhoseChainWasRecomputedAfterAnEditFails() throws {
        let fixture = try IntegrityFixture()
        let url = try fixture.copy()
        // Rewrite entry 10's change, then every later entry's link and hash, as a careful forger would.
        let entries = try AppDatabase.open(at: url).read { session in
            var all: [LogEntry] = []
            try session.forEachLogEntry { all.append($0) }
            return all
        }
        let victim = try #require(entries.first { $0.seq > 5 && $0.change.contains("Elm") })
        var previous = entries[Int(victim.seq) - 2].hash
        var sql = ""
        for var entry in entries[Int(victim.seq - 1)...] {
            if entry.seq == victim.seq { entry.change = entry.change.replacingOccurrences(of: "Elm", with: "Oak") }
            entry.prevHash = previous
            entry.hash = entry.expectedHash
            previous = entry.hash
            sql += "UPDATE logEntry SET change = '\(entry.change.replacingOccurrences(of: "'", with: "''"))', prevHash = '\(entry.prevHash)', hash = '\(entry.hash)' WHERE seq = \(entry.seq);\n"
        }
        sql += "UPDATE logHead SET hash = '\(previous)';"
        try TestAgency.sqlite(url, sql)
        let problems = try fixture.problems(url)
        #expect(problems.contains { $0.kind == "signature" && $0.seq == victim.seq }, "\(problems.map(\.message))")
    }

    @Test func aDatabaseRestoredFromBeforeADeliveryFailsAgainstTheHeadsKeptOutside() throws {
        let team = try SchedulerTeam()
        let release = try team.approvedRelease()
        try team.database.checkpoint()
        let backup = team.agency.directory.appendingPathComponent("before.sqlite")
        try FileManager.default.copyItem(at: team.agency.url, to: backup)
        try team.drafter.scheduleRelease(id: release.id, at: team.clock.now(), channels: [.x])
        #expect(try team.scheduler(SchedulerRecordingDeliverer()).tick().delivered == 1)
        // The old copy is a whole, consistent record: only the head noted at the delivery shows it was cut back.
        let restored = try AppDatabase.open(at: backup)
        let report = try ChainVerifier(database: restored, anchors: team.agency.admin.anchors, outputFolder: team.agency.directory).verify()
        #expect(report.problems.contains { $0.kind == "anchor" && $0.message.hasPrefix("The log was cut back: delivery of post #1 (x)") },
                "\(report.problems.map(\.message))")
        // The database as it is now holds every head noted.
        let current = try ChainVerifier(database: team.database, anchors: team.agency.admin.anchors, outputFolder: team.agency.directory).verify()
        #expect(current.isIntact && !current.anchors.isEmpty && current.anchors.allSatisfy(\.holds))
    }

    /// The whole log recomputed with keys of the forger's own (a new founding, every entry re-signed): it holds
    /// together by itself, and its first entry is new, so the notes kept by log key never name it. The notes
    /// kept for the database file do.
    @Test func aLogRecomputedWithNewKeysFailsAgainstTheNotesKeptForTheFile() throws {
        let agency = try TestAgency()
        try agency.admin.openIncident(title: "Crash on Route 9", kind: .trafficFatality, location: "Route 9", severity: 3)
        // The forger builds a look-alike agency with keys of their own and puts it in place of the file.
        let forged = try TestAgency()
        try forged.admin.openIncident(title: "Crash on Route 9", kind: .trafficFatality, location: "Route 9", severity: 1)
        try forged.admin.database.checkpoint()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: agency.url.path + suffix) }
        try FileManager.default.copyItem(at: forged.url, to: agency.url)
        let report = try ChainVerifier(database: AppDatabase.open(at: agency.url), anchors: agency.admin.anchors).verify()
        #expect(report.problems.contains { $0.kind == "anchor" && $0.message.hasPrefix("The log was rewritten from its first entry: founding") },
                "\(report.problems.map(\.message))")
        // A new database made there on purpose (init) starts a history of its own.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: agency.url.path + suffix) }
        let again = try Workspace.initialize(at: agency.url, agencyName: "Riverton Police Department", timeZoneIdentifier: "America/Chicago",
                                             mode: .live, handle: "admin", displayName: "Ada Admin", key: IdentityKey(), clock: agency.clock,
                                             anchors: agency.admin.anchors)
        #expect(try ChainVerifier(database: again.database, anchors: again.anchors).verify().isIntact)
    }

    @Test func everyDeliveryCarriesTheChainHeadAndTheFoundingKey() throws {
        let team = try SchedulerTeam()
        let release = try team.approvedRelease()
        try team.drafter.scheduleRelease(id: release.id, at: team.clock.now(), channels: [.x])
        let deliverer = SchedulerRecordingDeliverer()
        try team.scheduler(deliverer).tick()
        let item = try #require(deliverer.calls.first)
        let anchor = try #require(ChainAnchor.scan(item.chainAnchor ?? "").first)
        #expect(try team.database.read { try $0.logEntry(seq: anchor.seq)?.hash } == anchor.hash)
        #expect(item.foundingKeyFingerprint == KeyFingerprint.of(publicKeyBase64: team.agency.adminKey.publicKeyBase64))
    }

    @Test func anEntrySignedWithAKeyNotTheActorsFails() throws {
        let fixture = try IntegrityFixture()
        let url = try fixture.copy()
        // A stranger's key signs an entry that claims to be the admin's.
        let stranger = IdentityKey()
        let head = try #require(try AppDatabase.open(at: url).read { try $0.logHead() })
        let entry = try LogEntry.signed(seq: head.seq + 1, time: 0, actorID: 1, actorHandle: "admin", action: "agency.mode",
                                        subjectType: "agency", subjectID: 1, incidentID: nil, change: "{}", images: "",
                                        prevHash: head.hash, key: stranger)
        try TestAgency.sqlite(url, """
            INSERT INTO logEntry (seq, time, actorID, actorHandle, action, subjectType, subjectID, incidentID, change, prevHash, hash, format, actorKey, images, signature)
            VALUES (\(entry.seq), 0, 1, 'admin', 'agency.mode', 'agency', 1, NULL, '{}', '\(entry.prevHash)', '\(entry.hash)', 2, '\(entry.actorKey)', '', '\(entry.signature)');
            UPDATE logHead SET seq = \(entry.seq), hash = '\(entry.hash)';
            """)
        #expect(try fixture.problems(url).contains { $0.kind == "signer" && $0.seq == entry.seq })
    }

    @Test func aHeadlineOrLocationChangedAfterSignOffIsNeitherSentNorMissedByVerify() throws {
        for sql in ["UPDATE pressRelease SET title = 'All clear on Elm Street' WHERE id = 1",
                    "UPDATE incident SET location = '1234 Elm Street' WHERE id = 1"] {
            let team = try SchedulerTeam()
            let release = try team.approvedRelease()
            try team.drafter.scheduleRelease(id: release.id, at: team.clock.now(), channels: [.x])
            try team.agency.sqlite(sql)
            let deliverer = SchedulerRecordingDeliverer()
            let tick = try team.scheduler(deliverer).tick()
            #expect(deliverer.calls.isEmpty && tick.missed == 1, "\(sql) went out")
            #expect(try ChainVerifier(database: AppDatabase.open(at: team.agency.url)).verify().problems.contains {
                $0.table == "pressRelease" || $0.table == "incident" })
        }
    }

    @Test func theCheckSinceACheckpointSeesNewEntriesAndTheirRows() throws {
        let fixture = try IntegrityFixture()
        let verifier = ChainVerifier(database: fixture.team.database, anchors: fixture.agency.admin.anchors)
        #expect(try verifier.verify().isIntact)
        let checkpoint = try #require(try verifier.latestCheckpoint())
        let contact = try fixture.team.drafter.addContact(name: "Channel 5", email: "news@ch5.example")
        let quick = try verifier.verifyIncremental(since: checkpoint)
        #expect(quick.isIntact && quick.signaturesChecked == 1, "\(quick.problems.map(\.message))")
        try fixture.agency.sqlite("UPDATE contact SET email = 'leak@evil.example' WHERE id = \(contact.id)")
        let tampered = try ChainVerifier(database: AppDatabase.open(at: fixture.agency.url), anchors: fixture.agency.admin.anchors)
            .verifyIncremental(since: checkpoint)
        #expect(tampered.problems.contains { $0.table == "contact" })
    }

    @Test func aSignedCorrectionOfACheckedFactOrByTheWrongRoleIsReported() throws {
        let team = try SchedulerTeam()
        let fact = try team.drafter.addFact(incidentID: team.incident.id, text: "Two cars collided.", source: "Sgt. Ortiz",
                                            sourceKind: .incidentCommander)
        try team.verifier.setFactStatus(factID: fact.id, to: .verified, note: "Saw it")
        // Legal (who may not record or correct facts) rewrites the verified statement through the store, with their own key.
        let lee = try #require(try team.legal.currentPerson())
        try team.database.write(signer: team.legal.identity) { session in
            var edited = try #require(try session.fact(id: fact.id))
            edited.text = "Nobody was hurt."
            try session.updateFact(edited)
            try session.appendLog(actor: lee, action: "fact.edit", subjectType: "fact", subjectID: fact.id,
                                  incidentID: fact.incidentID, change: ["text": "Nobody was hurt."], at: team.clock.now())
        }
        let problems = try ChainVerifier(database: team.database).verify().problems.map(\.message)
        #expect(problems.contains { $0.contains("lee did not hold the drafter or verifier or spokesperson role") }, "\(problems)")
        #expect(problems.contains { $0.contains("was corrected after it was checked") }, "\(problems)")
    }
}
