import DubanLanguage
import DubanModel
import DubanRuntime
import DubanStore
import Foundation
import GRDB

/// A fresh database in a temporary folder, removed at the end.
final class TempDatabase {
    let dir: URL
    var path: String { dir.appendingPathComponent("duban.sqlite").path }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("duban-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func runtime(_ batching: Batching = .store) throws -> Runtime {
        let store = try SQLiteStore(path: path)
        switch batching {
        case .store: return Runtime(store: store)
        case .plain: return Runtime(store: PlainBatches(base: store))
        }
    }

    /// Every row of every table, in order: equal digests mean nothing changed.
    func digest() throws -> String {
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
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
    }

    func count(_ sql: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }
}

/// The shipped workflows, the quickstart units and the runtime fixtures, as files.
func deployable() throws -> [SourceFile] {
    try sources([Paths.workflows, Paths.fixtures.appendingPathComponent("runtime")])
        + sources([Paths.root.appendingPathComponent("examples/quickstart")]).filter { $0.path.hasSuffix("units.yaml") }
}

/// How a tick's batch is fired: by the SQLite store's own way (a worker
/// thread, rows read beside the write), or by the protocol's plain default.
enum Batching: CaseIterable, Sendable {
    case store, plain
}

/// The SQLite store with the protocol's default `fireDueTimers`.
struct PlainBatches: Store {
    let base: SQLiteStore
    func write<T>(_ body: (any StoreSession) throws -> T) throws -> T { try base.write(body) }
    func read<T>(_ body: (any StoreSession) throws -> T) throws -> T { try base.read(body) }
    func access<T>(_ body: (any AccessSession) throws -> T) throws -> T { try base.access(body) }
    func readAccess<T>(_ body: (any AccessSession) throws -> T) throws -> T { try base.readAccess(body) }
    func maintain() throws { try base.maintain() }
}
