import GRDB
import GRDBSQLite

/// A cached GRDB statement driven through the SQLite C API, for the few
/// statements a tick runs per transition: GRDB's argument and row objects
/// cost more than the query itself there.
struct RawStatement {
    /// Held so GRDB does not finalize the statement under us.
    let statement: Statement
    let handle: OpaquePointer
    let db: Database
    /// Where bound text is kept without SQLite's copy; nil to let SQLite copy it.
    let arena: BindArena?

    init(_ statement: Statement, _ db: Database, arena: BindArena? = nil) {
        self.statement = statement
        handle = statement.sqliteStatement
        self.db = db
        self.arena = arena
        arena?.clear()
        // Every user binds every parameter, so old bindings need no clearing.
        sqlite3_reset(handle)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// SQLITE_STATIC: SQLite reads the bytes where they are.
    private static let noCopy = unsafeBitCast(0, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        // Straight from the string's bytes: passing a String as a C string
        // copies a short one (most ids, states and kinds) to the heap first.
        let bound = value.utf8.withContiguousStorageIfAvailable { bytes in
            if let kept = arena?.keep(bytes) { return sqlite3_bind_text(handle, index, kept, Int32(bytes.count), Self.noCopy) }
            return sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
        if bound == nil { sqlite3_bind_text(handle, index, value, -1, Self.transient) }
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, value)
    }
    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }
    func bind(_ index: Int32, _ value: Bool) { sqlite3_bind_int64(handle, index, value ? 1 : 0) }

    /// Steps once: true when a row is available.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw StoreError.refused(message)
        }
    }

    /// Ends a read: an un-reset statement keeps its snapshot open, hiding
    /// later commits from this connection and holding back WAL checkpoints.
    func reset() { sqlite3_reset(handle) }

    /// Runs a statement that returns no rows.
    func run() throws {
        _ = try step()
        sqlite3_reset(handle)
    }

    func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: p)
    }

    /// What `body` makes of a text column's bytes (valid only inside it); nil when NULL.
    func withText<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard let p = sqlite3_column_text(handle, column) else { return nil }
        return body(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, column))))
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
}
