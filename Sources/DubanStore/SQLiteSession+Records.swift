import DubanEngine
import DubanModel
import GRDB

/// The outbox, the ledger, numbered documents and schedules.
extension SQLiteSession {
    // MARK: Outbox, ledger, documents

    func insert(_ m: OutboxMessage) throws {
        let q = try raw("INSERT INTO outbox (key, instance, kind, unit, role, template, created, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        q.bind(1, m.key)
        q.bind(2, m.instance)
        q.bind(3, m.kind.rawValue)
        q.bind(4, m.unit)
        q.bind(5, m.role)
        q.bind(6, m.template)
        q.bind(7, m.created.seconds)
        q.bind(8, m.nextAttempt?.seconds)
        try q.run()
    }

    func outbox(pendingOnly: Bool) throws -> [OutboxMessage] {
        let sql = "SELECT * FROM outbox" + (pendingOnly ? " WHERE status = 'pending'" : "") + " ORDER BY id"
        return try Row.fetchAll(db, sql: sql).map(Self.outboxMessage)
    }

    func messageCounts(kind: MessageKind) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT unit, count(*) FROM outbox WHERE kind = ? GROUP BY unit", arguments: [kind.rawValue]) {
            counts[r[0]] = r[1]
        }
        return counts
    }

    func messageCounts() throws -> [DeliveryStatus: Int] {
        var counts: [DeliveryStatus: Int] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM outbox GROUP BY status") {
            counts[try r.decode("status")] = r["n"]
        }
        return counts
    }

    func outboxMessage(_ id: Int64) throws -> OutboxMessage? {
        try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(Self.outboxMessage)
    }

    func claimMessage(at now: Instant, until: Instant) throws -> OutboxMessage? {
        try Row.fetchOne(db, sql: """
            UPDATE outbox SET lease_until = ? WHERE id = (
                SELECT id FROM outbox WHERE status = 'pending' AND (next_attempt IS NULL OR next_attempt <= ?)
                    AND (lease_until IS NULL OR lease_until <= ?)
                ORDER BY id LIMIT 1)
            RETURNING *
            """, arguments: [until.seconds, now.seconds, now.seconds]).map(Self.outboxMessage)
    }

    static func outboxMessage(_ r: Row) throws -> OutboxMessage {
        OutboxMessage(id: r["id"], key: r["key"], instance: r["instance"], kind: try r.decode("kind"), unit: r["unit"], role: r["role"],
                      template: r["template"], created: Instant(seconds: r["created"]), status: try r.decode("status"), attempts: r["attempts"],
                      nextAttempt: (r["next_attempt"] as Int64?).map(Instant.init(seconds:)), lastError: r["last_error"],
                      sentAt: (r["sent_at"] as Int64?).map(Instant.init(seconds:)))
    }

    func deliveredChannels(outbox: Int64) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT channel FROM deliveries WHERE outbox = ?", arguments: [outbox]))
    }

    func recordDelivery(outbox: Int64, channel: String, at: Instant) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO deliveries (outbox, channel, sent_at) VALUES (?, ?, ?)", arguments: [outbox, channel, at.seconds])
    }

    func updateDelivery(_ m: OutboxMessage) throws {
        try db.execute(sql: "UPDATE outbox SET status = ?, attempts = ?, next_attempt = ?, last_error = ?, sent_at = ?, lease_until = NULL WHERE id = ?",
                       arguments: [m.status.rawValue, m.attempts, m.nextAttempt?.seconds, m.lastError, m.sentAt?.seconds, m.id])
    }

    func insert(_ e: LedgerEntry, instance: String) throws {
        let q = try raw("INSERT INTO ledger (unit, kind, time, clause, instance) VALUES (?, ?, ?, ?, ?)")
        q.bind(1, e.unit)
        q.bind(2, e.kind.rawValue)
        q.bind(3, e.time.seconds)
        q.bind(4, e.clause)
        q.bind(5, instance)
        try q.run()
    }

    func ledger(units: [String]) throws -> [LedgerEntry] {
        try ledgerRows(units: units).map(\.entry)
    }

    /// In time order, ties in the order written, with their row ids.
    func ledgerRows(units: [String]) throws -> [(entry: LedgerEntry, order: Int64)] {
        guard !units.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: units.count).joined(separator: ",")
        let sql = "SELECT unit, kind, time, clause, id FROM ledger WHERE unit IN (\(marks)) ORDER BY time, id"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(units)).compactMap { r in
            LedgerKind(rawValue: r["kind"]).map { (LedgerEntry(unit: r["unit"], kind: $0, time: Instant(seconds: r["time"]), clause: r["clause"]), r["id"]) }
        }
    }

    func nextDocumentNumber(kind: String, year: Int) throws -> Int {
        try statement("INSERT INTO sequences (kind, year, last) VALUES (?, ?, 1) ON CONFLICT (kind, year) DO UPDATE SET last = last + 1")
            .execute(arguments: [kind, year])
        return try Int.fetchOne(statement("SELECT last FROM sequences WHERE kind = ? AND year = ?"), arguments: [kind, year]) ?? 1
    }

    func insert(_ d: DocumentRecord) throws {
        try statement("INSERT INTO documents (kind, year, number, instance, unit, to_unit, cc, created, title, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [d.kind, d.year, d.number, d.instance, d.unit, d.to, d.cc.joined(separator: ","), d.created.seconds, d.title, d.content])
    }

    func documents(_ f: DocumentFilter) throws -> [DocumentRecord] {
        var sql = "SELECT * FROM documents WHERE 1"
        var args: [(any DatabaseValueConvertible)?] = []
        if let k = f.kind { sql += " AND kind = ?"; args.append(k) }
        if let u = f.unit { sql += " AND (unit = ? OR to_unit = ?)"; args.append(u); args.append(u) }
        if let i = f.instance { sql += " AND instance = ?"; args.append(i) }
        sql += " ORDER BY created, id"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { r in
            let cc: String = r["cc"]
            return DocumentRecord(id: r["id"], kind: r["kind"], year: r["year"], number: r["number"], instance: r["instance"], unit: r["unit"],
                                  to: r["to_unit"], cc: cc.isEmpty ? [] : cc.split(separator: ",").map(String.init),
                                  created: Instant(seconds: r["created"]), title: r["title"], content: r["content"])
        }
    }

    // MARK: Schedules

    func schedules() throws -> [ScheduleState] {
        try Row.fetchAll(statement("SELECT workflow, next_slot FROM schedules ORDER BY workflow")).map {
            ScheduleState(workflow: $0["workflow"], nextSlot: Instant(seconds: $0["next_slot"]))
        }
    }

    func upsert(_ s: ScheduleState) throws {
        try statement("INSERT INTO schedules (workflow, next_slot) VALUES (?, ?) ON CONFLICT (workflow) DO UPDATE SET next_slot = excluded.next_slot")
            .execute(arguments: [s.workflow, s.nextSlot.seconds])
    }

    func deleteSchedule(workflow: String) throws {
        try statement("DELETE FROM schedules WHERE workflow = ?").execute(arguments: [workflow])
    }

    func claimSlot(workflow: String, slot: Instant) throws -> Int? {
        // The transaction holds the write lock: nothing claims it in between.
        let taken = try Bool.fetchOne(statement("SELECT EXISTS (SELECT 1 FROM schedule_slots WHERE workflow = ? AND slot = ?)"),
                                      arguments: [workflow, slot.seconds]) ?? false
        guard !taken else { return nil }
        let number = try nextInstanceNumber()
        try statement("INSERT INTO schedule_slots (workflow, slot, instance) VALUES (?, ?, ?)").execute(arguments: [workflow, slot.seconds, String(number)])
        return number
    }

    func dueTimerCount(at now: Instant, limit: Int) throws -> Int {
        try Int.fetchOne(statement("SELECT count(*) FROM (SELECT 1 FROM timers WHERE due <= ? LIMIT ?)"), arguments: [now.seconds, limit]) ?? 0
    }

    // MARK: Integrity

    func orphans() throws -> [Orphan] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT 'timer' AS kind, key AS name, instance FROM timers WHERE instance NOT IN (SELECT id FROM instances)
            UNION ALL SELECT 'message', CAST(id AS TEXT), instance FROM outbox WHERE instance NOT IN (SELECT CAST(id AS TEXT) FROM instances)
            UNION ALL SELECT 'document', kind || ' ' || year || '-' || number, instance FROM documents
                WHERE instance NOT IN (SELECT CAST(id AS TEXT) FROM instances)
            """)
        return try rows.map { r in Orphan(kind: try r.decode("kind"), name: r["name"], instance: InstanceKey.id(r["instance"]) ?? "") }
    }
}
