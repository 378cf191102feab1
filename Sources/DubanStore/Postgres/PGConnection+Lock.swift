/// The advisory locks Duban takes, one key each, so that no two uses meet.
enum AdvisoryLock: Int64 {
    /// Held by a transaction applying migrations: servers started together migrate once.
    case migration = 4242
    /// A tick's claim, held from the claim until the audit head is locked.
    case claim = 4243
}

extension PGConnection {
    /// Runs `body` holding `lock` at the session level, waiting for it, and
    /// lets it go as `body` returns, inside the transaction: unlike a
    /// transaction's lock, it need not wait for the commit. If `body` throws,
    /// it is let go when the transaction ends (`releaseLocks()`), or with the
    /// connection.
    func holding<T>(_ lock: AdvisoryLock, _ body: () throws -> T) throws -> T {
        try query("SELECT pg_advisory_lock($1)", [String(lock.rawValue)])
        heldLocks += 1
        let result = try body()
        try query("SELECT pg_advisory_unlock($1)", [String(lock.rawValue)])
        heldLocks -= 1
        return result
    }

    /// After a rollback: session locks a failed `holding` left.
    func releaseLocks() throws {
        guard heldLocks > 0 else { return }
        try query("SELECT pg_advisory_unlock_all()", [])
        heldLocks = 0
    }
}
