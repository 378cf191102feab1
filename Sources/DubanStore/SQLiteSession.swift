import DubanEngine
import DubanModel
import GRDB

/// One transaction on the SQLite store. Statements are cached: a tick runs
/// the same few thousands of times.
struct SQLiteSession: StoreSession {
    let db: Database

    func statement(_ sql: String) throws -> Statement { try db.cachedStatement(sql: sql) }

    // MARK: Definitions

    func definitions() throws -> [StoredDefinition] {
        try Row.fetchAll(statement("SELECT * FROM definitions ORDER BY kind, name, version")).map { r in
            StoredDefinition(kind: DefinitionKind(rawValue: r["kind"]) ?? .workflow, name: r["name"], version: r["version"], hash: r["hash"],
                             path: r["path"], source: r["source"], deployedAt: Instant(seconds: r["deployed_at"]))
        }
    }

    func insert(_ d: StoredDefinition) throws {
        try statement("INSERT INTO definitions (kind, name, version, hash, path, source, deployed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [d.kind.rawValue, d.name, d.version, d.hash, d.path, d.source, d.deployedAt.seconds])
    }

    // MARK: Instances

    func nextInstanceNumber() throws -> Int {
        try statement("INSERT INTO counters (name, value) VALUES ('instance', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1").execute()
        return try Int.fetchOne(statement("SELECT value FROM counters WHERE name = 'instance'")) ?? 1
    }

    func instance(_ id: String) throws -> Instance? {
        guard let r = try Row.fetchOne(statement("SELECT * FROM instances WHERE id = ?"), arguments: [id]) else { return nil }
        var i = try decode(r)
        for t in try Row.fetchAll(statement("SELECT key, due FROM timers WHERE instance = ?"), arguments: [id]) {
            guard let key = TimerKey(t["key"]) else { throw StoreError.corrupt("timer key '\(t["key"] as String)' of \(id)") }
            i.timers[key] = Instant(seconds: t["due"])
        }
        return i
    }

    func decode(_ r: Row) throws -> Instance {
        let values: [String: Value]
        do { values = try ValueCoding.decode(r["values"]) } catch { throw StoreError.corrupt("values of instance \(r["id"] as String): \(error.message)") }
        var escalation: EscalationProgress?
        if let e: String = r["escalation"] {
            let parts = e.split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 4, let origin = Int64(parts[2]), let next = Int(parts[3]) else { throw StoreError.corrupt("escalation of \(r["id"] as String)") }
            escalation = EscalationProgress(policy: parts[0], unit: parts[1], origin: Instant(seconds: origin), next: next)
        }
        return Instance(id: r["id"], workflow: r["workflow"], version: r["version"], state: r["state"], values: values,
                        started: Instant(seconds: r["started"]), entered: Instant(seconds: r["entered"]), parent: r["parent"],
                        finished: r["finished"], escalation: escalation, children: r["children"])
    }

    func arguments(_ i: Instance) -> StatementArguments {
        let escalation = i.escalation.map { [$0.policy, $0.unit, String($0.origin.seconds), String($0.next)].joined(separator: "\u{1f}") }
        var unit: String?
        if case .unit(let u)? = i.values["unit"] { unit = u }
        return [i.workflow, i.version, i.state, ValueCoding.encode(i.values), i.started.seconds, i.entered.seconds, i.parent,
                i.finished, escalation, i.children, unit, i.id]
    }

    func insert(_ i: Instance) throws {
        try statement("""
            INSERT INTO instances (workflow, version, state, "values", started, entered, parent, finished, escalation, children, unit, id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: arguments(i))
    }

    func update(_ i: Instance) throws {
        try statement("""
            UPDATE instances SET workflow = ?, version = ?, state = ?, "values" = ?, started = ?, entered = ?, parent = ?,
              finished = ?, escalation = ?, children = ?, unit = ? WHERE id = ?
            """).execute(arguments: arguments(i))
    }

    func instances(_ f: InstanceFilter) throws -> [Instance] {
        var sql = "SELECT * FROM instances WHERE 1"
        var args: [(any DatabaseValueConvertible)?] = []
        if let w = f.workflow { sql += " AND workflow = ?"; args.append(w) }
        if let s = f.state { sql += " AND state = ?"; args.append(s) }
        if let u = f.unit { sql += " AND unit = ?"; args.append(u) }
        if let r = f.running { sql += " AND finished = ?"; args.append(!r) }
        sql += " ORDER BY started, id"
        if let l = f.limit { sql += " LIMIT \(l)" }
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(decode)
    }

    // MARK: Timers

    func dueTimers(at now: Instant, limit: Int) throws -> [DueTimer] {
        try Row.fetchAll(statement("SELECT instance, key, due FROM timers WHERE due <= ? ORDER BY due, instance, key LIMIT ?"), arguments: [now.seconds, limit])
            .map { r in
                guard let key = TimerKey(r["key"]) else { throw StoreError.corrupt("timer key '\(r["key"] as String)'") }
                return DueTimer(instance: r["instance"], key: key, due: Instant(seconds: r["due"]))
            }
    }

    func setTimer(_ instance: String, _ key: TimerKey, due: Instant) throws {
        try statement("INSERT INTO timers (instance, key, due) VALUES (?, ?, ?) ON CONFLICT (instance, key) DO UPDATE SET due = excluded.due")
            .execute(arguments: [instance, key.description, due.seconds])
    }

    func deleteTimer(_ instance: String, _ key: TimerKey) throws {
        try statement("DELETE FROM timers WHERE instance = ? AND key = ?").execute(arguments: [instance, key.description])
    }

    func nextDue() throws -> Instant? {
        try Int64.fetchOne(statement("SELECT due FROM timers ORDER BY due LIMIT 1")).map(Instant.init(seconds:))
    }

    // MARK: Audit

    func lastAudit() throws -> (seq: Int64, hash: String)? {
        guard let r = try Row.fetchOne(statement("SELECT seq, hash FROM audit_head WHERE id = 1")) else { return nil }
        return (r["seq"], r["hash"])
    }

    func insert(_ a: AuditRecord) throws {
        try statement("INSERT INTO events (seq, instance, time, recorded, actor, kind, detail, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [a.seq, a.instance, a.time.seconds, a.recorded.seconds, a.actor, a.kind, a.detail, a.previousHash, a.hash])
        try statement("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")
            .execute(arguments: [a.seq, a.hash])
    }

    func audit(_ r: Row) -> AuditRecord {
        AuditRecord(seq: r["seq"], instance: r["instance"], time: Instant(seconds: r["time"]), recorded: Instant(seconds: r["recorded"]),
                    actor: r["actor"], kind: r["kind"], detail: r["detail"], previousHash: r["previous_hash"], hash: r["hash"])
    }

    func auditRecords(after seq: Int64, limit: Int) throws -> [AuditRecord] {
        try Row.fetchAll(statement("SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?"), arguments: [seq, limit]).map(audit)
    }

    func auditRecords(instance: String) throws -> [AuditRecord] {
        try Row.fetchAll(statement("SELECT * FROM events WHERE instance = ? ORDER BY seq"), arguments: [instance]).map(audit)
    }

    // MARK: Outbox, ledger, documents

    func insert(_ m: OutboxMessage) throws {
        try statement("INSERT INTO outbox (key, instance, kind, unit, role, template, created) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [m.key, m.instance, m.kind, m.unit, m.role, m.template, m.created.seconds])
    }

    func outbox(pendingOnly: Bool) throws -> [OutboxMessage] {
        let sql = "SELECT * FROM outbox" + (pendingOnly ? " WHERE status = 'pending'" : "") + " ORDER BY id"
        return try Row.fetchAll(db, sql: sql).map { r in
            OutboxMessage(id: r["id"], key: r["key"], instance: r["instance"], kind: r["kind"], unit: r["unit"], role: r["role"],
                          template: r["template"], created: Instant(seconds: r["created"]), status: r["status"], attempts: r["attempts"])
        }
    }

    func insert(_ e: LedgerEntry, instance: String) throws {
        try statement("INSERT INTO ledger (unit, kind, time, clause, instance) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [e.unit, e.kind.rawValue, e.time.seconds, e.clause, instance])
    }

    func ledger(units: [String]) throws -> [LedgerEntry] {
        guard !units.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: units.count).joined(separator: ",")
        return try Row.fetchAll(db, sql: "SELECT unit, kind, time, clause FROM ledger WHERE unit IN (\(marks)) ORDER BY time", arguments: StatementArguments(units))
            .compactMap { r in
                LedgerKind(rawValue: r["kind"]).map { LedgerEntry(unit: r["unit"], kind: $0, time: Instant(seconds: r["time"]), clause: r["clause"]) }
            }
    }

    func nextDocumentNumber(kind: String, year: Int) throws -> Int {
        try statement("INSERT INTO sequences (kind, year, last) VALUES (?, ?, 1) ON CONFLICT (kind, year) DO UPDATE SET last = last + 1")
            .execute(arguments: [kind, year])
        return try Int.fetchOne(statement("SELECT last FROM sequences WHERE kind = ? AND year = ?"), arguments: [kind, year]) ?? 1
    }

    func insert(_ d: DocumentRecord) throws {
        try statement("INSERT INTO documents (kind, year, number, instance, to_unit, cc, created) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [d.kind, d.year, d.number, d.instance, d.to, d.cc.joined(separator: ","), d.created.seconds])
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

    func claimSlot(workflow: String, slot: Instant, instance: String) throws -> Bool {
        try statement("INSERT INTO schedule_slots (workflow, slot, instance) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
            .execute(arguments: [workflow, slot.seconds, instance])
        return db.changesCount == 1
    }

    func count(_ table: StoreTable) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.rawValue)") ?? 0
    }
}
