import GRDB

extension SQLiteStore {
    /// Migrations in literal SQL, applied in order when the store opens and
    /// recorded in grdb_migrations. Never edit a shipped one: add the next.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: definitions, instances, timers, audit, outbox, ledger, documents") { db in
            try db.execute(sql: """
            CREATE TABLE definitions (
                kind TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL,
                hash TEXT NOT NULL, path TEXT NOT NULL, source TEXT NOT NULL, deployed_at INTEGER NOT NULL,
                PRIMARY KEY (kind, name, version));
            CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            CREATE TABLE instances (
                id TEXT PRIMARY KEY, workflow TEXT NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL,
                "values" TEXT NOT NULL, started INTEGER NOT NULL, entered INTEGER NOT NULL, parent TEXT,
                finished INTEGER NOT NULL DEFAULT 0, escalation TEXT, children INTEGER NOT NULL DEFAULT 0,
                unit TEXT) WITHOUT ROWID;
            CREATE INDEX instances_workflow ON instances (workflow, state);
            CREATE INDEX instances_unit ON instances (unit);
            CREATE TABLE timers (
                instance TEXT NOT NULL, key TEXT NOT NULL, due INTEGER NOT NULL,
                PRIMARY KEY (instance, key)) WITHOUT ROWID;
            CREATE INDEX timers_due ON timers (due, instance, key);
            CREATE TABLE events (
                seq INTEGER PRIMARY KEY, instance TEXT, time INTEGER NOT NULL, recorded INTEGER NOT NULL,
                actor TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL,
                previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE INDEX events_instance ON events (instance, seq);
            -- The chain's head, written with each row: a truncated tail no longer matches it.
            CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
            CREATE TABLE outbox (
                -- key (instance/audit seq/effect) is unique by construction; no index needed to keep it so.
                id INTEGER PRIMARY KEY, key TEXT NOT NULL, instance TEXT NOT NULL, kind TEXT NOT NULL,
                unit TEXT NOT NULL, role TEXT NOT NULL, template TEXT NOT NULL, created INTEGER NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt INTEGER, last_error TEXT, sent_at INTEGER);
            CREATE INDEX outbox_pending ON outbox (status, next_attempt);
            CREATE TABLE ledger (
                id INTEGER PRIMARY KEY, unit TEXT NOT NULL, kind TEXT NOT NULL, time INTEGER NOT NULL,
                clause TEXT, instance TEXT NOT NULL);
            CREATE INDEX ledger_unit ON ledger (unit, kind, time);
            CREATE TABLE sequences (kind TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (kind, year));
            CREATE TABLE documents (
                id INTEGER PRIMARY KEY, kind TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
                instance TEXT NOT NULL, to_unit TEXT, cc TEXT NOT NULL, created INTEGER NOT NULL,
                UNIQUE (kind, year, number));
            CREATE TABLE schedules (workflow TEXT PRIMARY KEY, next_slot INTEGER NOT NULL);
            CREATE TABLE schedule_slots (
                workflow TEXT NOT NULL, slot INTEGER NOT NULL, instance TEXT NOT NULL,
                PRIMARY KEY (workflow, slot));
            -- The audit trail is append-only: the database itself refuses edits and deletions.
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """)
        }
        m.registerMigration("v2: documents keep their text; issued documents are never changed") { db in
            try db.execute(sql: """
            ALTER TABLE documents ADD COLUMN unit TEXT;
            ALTER TABLE documents ADD COLUMN title TEXT NOT NULL DEFAULT '';
            -- The issued document (frame and Markdown body) as JSON; '' for those numbered before v2.
            ALTER TABLE documents ADD COLUMN content TEXT NOT NULL DEFAULT '';
            CREATE INDEX documents_kind ON documents (kind, created);
            CREATE INDEX documents_instance ON documents (instance);
            CREATE INDEX instances_parent ON instances (parent);
            CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents BEGIN SELECT RAISE(ABORT, 'an issued document cannot be changed'); END;
            CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents BEGIN SELECT RAISE(ABORT, 'an issued document cannot be deleted'); END;
            """)
        }
        m.registerMigration("v3: deliveries, one row per message and channel delivered") { db in
            try db.execute(sql: """
            -- A row means the channel took the message; a retry skips it, so a unit
            -- with two channels gets one copy on each even when one of them fails.
            CREATE TABLE deliveries (
                outbox INTEGER NOT NULL, channel TEXT NOT NULL, sent_at INTEGER NOT NULL,
                PRIMARY KEY (outbox, channel)) WITHOUT ROWID;
            """)
        }
        m.registerMigration("v4: instances indexed by workflow alone") { db in
            try db.execute(sql: """
            -- Nearly every step changes its instance's state, and an index holding the
            -- state cost each step two more random page writes: a fifth of a busy tick
            -- over a million instances. Listing by state now reads a workflow's rows.
            DROP INDEX instances_workflow;
            CREATE INDEX instances_workflow ON instances (workflow);
            """)
        }
        m.registerMigration("v5: instances keyed by number") { db in
            // An instance id as stored from v5 on (see InstanceKey).
            func key(_ column: String) -> String {
                "CASE WHEN \(column) GLOB '[1-9]*' AND \(column) NOT GLOB '*[^0-9]*' AND length(\(column)) <= 18 THEN CAST(\(column) AS INTEGER) ELSE \(column) END"
            }
            try db.execute(sql: """
            -- Ids are numbers given out in start order ("12"), children numbered after
            -- their parent ("12.3"). As text they sorted 1, 10, 100, 1000, 10000, 100000,
            -- 100001..., so matters started together, which come due together, lay one
            -- to a page all over the instances, their timers and the audit index. Stored
            -- as integers they sit side by side, and a busy tick writes a fraction of the
            -- pages. The columns have no type, so SQLite keeps each value as given: an
            -- integer for a top-level id, text for a child's. Other tables keep text: their
            -- rows are appended, or few, and never looked up in a tick.
            CREATE TABLE instances_v5 (
                id PRIMARY KEY, workflow TEXT NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL,
                "values" TEXT NOT NULL, started INTEGER NOT NULL, entered INTEGER NOT NULL, parent,
                finished INTEGER NOT NULL DEFAULT 0, escalation TEXT, children INTEGER NOT NULL DEFAULT 0,
                unit TEXT) WITHOUT ROWID;
            INSERT INTO instances_v5 SELECT \(key("id")), workflow, version, state, "values", started, entered, \(key("parent")),
                finished, escalation, children, unit FROM instances;
            DROP TABLE instances;
            ALTER TABLE instances_v5 RENAME TO instances;
            CREATE INDEX instances_workflow ON instances (workflow);
            CREATE INDEX instances_unit ON instances (unit);
            CREATE INDEX instances_parent ON instances (parent);

            CREATE TABLE timers_v5 (
                instance NOT NULL, key TEXT NOT NULL, due INTEGER NOT NULL,
                PRIMARY KEY (instance, key)) WITHOUT ROWID;
            INSERT INTO timers_v5 SELECT \(key("instance")), key, due FROM timers;
            DROP TABLE timers;
            ALTER TABLE timers_v5 RENAME TO timers;
            CREATE INDEX timers_due ON timers (due, instance, key);

            -- Audit rows are copied as they are: an integer reads back as the same digits,
            -- so every hash still matches. The append-only triggers went with the old
            -- table and are set again on the new one.
            CREATE TABLE events_v5 (
                seq INTEGER PRIMARY KEY, instance, time INTEGER NOT NULL, recorded INTEGER NOT NULL,
                actor TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL,
                previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
            INSERT INTO events_v5 SELECT seq, \(key("instance")), time, recorded, actor, kind, detail, previous_hash, hash
                FROM events ORDER BY seq;
            DROP TABLE events;
            ALTER TABLE events_v5 RENAME TO events;
            CREATE INDEX events_instance ON events (instance, seq);
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """)
        }
        m.registerMigration("v6: a sender leases a message before sending it") { db in
            try db.execute(sql: """
            -- Set when a sender claims the message, cleared when it records the outcome:
            -- overlapping senders skip a leased message; an expired lease is a crashed one.
            ALTER TABLE outbox ADD COLUMN lease_until INTEGER;
            """)
        }
        m.registerMigration("v7: accounts, sessions, keys and evidence for the server") { db in
            try db.execute(sql: """
            CREATE TABLE accounts (
                name TEXT PRIMARY KEY, role TEXT NOT NULL, unit TEXT, password_hash TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL) WITHOUT ROWID;
            -- Tokens and sessions are kept as SHA-256 of the secret: a copy of the database opens nothing.
            CREATE TABLE api_tokens (
                id INTEGER PRIMARY KEY, account TEXT NOT NULL, label TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE, created INTEGER NOT NULL);
            CREATE TABLE login_sessions (
                hash TEXT PRIMARY KEY, account TEXT NOT NULL, csrf TEXT NOT NULL,
                created INTEGER NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX login_sessions_account ON login_sessions (account);
            CREATE TABLE login_failures (key TEXT NOT NULL, time INTEGER NOT NULL);
            CREATE INDEX login_failures_key ON login_failures (key, time);
            CREATE TABLE link_generations (unit TEXT PRIMARY KEY, generation INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE server_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE attachments (
                id INTEGER PRIMARY KEY, instance TEXT NOT NULL, sha256 TEXT NOT NULL, name TEXT NOT NULL,
                media_type TEXT NOT NULL, size INTEGER NOT NULL, audit_seq INTEGER NOT NULL, added INTEGER NOT NULL);
            CREATE INDEX attachments_instance ON attachments (instance, id);
            """)
        }
        m.registerMigration("v8: the pending messages are read in the order they were queued") { db in
            try db.execute(sql: """
            -- A sender claims the oldest pending message: found at the head of this
            -- index, where (status, next_attempt) had every pending row sorted by id
            -- for each claim (50 ms a claim with 200,000 queued).
            DROP INDEX outbox_pending;
            CREATE INDEX outbox_queue ON outbox (status, id);
            """)
        }
        return m
    }
}
