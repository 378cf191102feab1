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
    /// Idle read-only connections, when the store was opened with readers
    /// (a server): each read takes one that no other read holds, so reads
    /// go on side by side and beside a tick's writes, as WAL allows,
    /// instead of waiting for them or for each other.
    private let readers = Mutex<[DatabaseQueue]>([])
    /// How many idle readers are kept (more are opened while reads crowd in).
    private let keptReaders: Int
    private let busyTimeout: Double

    /// Set once per process, before the first connection.
    private static let configured: Void = { _ = duban_sqlite_configure() }()

    public typealias Access = StoreAccess

    /// The connection `maintain` checkpoints on, when writes leave it to that.
    private let checkpointer = Mutex<DatabaseQueue?>(nil)
    private let checkpointsApart: Bool

    /// `readers`: connections for concurrent reads (0: reads share the
    /// writer's). With readers (a server), the WAL is copied back by
    /// `maintain`, not by whichever write happens to fill it.
    public init(path: String, access: Access = .create, busyTimeout: Double = 30, readers: Int = 0) throws {
        Self.configured
        self.path = path
        self.busyTimeout = busyTimeout
        self.keptReaders = access == .readOnly ? 0 : readers
        let checkpointsApart = access != .readOnly && readers > 0
        self.checkpointsApart = checkpointsApart
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
            // A server checkpoints apart (`maintain`): a unit's event would otherwise wait for the fsyncs.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(checkpointsApart ? 0 : 10000)")
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
        if keptReaders > 0 {
            let opened = try (0..<keptReaders).map { _ in try readOnlyConnection() }
            self.readers.withLock { $0 = opened }
        }
    }

    /// A connection that only reads the last committed state.
    private func readOnlyConnection(cacheKB: Int = 8192) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(cacheKB)") }
        do {
            return try DatabaseQueue(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
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
        default: return .refused(error.message ?? "\(error)")
        }
    }

    // The reader closes first: the writer's connection copies the WAL back
    // into the database file only when it is the last one open, so that the
    // file alone is complete after every run (a plain `cp` is a backup).
    deinit {
        beside.withLock { $0 = nil }
        readers.withLock { $0 = [] }
        checkpointer.withLock { $0 = nil }
    }

    /// Copies what the WAL holds back into the database file, on a
    /// connection of its own and without taking the write lock (a PASSIVE
    /// checkpoint), so writes go on meanwhile. Only for a store whose
    /// writes leave checkpoints to it; otherwise nothing.
    public func maintain() throws {
        guard checkpointsApart else { return }
        try translating {
            let connection = try checkpointer.withLock { c in
                if let c { return c }
                var config = Configuration()
                config.busyMode = .timeout(busyTimeout)
                let opened = try DatabaseQueue(path: path, configuration: config)
                c = opened
                return opened
            }
            try connection.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
        }
    }

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
        guard keptReaders > 0 else { return try translating { try queue.read { db in try body(SQLiteSession(db: db)) } } }
        let reader = try readers.withLock { $0.popLast() } ?? readOnlyConnection()
        defer { readers.withLock { if $0.count < keptReaders { $0.append(reader) } } }
        return try translating { try reader.read { db in try body(SQLiteSession(db: db)) } }
    }

    public func access<T>(_ body: (any AccessSession) throws -> T) throws -> T {
        try writeSession(body)
    }

    public func readAccess<T>(_ body: (any AccessSession) throws -> T) throws -> T {
        try read { try body($0 as! SQLiteSession) }
    }

    /// Reads the last committed state on a connection of its own, from any
    /// thread, while a write goes on on the main one.
    func readBeside<T>(_ body: (SQLiteSession) throws -> T) throws -> T {
        let reader = try beside.withLock { reader in
            if let reader { return reader }
            // Rows it reads are written next on the other connection, which caches them: a small cache.
            let opened = try readOnlyConnection()
            reader = opened
            return opened
        }
        return try reader.read { db in try body(SQLiteSession(db: db)) }
    }
}
