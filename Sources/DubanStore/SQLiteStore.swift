import CSQLiteSetup
import DubanEngine
import DubanModel
import Foundation
import GRDB
import Synchronization

/// The embedded default: one SQLite file in WAL mode. Writers take the lock
/// at BEGIN (IMMEDIATE), so overlapping ticks run one after the other and the
/// second finds the timers the first fired already gone.
public final class SQLiteStore: Store {
    let queue: DatabaseQueue
    public let path: String
    /// The connection `readBeside` reads on, opened on first use.
    private let beside = Mutex<DatabaseQueue?>(nil)
    private let busyTimeout: Double

    /// Set once per process, before the first connection.
    private static let configured: Void = { _ = duban_sqlite_configure() }()

    /// How a command may use the database file.
    public enum Access: Sendable {
        /// Create the file and set it up if needed (`deploy`, `init`, tests).
        case create
        /// It must already be a Duban database; older ones are migrated.
        case existing
        /// Read only, and nothing written: works in a folder the user cannot
        /// write to. An older schema is refused rather than migrated.
        case readOnly
    }

    public init(path: String, access: Access = .create, busyTimeout: Double = 30) throws {
        Self.configured
        self.path = path
        self.busyTimeout = busyTimeout
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        let location = Self.location(path, access)
        // Read-only at the connection only where the folder is: a read-only
        // connection would leave the WAL's files behind in a writable one.
        config.readonly = location != path
        config.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 32 MB of page cache: a busy tick touches instances all over a large table.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // Checkpoint every ~40 MB of WAL rather than every 4 MB: fewer fsyncs in a busy tick.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        if access != .create {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            guard let size else { throw StoreError.cannotOpen(path: path, reason: "no such file") }
            // An empty file left by a failed restore must not pass for a new database.
            if size == 0 { throw StoreError.notDuban(path: path, reason: "the file is empty") }
        }
        do {
            queue = try DatabaseQueue(path: location, configuration: config)
            // An up-to-date database is only read here, so an idle tick takes no write lock.
            let (applied, wal) = try queue.read { db -> ([String], Bool) in
                let tracked = try db.tableExists("grdb_migrations")
                let ids = tracked ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
                return (ids, try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            }
            let known = Self.migrator.migrations
            let unknown = applied.filter { !known.contains($0) }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown, known: known.last ?? "") }
            if applied.isEmpty && access != .create {
                let tables = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0 }
                throw StoreError.notDuban(path: path, reason: tables == 0 ? "it holds no tables" : "it holds other tables")
            }
            // (Read through `immutable`, the journal mode shows as the file's header has it.)
            if applied.count < known.count || (!wal && access != .readOnly) {
                guard access != .readOnly else {
                    throw StoreError.cannotOpen(path: path, reason: "its schema is older than this duban's; run a command that writes (e.g. 'duban tick') first")
                }
                try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
                try Self.migrator.migrate(queue)
            }
        } catch let error as DatabaseError {
            throw Self.storeError(error, path: path)
        }
    }

    /// The SQLite filename: read-only opening in a folder the user cannot
    /// write to uses `immutable`, as WAL mode would otherwise need to create
    /// its shared-memory file there.
    static func location(_ path: String, _ mode: Access) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        guard mode == .readOnly, !FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder) else { return path }
        let escaped = path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f").replacingOccurrences(of: "#", with: "%23")
        return "file:\(escaped)?immutable=1"
    }

    /// What SQLite said, in the store's words.
    static func storeError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_NOTADB: return .notDuban(path: path, reason: "it is not an SQLite database")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .cannotOpen(path: path, reason: error.message ?? "\(error)")
        default: return .sqlite(error.message ?? "\(error)")
        }
    }

    // The reader closes first: the writer's connection copies the WAL back
    // into the database file only when it is the last one open, so that the
    // file alone is complete after every run (a plain `cp` is a backup).
    deinit { beside.withLock { $0 = nil } }

    public func write<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try writeSession(body)
    }

    /// Runs `body`, SQLite's refusals told as store errors.
    func translating<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError { throw Self.storeError(error, path: path) }
    }

    func writeSession<T>(_ body: (SQLiteSession) throws -> T) throws -> T {
        try translating {
            try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    let session = SQLiteSession(db: db)
                    result = try body(session)
                    try session.flush()
                    return .commit
                }
                return result!
            }
        }
    }

    /// Copies the WAL back into the database file and empties it, as the last
    /// connection does when it closes.
    public func checkpoint() throws {
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    public func read<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try translating { try queue.read { db in try body(SQLiteSession(db: db)) } }
    }

    /// Reads the last committed state on a connection of its own, from any
    /// thread, while a write goes on on the main one.
    func readBeside<T>(_ body: (SQLiteSession) throws -> T) throws -> T {
        let reader = try beside.withLock { reader in
            if let reader { return reader }
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(busyTimeout)
            // Rows it reads are written next on the other connection, which caches them.
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -8192") }
            do {
                let opened = try DatabaseQueue(path: path, configuration: config)
                reader = opened
                return opened
            } catch let error as DatabaseError {
                throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
            }
        }
        return try reader.read { db in try body(SQLiteSession(db: db)) }
    }

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
        return m
    }
}
