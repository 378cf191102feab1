import DubanEngine
import DubanModel

/// The outbox, the ledger, numbered documents, schedules and integrity.
extension PostgresSession {
    // MARK: Outbox

    func insert(_ m: OutboxMessage) throws {
        buffer.insert(m)
    }

    private static let outboxColumns = "id, key, instance, kind, unit, role, template, created, status, attempts, next_attempt, last_error, sent_at"

    private func messages(_ r: PGResult) throws -> [OutboxMessage] {
        try (0..<r.count).map { i in
            guard let kind = MessageKind(rawValue: r.string(i, 3)), let status = DeliveryStatus(rawValue: r.string(i, 8)) else {
                throw StoreError.corrupt("outbox message \(r.string(i, 0)) of kind '\(r.string(i, 3))', status '\(r.string(i, 8))'")
            }
            return OutboxMessage(id: r.int64(i, 0), key: r.string(i, 1), instance: r.string(i, 2), kind: kind, unit: r.string(i, 4),
                                 role: r.string(i, 5), template: r.string(i, 6), created: Instant(seconds: r.int64(i, 7)), status: status,
                                 attempts: Int(r.int64(i, 9)), nextAttempt: r.int(i, 10).map(Instant.init(seconds:)), lastError: r.text(i, 11),
                                 sentAt: r.int(i, 12).map(Instant.init(seconds:)))
        }
    }

    func outbox(pendingOnly: Bool) throws -> [OutboxMessage] {
        try messages(try q("SELECT \(Self.outboxColumns) FROM outbox" + (pendingOnly ? " WHERE status = 'pending'" : "") + " ORDER BY id", []))
    }

    func messageCounts(kind: MessageKind) throws -> [String: Int] {
        let r = try q("SELECT unit, count(*) FROM outbox WHERE kind = $1 GROUP BY unit", [kind.rawValue])
        return Dictionary(uniqueKeysWithValues: (0..<r.count).map { (r.string($0, 0), Int(r.int64($0, 1))) })
    }

    func messageCounts() throws -> [DeliveryStatus: Int] {
        let r = try q("SELECT status, count(*) FROM outbox GROUP BY status", [])
        return Dictionary(uniqueKeysWithValues: try (0..<r.count).map { i in
            guard let status = DeliveryStatus(rawValue: r.string(i, 0)) else { throw StoreError.corrupt("outbox status '\(r.string(i, 0))'") }
            return (status, Int(r.int64(i, 1)))
        })
    }

    func outboxMessage(_ id: Int64) throws -> OutboxMessage? {
        try messages(try q("SELECT \(Self.outboxColumns) FROM outbox WHERE id = $1", [String(id)])).first
    }

    func claimMessage(at now: Instant, until: Instant) throws -> OutboxMessage? {
        // SKIP LOCKED: a sender never waits for a message another is claiming.
        try messages(try q("""
            UPDATE outbox SET lease_until = $1 WHERE id = (
                SELECT id FROM outbox WHERE status = 'pending' AND (next_attempt IS NULL OR next_attempt <= $2)
                    AND (lease_until IS NULL OR lease_until <= $2)
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING \(Self.outboxColumns)
            """, [String(until.seconds), String(now.seconds)])).first
    }

    func deliveredChannels(outbox: Int64) throws -> Set<String> {
        let r = try q("SELECT channel FROM deliveries WHERE outbox = $1", [String(outbox)])
        return Set((0..<r.count).map { r.string($0, 0) })
    }

