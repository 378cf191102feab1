import GRDBSQLite

/// Where a session's hot statements keep the text they bind, so SQLite can
/// take it as it is (`SQLITE_STATIC`) instead of copying it: a tick binds
/// about eighteen texts per transition, and SQLite's copy of each (a malloc,
/// a memcpy, a free when rebound) cost more than the rest of the binding.
///
/// The bytes stay put until the next statement starts binding (`clear`), so
/// a statement must be run, or stepped to its end, before the next begins;
/// every `SQLiteSession.raw` statement is. Text that does not fit is bound
/// with a copy as before.
final class BindArena {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var used = 0

    init(capacity: Int = 1 << 16) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit { base.deallocate() }

    func clear() { used = 0 }

    /// A copy of `bytes` that lasts until `clear`; nil when there is no room.
    func keep(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<UInt8>? {
        guard capacity - used >= bytes.count else { return nil }
        let start = base + used
        if let from = bytes.baseAddress { start.update(from: from, count: bytes.count) }
        used += bytes.count
        return UnsafePointer(start)
    }
}
