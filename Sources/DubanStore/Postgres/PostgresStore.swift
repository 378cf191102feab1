import DubanEngine
import DubanModel
import Synchronization

/// A PostgreSQL database, for offices that run several servers and tickers
/// on one database. Writers meet at the audit chain's head row: the first
/// append of a transaction locks it, so steps commit in the chain's order.
/// Due work is claimed with `SKIP LOCKED`, instance by instance, and every
/// instance a write reads is locked, so two processes never step one
/// instance at once. A deadlock or serialisation failure runs the whole
/// transaction again.
public final class PostgresStore: Store {
    /// The URL as given (with its password, if any: never printed).
    private let url: String
    /// host:port/database, for messages.
    public let server: String
    /// Idle connections; a transaction takes one no other holds.
    private let idle = Mutex<[PGConnection]>([])
    private let keptIdle: Int
    /// How often a transaction is tried when the server breaks a deadlock
    /// or a serialisation conflict by failing it.
    static let attempts = 5

    /// Whether `location` names a PostgreSQL database rather than a file.
    public static func isURL(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Connects and brings the schema up to date. `.create`: a database
    /// without Duban's tables is set up; otherwise it is refused.
    /// `.readOnly`: an older schema is refused rather than migrated.
    public init(url: String, access: StoreAccess = .create, connections: Int = 4) throws {
        self.url = url
        self.keptIdle = max(1, connections)
        let first = try PGConnection(url: url)
        server = first.database
        try Self.migrate(first, access: access, server: server)
        idle.withLock { $0 = [first] }
    }

    /// Applies the migrations not yet recorded, under a lock of their own, so
    /// that servers started together set the schema up once.
    private static func migrate(_ c: PGConnection, access: StoreAccess, server: String) throws {
        try c.execute("BEGIN")
        do {
            // A migration of a large database may take long: no statement timeout for it.
            try c.execute("SET LOCAL statement_timeout = 0")
            try c.query("SELECT pg_advisory_xact_lock($1)", [String(AdvisoryLock.migration.rawValue)])
            let tracked = try c.query("SELECT to_regclass('duban_migrations') IS NOT NULL", []).text(0, 0) == "t"
            var applied: [String] = []
            if tracked {
                let rows = try c.query("SELECT identifier FROM duban_migrations ORDER BY identifier", [])
                applied = (0..<rows.count).map { rows.string($0, 0) }
            } else {
                let tables = try c.query("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", []).int64(0, 0)
                if access != .create || tables > 0 {
                    throw StoreError.notDuban(path: server, reason: tables == 0 ? "it holds no tables" : "it holds other tables")
                }
                try c.execute("CREATE TABLE duban_migrations (identifier TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            }
            let known = migrations.map(\.id)
            let unknown = applied.filter { !known.contains($0) }
            if !unknown.isEmpty { throw StoreError.newerSchema(path: server, unknown: unknown, known: known.last ?? "") }
            if applied.count < known.count && !applied.isEmpty && access == .readOnly {
                throw StoreError.cannotOpen(path: server, reason: "its schema is older than this duban's; run a command that writes (e.g. 'duban tick') first")
            }
            for m in migrations where !applied.contains(m.id) {
                try c.execute(m.sql)
                try c.query("INSERT INTO duban_migrations (identifier) VALUES ($1)", [m.id])
            }
            try c.execute("COMMIT")
        } catch {
            try? c.execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` on a connection of its own, returned to the pool after.
    private func withConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        let c = try idle.withLock { $0.popLast() } ?? PGConnection(url: url)
        let result: T
        do { result = try body(c) } catch {
            if c.isUsable { idle.withLock { if $0.count < keptIdle { $0.append(c) } } }
            throw error
        }
        idle.withLock { if $0.count < keptIdle { $0.append(c) } }
        return result
    }

    /// One transaction, tried again from the start when the server fails it
    /// to break a deadlock or a serialisation conflict.
    func transaction<T>(readOnly: Bool = false, _ body: (PGConnection) throws -> T) throws -> T {
        try withConnection { c in
            var attempt = 1
            while true {
                do {
                    try c.execute(readOnly ? "BEGIN READ ONLY" : "BEGIN")
                    let result = try body(c)
                    try c.drain()
                    try c.execute("COMMIT")
                    return result
                } catch let error as StoreError {
                    try? c.drain()
                    try? c.execute("ROLLBACK")
                    try? c.releaseLocks()
                    guard case .conflict = error, attempt < Self.attempts else { throw error }
                    attempt += 1
                }
            }
        }
    }

    /// A write transaction: what the session keeps is sent before the commit.
    func writeSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try transaction { c in
            let session = PostgresSession(c, writing: true)
            let result = try body(session)
            try session.flush()
            return result
        }
    }

    public func write<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try writeSession(body)
    }

    public func read<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try transaction(readOnly: true) { c in try body(PostgresSession(c, writing: false)) }
    }

    public func access<T>(_ body: (any AccessSession) throws -> T) throws -> T {
        try writeSession(body)
    }

    public func readAccess<T>(_ body: (any AccessSession) throws -> T) throws -> T {
        try transaction(readOnly: true) { c in try body(PostgresSession(c, writing: false)) }
    }

    /// PostgreSQL keeps itself (autovacuum): nothing to do between work.
    public func maintain() throws {}
}
