import DubanEngine
import DubanModel

extension PostgresStore {
    /// A tick's batch. Due timers are claimed by their instances: the
    /// instances of the earliest due timers are locked with `SKIP LOCKED`, so
    /// several tickers take different instances, and all the due timers of
    /// an instance are fired by the one that holds it, in due order. When
    /// another process holds a whole window of due instances, the next window
    /// is tried.
    ///
    /// Every batch appends to the trail, so batches run one at a time, in
    /// turn for the audit head. One ticker may claim and read its batch while
    /// another's runs, and only one (the claim lock, held until the head is):
    /// a third would do no more than look past the two batches held, window
    /// by window, on cores the running batch needs.
    public func fireDueTimers<T>(at now: Instant, limit: Int, _ body: @escaping (any TimerBatch) throws -> T) throws -> T {
        try writeSession { session in
            let (rows, due) = try session.c.holding(.claim) {
                let rows = try session.claimDueInstances(at: now, limit: limit)
                let due = try session.dueTimers(at: now, of: Array(rows.keys))
                // The head now rather than at the first step: the ledger is then read once for the batch.
                if !due.isEmpty { _ = try session.lastAudit() }
                return (rows, due)
            }
            let batch = ClaimedTimers(session: session, due: due) { position in
                let id = due[position].instance
                // Written earlier in this batch (a second timer, a parent): read it as it stands now.
                if session.written.contains(id) { return try session.instance(id) }
                return try rows[id]?.decoded()
            }
            return try body(batch)
        }
    }

    /// Windows of due instances a batch looks through for some not held by another process.
    static let windows = 8
}

extension PostgresSession {
    /// The instances of the earliest due timers that no other transaction holds, locked.
    func claimDueInstances(at now: Instant, limit: Int) throws -> [String: StoredInstance] {
        var rows: [String: StoredInstance] = [:]
        for window in 0..<PostgresStore.windows {
            let candidates = try dueInstances(at: now, limit: limit, offset: window * limit)
            guard !candidates.isEmpty else { break }
            rows = try storedInstances(ids: candidates, skipLocked: true)
            // Not locked: held by another process, or gone. A timer of a gone instance stops the tick.
            let skipped = candidates.filter { rows[$0] == nil }
            if let gone = try missingInstances(skipped).first {
                let timer = try dueTimers(at: now, of: [gone]).first
                throw StoreError.timerWithoutInstance(instance: gone, timer: timer?.key.description ?? "?")
            }
            if !rows.isEmpty || candidates.count < limit { break }
        }
        return rows
    }

    /// Those of `ids` that no instance row has, in the order given.
    func missingInstances(_ ids: [String]) throws -> [String] {
        guard !ids.isEmpty else { return [] }
        let r = try q("SELECT id FROM instances WHERE id = ANY($1::text[])", [PGArray(ids).literal])
        let held = Set((0..<r.count).map { r.string($0, 0) })
        return ids.filter { !held.contains($0) }
    }

    /// The instances of the earliest due timers, each once, in due order.
    func dueInstances(at now: Instant, limit: Int, offset: Int) throws -> [String] {
        let r = try q("SELECT instance FROM timers WHERE due <= $1 ORDER BY due, ord, key LIMIT $2 OFFSET $3",
                            [String(now.seconds), String(limit), String(offset)])
        var seen = Set<String>()
        return (0..<r.count).map { r.string($0, 0) }.filter { seen.insert($0).inserted }
    }
}
