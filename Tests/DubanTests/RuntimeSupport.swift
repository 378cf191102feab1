import DubanLanguage
import DubanModel
import DubanRuntime
@testable import DubanStore
import Foundation
import Testing
import GRDB

/// A fresh database, removed at the end: an SQLite file in a temporary
/// folder, or a database of its own on the test run's PostgreSQL server.
final class TempDatabase {
    let dir: URL
    let kind: StoreKind
    /// The PostgreSQL database's name, when on PostgreSQL.
    private let pgName: String?
    /// The database file, or the PostgreSQL URL: what `--db` takes.
    var path: String {
        pgName.map { TestPostgres.url(database: $0) } ?? dir.appendingPathComponent("duban.sqlite").path
    }

    init(_ kind: StoreKind = .sqlite) throws {
        self.kind = kind
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("duban-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        pgName = kind == .postgres ? try TestPostgres.createDatabase() : nil
    }

    deinit {
        try? FileManager.default.removeItem(at: dir)
        if let pgName { TestPostgres.dropDatabase(pgName) }
    }

    func runtime(_ way: Batching.Way = .store) throws -> Runtime {
        let store = try StoreLocation(path).open(.create)
        switch way {
        case .store: return Runtime(store: store)
        case .plain: return Runtime(store: PlainBatches(base: store))
        }
    }

    /// Every row of every table, in order: equal digests mean nothing changed.
    func digest() throws -> String {
        if pgName != nil { return try TestPostgres.digest(path) }
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                out += "## \(table)\n"
                out += try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\($0)" }.sorted().joined(separator: "\n")
            }
            return SHA256.hex(out)
        }
    }

    func execute(_ sql: String) throws {
        if pgName != nil { return try PGConnection(url: path).execute(sql) }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
    }

    /// What an attacker with the database's password does first: drops the
    /// triggers that refuse edits and deletions of the audit trail.
    func dropAuditGuards() throws {
        try execute(kind == .postgres ? "DROP TRIGGER events_no_change ON events"
                                      : "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete")
    }

    func count(_ sql: String) throws -> Int {
        if pgName != nil { return Int(try PGConnection(url: path).query(sql, []).int64(0, 0)) }
        return try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }
}

/// The stores a test of the runtime runs on.
enum StoreKind: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// PostgreSQL when the run has a server ($DUBAN_TEST_POSTGRES; scripts/test starts one).
    static var available: [StoreKind] { TestPostgres.admin == nil ? [.sqlite] : allCases }
}

/// How a tick's batch is fired, on each store: by the store's own way
/// (SQLite: a worker thread, rows read beside the write; PostgreSQL: claimed
/// with SKIP LOCKED), or by the protocol's plain default.
struct Batching: Sendable, CustomTestStringConvertible {
    enum Way: Sendable { case store, plain }
    var store: StoreKind
    var way: Way
    static var allCases: [Batching] {
        StoreKind.available.flatMap { kind in [Batching(store: kind, way: .store), Batching(store: kind, way: .plain)] }
    }
    var testDescription: String { "\(store) \(way)" }
}

/// The store with the protocol's default `fireDueTimers`.
struct PlainBatches: Store {
    let base: any Store
    func write<T>(_ body: (any StoreSession) throws -> T) throws -> T { try base.write(body) }
    func read<T>(_ body: (any StoreSession) throws -> T) throws -> T { try base.read(body) }
    func access<T>(_ body: (any AccessSession) throws -> T) throws -> T { try base.access(body) }
    func readAccess<T>(_ body: (any AccessSession) throws -> T) throws -> T { try base.readAccess(body) }
    func maintain() throws { try base.maintain() }
}

/// The shipped workflows, the quickstart units and the runtime fixtures, as files.
func deployable() throws -> [SourceFile] {
    try sources([Paths.workflows, Paths.fixtures.appendingPathComponent("runtime")])
        + sources([Paths.root.appendingPathComponent("examples/quickstart")]).filter { $0.path.hasSuffix("units.yaml") }
}
