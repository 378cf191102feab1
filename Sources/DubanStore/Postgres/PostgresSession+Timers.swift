import DubanEngine
import DubanModel

/// Timers and the audit trail.
extension PostgresSession {
    // MARK: Timers

    func dueTimers(at now: Instant, limit: Int) throws -> [DueTimer] {
        try timers(try q("SELECT instance, key, due FROM timers WHERE due <= $1 ORDER BY due, ord, key LIMIT $2",
                               [String(now.seconds), String(limit)]))
    }

    /// The due timers of `instances`, in due order.
    func dueTimers(at now: Instant, of instances: [String]) throws -> [DueTimer] {
        try timers(try q("""
            SELECT instance, key, due FROM timers WHERE instance = ANY($1::text[]) AND due <= $2 ORDER BY due, ord, key
            """, [PGArray(instances).literal, String(now.seconds)]))
    }

    private func timers(_ r: PGResult) throws -> [DueTimer] {
        try (0..<r.count).map { i in
            guard let key = TimerKey(row: r.string(i, 1)) else {
                throw StoreError.corrupt("due timer '\(r.string(i, 1))' of instance \(r.string(i, 0))")
            }
            return DueTimer(instance: r.string(i, 0), key: key, due: Instant(seconds: r.int64(i, 2)))
        }
    }

    func setTimer(_ instance: String, _ key: TimerKey, due: Instant) throws {
        buffer.setTimer(instance, key, due: due)
    }

    func deleteTimer(_ instance: String, _ key: TimerKey) throws {
        buffer.deleteTimer(instance, key)
    }

    func nextDue() throws -> Instant? {
        try q("SELECT min(due) FROM timers", []).int(0, 0).map(Instant.init(seconds:))
    }

    func dueTimerCount(at now: Instant, limit: Int) throws -> Int {
        Int(try q("SELECT count(*) FROM (SELECT 1 FROM timers WHERE due <= $1 LIMIT $2) AS due",
                        [String(now.seconds), String(limit)]).int64(0, 0))
    }

    // MARK: Audit

    /// The head; in a write transaction its row is locked until the commit,
    /// so no other writer appends in between.
    func lastAudit() throws -> (seq: Int64, hash: String)? {
        if let pendingHead { return pendingHead }
        if let lockedHead { return lockedHead.seq > 0 ? lockedHead : nil }
        // The head row is none of the kept writes: no need to send them first.
        let r = try c.query("SELECT seq, hash FROM audit_head WHERE id = 1" + (writing ? " FOR UPDATE" : ""), [])
        let head = (seq: r.count == 1 ? r.int64(0, 0) : 0, hash: r.count == 1 ? r.string(0, 1) : "")
        if writing { lockedHead = head }
        return head.seq > 0 ? head : nil
    }

    func append(_ record: AuditRecord) throws {
        let a = try record.chained(after: try lastAudit())
        buffer.append(a)
        pendingHead = (a.seq, a.hash)
    }

    private static let auditColumns = "seq, instance, time, recorded, actor, kind, detail, previous_hash, hash"

    private func audit(_ r: PGResult) throws -> [AuditRecord] {
        try (0..<r.count).map { i in
            guard let kind = StepKind(rawValue: r.string(i, 5)) else { throw StoreError.corrupt("audit event \(r.string(i, 0)) of kind '\(r.string(i, 5))'") }
            return AuditRecord(seq: r.int64(i, 0), instance: r.text(i, 1), time: Instant(seconds: r.int64(i, 2)),
                               recorded: Instant(seconds: r.int64(i, 3)), actor: r.string(i, 4), kind: kind, detail: r.string(i, 6),
                               previousHash: r.string(i, 7), hash: r.string(i, 8))
        }
    }

    func auditRecords(after seq: Int64, limit: Int) throws -> [AuditRecord] {
        try audit(try q("SELECT \(Self.auditColumns) FROM events WHERE seq > $1 ORDER BY seq LIMIT $2", [String(seq), String(limit)]))
    }

    func auditRecords(instance: String) throws -> [AuditRecord] {
        try audit(try q("SELECT \(Self.auditColumns) FROM events WHERE instance = $1 ORDER BY seq", [instance]))
    }
}