    func recordDelivery(outbox: Int64, channel: String, at: Instant) throws {
        try q("INSERT INTO deliveries (outbox, channel, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    [String(outbox), channel, String(at.seconds)])
    }

    func updateDelivery(_ m: OutboxMessage) throws {
        try q("""
            UPDATE outbox SET status = $1, attempts = $2, next_attempt = $3, last_error = $4, sent_at = $5, lease_until = NULL WHERE id = $6
            """, [m.status.rawValue, String(m.attempts), m.nextAttempt.map { String($0.seconds) }, m.lastError, m.sentAt.map { String($0.seconds) },
                  String(m.id)])
    }

    // MARK: Ledger and documents

    func insert(_ e: LedgerEntry, instance: String) throws {
        buffer.insert(e, instance: instance)
        ledgers.add(e)
    }

    /// In time order, ties in the order written, as SQLite gives them.
    func ledger(units: [String]) throws -> [LedgerEntry] {
        guard !units.isEmpty else { return [] }
        // Kept for the transaction only while it holds the head, when nobody else can add to it.
        guard lockedHead != nil || pendingHead != nil else { return try readLedger(units).map(\.entry) }
        return try ledgers.entries(units, read: readLedger)
    }

    /// Entries with their row ids, the order of ties.
    private func readLedger(_ units: [String]) throws -> [(entry: LedgerEntry, order: Int64)] {
        let r = try q("SELECT unit, kind, time, clause, id FROM ledger WHERE unit = ANY($1::text[]) ORDER BY time, id", [PGArray(units).literal])
        return (0..<r.count).compactMap { i in
            LedgerKind(rawValue: r.string(i, 1)).map {
                (LedgerEntry(unit: r.string(i, 0), kind: $0, time: Instant(seconds: r.int64(i, 2)), clause: r.text(i, 3)), r.int64(i, 4))
            }
        }
    }

    func nextDocumentNumber(kind: String, year: Int) throws -> Int {
        // The row stays locked to the commit: numbers are gap-free per kind and year.
        Int(try c.query("""
            INSERT INTO sequences (kind, year, last) VALUES ($1, $2, 1)
            ON CONFLICT (kind, year) DO UPDATE SET last = sequences.last + 1 RETURNING last
            """, [kind, String(year)]).int64(0, 0))
    }

    func insert(_ d: DocumentRecord) throws {
        try c.send("""
            INSERT INTO documents (kind, year, number, instance, unit, to_unit, cc, created, title, content)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """, [d.kind, String(d.year), String(d.number), d.instance, d.unit, d.to, d.cc.joined(separator: ","), String(d.created.seconds),
                  d.title, d.content])
    }

    func documents(_ f: DocumentFilter) throws -> [DocumentRecord] {
        var sql = "SELECT id, kind, year, number, instance, unit, to_unit, cc, created, title, content FROM documents WHERE true"
        var params: [String?] = []
        if let k = f.kind { params.append(k); sql += " AND kind = $\(params.count)" }
        if let u = f.unit { params.append(u); sql += " AND (unit = $\(params.count) OR to_unit = $\(params.count))" }
        if let i = f.instance { params.append(i); sql += " AND instance = $\(params.count)" }
        let r = try q(sql + " ORDER BY created, id", params)
        return (0..<r.count).map { i in
            let cc = r.string(i, 7)
            return DocumentRecord(id: r.int64(i, 0), kind: r.string(i, 1), year: Int(r.int64(i, 2)), number: Int(r.int64(i, 3)),
                                  instance: r.string(i, 4), unit: r.text(i, 5), to: r.text(i, 6),
                                  cc: cc.isEmpty ? [] : cc.split(separator: ",").map(String.init), created: Instant(seconds: r.int64(i, 8)),
                                  title: r.string(i, 9), content: r.string(i, 10))
        }
    }

    // MARK: Schedules

    func schedules() throws -> [ScheduleState] {
        let r = try q("SELECT workflow, next_slot FROM schedules ORDER BY workflow", [])
        return (0..<r.count).map { ScheduleState(workflow: r.string($0, 0), nextSlot: Instant(seconds: r.int64($0, 1))) }
    }

    func upsert(_ s: ScheduleState) throws {
        try c.send("INSERT INTO schedules (workflow, next_slot) VALUES ($1, $2) ON CONFLICT (workflow) DO UPDATE SET next_slot = excluded.next_slot",
                   [s.workflow, String(s.nextSlot.seconds)])
    }

    func deleteSchedule(workflow: String) throws {
        try c.send("DELETE FROM schedules WHERE workflow = $1", [workflow])
    }

    func claimSlot(workflow: String, slot: Instant) throws -> Int? {
        // A second process claiming the same slot waits on this row, then finds it taken.
        let claimed = try q("INSERT INTO schedule_slots (workflow, slot, instance) VALUES ($1, $2, '') ON CONFLICT DO NOTHING RETURNING slot",
                                  [workflow, String(slot.seconds)])
        guard claimed.count == 1 else { return nil }
        let number = try nextInstanceNumber()
        try c.send("UPDATE schedule_slots SET instance = $3 WHERE workflow = $1 AND slot = $2", [workflow, String(slot.seconds), String(number)])
        return number
    }

    // MARK: Integrity

    func orphans() throws -> [Orphan] {
        let r = try q("""
            SELECT 'timer' AS kind, key AS name, instance FROM timers WHERE instance NOT IN (SELECT id FROM instances)
            UNION ALL SELECT 'message', id::text, instance FROM outbox WHERE instance NOT IN (SELECT id FROM instances)
            UNION ALL SELECT 'document', kind || ' ' || year || '-' || number, instance FROM documents
                WHERE instance NOT IN (SELECT id FROM instances)
            """, [])
        return (0..<r.count).compactMap { i in
            Orphan.Kind(rawValue: r.string(i, 0)).map { Orphan(kind: $0, name: r.string(i, 1), instance: r.string(i, 2)) }
        }
    }
}
