import GRDB

/// The schema, one migration per released step. Never edit a migration that has shipped: add one.
enum Migrations {
    /// `PRAGMA application_id` of OneVoice databases ("ONEV"), so other files are refused.
    static let applicationID: Int32 = 0x4F4E_4556

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.create(table: "agency") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("name", .text).notNull()
                t.column("timeZoneIdentifier", .text).notNull()
                t.column("mode", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "person") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("handle", .text).notNull().unique()
                t.column("displayName", .text).notNull()
                t.column("publicKey", .text).notNull().unique()
                t.column("roles", .text).notNull()
                t.column("addedAt", .datetime).notNull()
                t.column("removedAt", .datetime)
                t.column("removalReason", .text)
            }
            try db.create(table: "incident") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("title", .text).notNull()
                t.column("location", .text).notNull()
                t.column("status", .text).notNull().indexed()
                t.column("severity", .integer).notNull()
                t.column("spokespersonID", .integer).references("person")
                t.column("isExercise", .boolean).notNull()
                t.column("openedAt", .datetime).notNull()
                t.column("closedAt", .datetime)
                t.column("openedBy", .integer).references("person").notNull()
            }
            try db.create(table: "fact") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("incidentID", .integer).references("incident").notNull()
                t.column("key", .text)
                t.column("text", .text).notNull()
                t.column("source", .text).notNull()
                t.column("sourceKind", .text).notNull()
                t.column("status", .text).notNull()
                t.column("recordedBy", .integer).references("person").notNull()
                t.column("recordedAt", .datetime).notNull()
                t.column("statusBy", .integer).references("person")
                t.column("statusAt", .datetime)
                t.column("clearedForRelease", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "pressRelease") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("incidentID", .integer).references("incident").notNull()
                t.column("kind", .text).notNull()
                t.column("parentID", .integer).references("pressRelease")
                t.column("templateID", .text)
                t.column("isHolding", .boolean).notNull()
                t.column("status", .text).notNull()
                t.column("title", .text).notNull()
                t.column("currentRevision", .integer).notNull()
                t.column("createdBy", .integer).references("person").notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "releaseRevision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("releaseID", .integer).references("pressRelease").notNull()
                t.column("number", .integer).notNull()
                t.column("text", .text).notNull()
                t.column("renditions", .text).notNull()
                t.column("authorID", .integer).references("person").notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("contentHash", .text).notNull()
                t.uniqueKey(["releaseID", "number"])
            }
            try db.create(table: "post") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("releaseID", .integer).references("pressRelease").notNull()
                t.column("incidentID", .integer).references("incident").notNull()
                t.column("revisionNumber", .integer).notNull()
                t.column("channel", .text).notNull()
                t.column("text", .text).notNull()
                t.column("scheduledAt", .datetime)
                t.column("state", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime)
                t.column("deliveredAt", .datetime)
                t.column("externalID", .text)
                t.column("lastError", .text)
                t.column("idempotencyKey", .text).notNull().unique()
                t.column("isExercise", .boolean).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(index: "post_on_state_scheduledAt", on: "post", columns: ["state", "scheduledAt"])
            try db.create(table: "attestation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("actorID", .integer).references("person").notNull()
                t.column("actorHandle", .text).notNull()
                t.column("role", .text).notNull()
                t.column("subjectType", .text).notNull()
                t.column("subjectID", .integer).notNull()
                t.column("contentHash", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("note", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("publicKey", .text).notNull()
                t.column("signature", .text).notNull()
                t.column("supersededAt", .datetime)
            }
            try db.create(index: "attestation_on_subject", on: "attestation", columns: ["subjectType", "subjectID"])
            try db.create(table: "logEntry") { t in
                t.primaryKey("seq", .integer)
                t.column("time", .integer).notNull()
                t.column("actorID", .integer)
                t.column("actorHandle", .text).notNull()
                t.column("action", .text).notNull()
                t.column("subjectType", .text).notNull()
                t.column("subjectID", .integer).notNull()
                t.column("incidentID", .integer)
                t.column("change", .text).notNull()
                t.column("prevHash", .text).notNull()
                t.column("hash", .text).notNull()
            }
            try db.create(index: "logEntry_on_incident", on: "logEntry", columns: ["incidentID", "seq"])
            // The chain's head, kept beside the log so that removing its last entries also shows.
            try db.create(table: "logHead") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("seq", .integer).notNull()
                t.column("hash", .text).notNull()
            }
        }

        migrator.registerMigration("v2-workflow") { db in
            try db.create(table: "rumor") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("incidentID", .integer).references("incident").notNull()
                t.column("text", .text).notNull()
                t.column("seenAt", .text).notNull()
                t.column("answeredByFactID", .integer).references("fact")
                t.column("recordedBy", .integer).references("person").notNull()
                t.column("recordedAt", .datetime).notNull()
            }
            // People named in an incident whose next of kin must be told before they are named.
            try db.create(table: "namedPerson") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("incidentID", .integer).references("incident").notNull()
                t.column("name", .text).notNull()
                t.column("category", .text).notNull()
                t.column("nextOfKinNotified", .boolean).notNull().defaults(to: false)
                t.column("notifiedAt", .datetime)
                t.column("recordedBy", .integer).references("person").notNull()
                t.column("recordedAt", .datetime).notNull()
            }
            try db.create(table: "contact") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("email", .text).notNull()
                t.column("outlet", .text).notNull().defaults(to: "")
                t.column("addedAt", .datetime).notNull()
                t.column("removedAt", .datetime)
                t.column("removalReason", .text)
            }
            try db.create(index: "pressRelease_on_incident", on: "pressRelease", columns: ["incidentID", "status"])
            try db.create(index: "fact_on_incident_status", on: "fact", columns: ["incidentID", "status"])
            try db.create(index: "post_on_release", on: "post", columns: ["releaseID"])
        }

        // Full-text search over everything a records request asks about, and the tombstones of disposal.
        migrator.registerMigration("v3-search") { db in
            // One FTS5 table for every kind of item. The rowid is the item's time in milliseconds times
            // 1,000,000 plus a counter, so "newest first" is FTS5's own rowid order and a date range is a
            // rowid range: neither forces a scan. `scope` holds one token ("i12" or "agency") so an incident
            // filter is a posting-list intersection, not a row-by-row test. User terms only match `body`.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE searchIndex USING fts5(
                    type UNINDEXED, itemID UNINDEXED, incidentID UNINDEXED, time UNINDEXED, label UNINDEXED,
                    scope, body,
                    tokenize = '\(SearchIndexSQL.tokenizer)'
                )
                """)
            let scope = SearchIndexSQL.scope, sources = SearchIndexSQL.sources
            // Rows that already exist, oldest first, numbered within each millisecond.
            let existing = sources("x").map { s in
                "SELECT '\(s.type)' AS type, \(s.id) AS itemID, \(s.incident) AS incidentID, \(s.time) AS time, \(s.label) AS label, \(s.body) AS body FROM \(s.table) AS x"
            }.joined(separator: "\nUNION ALL\n")
            try db.execute(sql: """
                INSERT INTO searchIndex (rowid, type, itemID, incidentID, time, label, scope, body)
                SELECT time * 1000000 + ROW_NUMBER() OVER (PARTITION BY time ORDER BY type, itemID) - 1,
                       type, itemID, incidentID, time, label, \(scope("incidentID")), body
                FROM (\(existing))
                """)
            // New and changed rows, in the same transaction as the change itself.
            for s in sources("NEW") {
                let insert = """
                    INSERT INTO searchIndex (rowid, type, itemID, incidentID, time, label, scope, body)
                    SELECT (SELECT IFNULL(MAX(rowid) + 1, v.time * 1000000) FROM searchIndex
                            WHERE rowid BETWEEN v.time * 1000000 AND v.time * 1000000 + 999999),
                           '\(s.type)', v.itemID, v.incidentID, v.time, v.label, \(scope("v.incidentID")), v.body
                    FROM (SELECT \(s.id) AS itemID, \(s.incident) AS incidentID, \(s.time) AS time, \(s.label) AS label, \(s.body) AS body) AS v;
                    """
                let old = sources("OLD").first { $0.type == s.type }!
                try db.execute(sql: """
                    CREATE TRIGGER searchIndex_\(s.table)_insert AFTER INSERT ON \(s.table) BEGIN
                    \(insert)
                    END;
                    CREATE TRIGGER searchIndex_\(s.table)_update AFTER UPDATE OF \(s.watched) ON \(s.table) BEGIN
                    DELETE FROM searchIndex WHERE rowid BETWEEN \(old.time) * 1000000 AND \(old.time) * 1000000 + 999999
                        AND type = '\(s.type)' AND itemID = \(old.id);
                    \(insert)
                    END;
                    """)
            }
            // Retention: an item disposed of at the end of its period keeps a tombstone; nothing is deleted.
            try db.create(table: "disposal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("subjectType", .text).notNull()
                t.column("subjectID", .integer).notNull()
                t.column("incidentID", .integer)
                t.column("reason", .text).notNull()
                t.column("disposedAt", .datetime).notNull()
                t.column("disposedBy", .integer).references("person").notNull()
                t.column("attestationID", .integer).references("attestation").notNull()
                t.uniqueKey(["subjectType", "subjectID"])
            }
        }

        migrator.registerMigration("v4-scheduling") { db in
            // Who is delivering a post right now, so a killed scheduler's claim can be taken over.
            try db.alter(table: "post") { t in
                t.add(column: "claimedBy", .text)
                t.add(column: "claimedAt", .datetime)
            }
            // One row: the scheduler that may deliver, until its lease expires.
            try db.create(table: "schedulerLease") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("holder", .text).notNull()
                t.column("expiresAt", .datetime).notNull()
            }
        }

        migrator.registerMigration("v5-dashboard") { db in
            // The board's order (active, monitoring, closed; newest first) served from an index.
            try db.execute(sql: """
                CREATE INDEX incident_on_board ON incident(
                  (CASE status WHEN 'active' THEN 0 WHEN 'monitoring' THEN 1 ELSE 2 END), openedAt DESC, id)
                """)
            try db.create(index: "post_on_incident_state", on: "post", columns: ["incidentID", "state", "scheduledAt"])
        }

        migrator.registerMigration("v6-log-time") { db in
            // The records log filtered by dates (the dashboard's filter, an export's log segment): the dates
            // become a range of this index instead of a walk over the whole log.
            try db.create(index: "logEntry_on_time", on: "logEntry", columns: ["time"])
        }

        migrator.registerMigration("v7-signed-log") { db in
            // The signed log: who signed each entry, the rows it wrote, and the signature. Entries before
            // this step keep format 1; the first write after it seals them (`log.seal`, LogSeal.swift).
            try db.alter(table: "logEntry") { t in
                t.add(column: "format", .integer).notNull().defaults(to: 1)
                t.add(column: "actorKey", .text).notNull().defaults(to: "")
                t.add(column: "images", .text).notNull().defaults(to: "")
                t.add(column: "signature", .text).notNull().defaults(to: "")
            }
        }

        migrator.registerMigration("v8-platform-posts") { db in
            // What a platform called a delivered post, so a correction can reply to it, and where the public sees it.
            try db.alter(table: "post") { t in
                t.add(column: "publicURL", .text)
                t.add(column: "externalCID", .text)
                t.add(column: "threadRootID", .text)
                t.add(column: "threadRootCID", .text)
            }
        }

        migrator.registerMigration("v9-published-identity") { db in
            // The identifiers a release went out under (Atom entry id, CAP identifier, e-mail Message-ID),
            // stored at its first delivery on that channel and never computed again, so a later change of
            // settings neither duplicates a feed entry nor makes an Update reference an id never sent.
            try db.create(table: "publishedIdentity") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("releaseID", .integer).notNull().references("pressRelease")
                t.column("channel", .text).notNull()
                t.column("value", .text).notNull()
                t.column("sentAt", .datetime).notNull()
                t.column("postID", .integer).notNull().references("post")
                t.column("createdAt", .datetime).notNull()
                t.uniqueKey(["releaseID", "channel"])
            }
        }

        migrator.registerMigration("v10-cap-fields") { db in
            // CAP fields chosen per release revision (defaults from the template and the release kind).
            try db.alter(table: "releaseRevision") { t in
                t.add(column: "capUrgency", .text)
                t.add(column: "capSeverity", .text)
                t.add(column: "capCertainty", .text)
                t.add(column: "capMsgType", .text)
                t.add(column: "capExpiresAt", .datetime)
            }
        }

        migrator.registerMigration("v11-incident-list-order") { db in
            // `incident list` (active first, newest first, closed ones by when they closed) read its first page
            // from an index instead of sorting every incident: 10,000 of them took 20 ms. The expressions are
            // those of `StoreSession.incidents`, word for word, as SQLite matches them.
            try db.execute(sql: """
                CREATE INDEX incident_on_list ON incident(
                  (status = 'closed'), (CASE WHEN status = 'closed' THEN closedAt ELSE openedAt END) DESC, id DESC)
                """)
        }

        // Checked as it runs (`.immediate`): it only adds a table and columns, and the default deferred check reads
        // every foreign key of the database after it (minutes on a record of a million entries).
        migrator.registerMigration("v12-joint-agencies", foreignKeyChecks: .immediate) { db in
            // Several agencies on one record (a joint information center). The host agency is id 0, so a
            // record of one agency reads exactly as before: every person and incident is the host's.
            try db.create(table: "partnerAgency") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("code", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("addedAt", .datetime).notNull()
            }
            try db.alter(table: "person") { t in
                t.add(column: "agencyID", .integer).notNull().defaults(to: 0)
            }
            try db.alter(table: "incident") { t in
                t.add(column: "agencyID", .integer).notNull().defaults(to: 0)
                // The other agencies taking part, as a JSON array of ids.
                t.add(column: "jointAgencies", .text).notNull().defaults(to: "[]")
            }
        }

        return migrator
    }

    /// The names this build knows, oldest first (the first is the oldest schema tests migrate from).
    static var knownMigrations: [String] { migrator.migrations }
}
