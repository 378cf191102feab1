import DubanEngine
import DubanModel
import GRDB

/// One transaction on the SQLite store. Statements are cached: a tick runs
/// the same few thousands of times.
final class SQLiteSession: StoreSession {
    let db: Database
    /// The audit chain's head, written once when the transaction ends.
    var pendingHead: (seq: Int64, hash: String)?

    init(db: Database) { self.db = db }

    func flush() throws {
        guard let head = pendingHead else { return }
        try statement("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")
            .execute(arguments: [head.seq, head.hash])
        pendingHead = nil
    }

    func statement(_ sql: String) throws -> Statement { try db.cachedStatement(sql: sql) }

    /// The statements a tick runs per transition, found by the address of
    /// their literal: comparing one pointer each beats hashing the SQL text.
    private var hot: [(sql: UnsafeRawPointer, statement: Statement)] = []
    /// The hot statements' bound text (see `BindArena`: each is run, or
    /// stepped to its end, before the next is bound).
    private let arena = BindArena()

    func raw(_ sql: StaticString) throws -> RawStatement {
        let key = UnsafeRawPointer(sql.utf8Start)
        for entry in hot where entry.sql == key { return RawStatement(entry.statement, db, arena: arena) }
        let statement = try db.cachedStatement(sql: sql.description)
        hot.append((key, statement))
        return RawStatement(statement, db, arena: arena)
    }

    // MARK: Definitions

    func definitions() throws -> [StoredDefinition] {
        try Row.fetchAll(statement("SELECT * FROM definitions ORDER BY kind, name, version")).map { r in
            StoredDefinition(kind: DefinitionKind(rawValue: r["kind"]) ?? .workflow, name: r["name"], version: r["version"], hash: r["hash"],
                             path: r["path"], source: r["source"], deployedAt: Instant(seconds: r["deployed_at"]))
        }
    }

    func definitionsVersion() throws -> String {
        // Definitions are only ever added (every version is kept).
        try String.fetchOne(statement("SELECT count(*) || ':' || coalesce(max(deployed_at), 0) FROM definitions")) ?? ""
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
        try storedInstances(ids: [id])[id]?.decoded()
    }

    func instances(ids: [String]) throws -> [String: Instance] {
        try storedInstances(ids: ids).mapValues { try $0.decoded() }
    }

    /// Read by position in this order (name lookups cost more than the query).
    static let instanceColumns = "id, workflow, version, state, \"values\", started, entered, parent, finished, escalation, children"

    func decode(_ r: Row) throws -> Instance {
        try StoredInstance(id: InstanceKey.id(r[0]) ?? "", workflow: r[1], version: r[2], state: r[3], values: r[4], started: r[5], entered: r[6],
                           parent: InstanceKey.id(r[7]),
                           finished: r[8], escalation: r[9], children: r[10]).decoded()
    }



    func insert(_ i: Instance) throws {
        let q = try raw("""
            INSERT INTO instances (id, workflow, version, state, "values", started, entered, parent, finished, escalation, children, unit)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        q.bind(1, instance: i.id)
        q.bind(2, i.workflow)
        q.bind(3, i.version)
        q.bind(4, i.state)
        q.bind(5, ValueCoding.encode(i.values))
        q.bind(6, i.started.seconds)
        q.bind(7, i.entered.seconds)
        q.bind(8, instance: i.parent)
        q.bind(9, i.finished)
        q.bind(10, StoredInstance.column(i.escalation))
        q.bind(11, i.children)
        q.bind(12, i.unitColumn)
        try q.run()
    }

    func update(_ i: Instance, from before: Instance) throws {
        if let change = RowChange(i, from: before) { try update(i, change) }
    }

    /// Writes what a step can change. The workflow id never changes, the
    /// values are encoded only when they changed (most timer steps set none),
    /// and the indexed unit column is rewritten only when it changed (a
    /// reassignment): setting an indexed column costs an index update even to
    /// the same value.
    func update(_ i: Instance, _ change: RowChange) throws {
        let valuesChanged = change.values
        let q = try raw(valuesChanged
            ? "UPDATE instances SET version = ?, state = ?, entered = ?, finished = ?, escalation = ?, children = ?, \"values\" = ? WHERE id = ?"
            : "UPDATE instances SET version = ?, state = ?, entered = ?, finished = ?, escalation = ?, children = ? WHERE id = ?")
        q.bind(1, i.version)
        q.bind(2, i.state)
        q.bind(3, i.entered.seconds)
        q.bind(4, i.finished)
        q.bind(5, StoredInstance.column(i.escalation))
        q.bind(6, i.children)
        if valuesChanged {
            q.bind(7, ValueCoding.encode(i.values))
            q.bind(8, instance: i.id)
        } else {
            q.bind(7, instance: i.id)
        }
        try q.run()
        guard change.unit else { return }
        let u = try raw("UPDATE instances SET unit = ? WHERE id = ? AND unit IS NOT ?")
        let unit = i.unitColumn
        u.bind(1, unit)
        u.bind(2, instance: i.id)
        u.bind(3, unit)
        try u.run()
    }

    func instances(_ f: InstanceFilter) throws -> [Instance] {
        var (sql, args) = Self.instanceQuery("SELECT \(Self.instanceColumns)", f)
        sql += " ORDER BY started, id"
        if f.limit != nil || f.offset > 0 { sql += " LIMIT \(f.limit ?? -1) OFFSET \(f.offset)" }
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(decode)
    }

    func countInstances(_ f: InstanceFilter) throws -> Int {
        let (sql, args) = Self.instanceQuery("SELECT count(*)", f)
        return try Int.fetchOne(db, sql: sql, arguments: StatementArguments(args)) ?? 0
    }

    func outlines(workflow: String, _ each: (MatterOutline) throws -> Void) throws {
        // Through the C API and unordered: a board reads a hundred thousand
        // of these, and GRDB's rows or a sort would cost more than the query.
        let q = try raw("""
            SELECT id, version, state, unit, finished, started, entered, escalation, json_extract("values", '$.deadline')
            FROM instances WHERE workflow = ?
            """)
        defer { q.reset() }
        q.bind(1, workflow)
        while try q.step() {
            let id = q.text(0) ?? ""
            let escalation = try StoredInstance.escalation(q.text(7), of: id)
            try each(MatterOutline(id: id, workflow: workflow, version: Int(q.int(1)), state: q.text(2) ?? "", unit: q.text(3),
                                   finished: q.int(4) != 0, started: Instant(seconds: q.int(5)), entered: Instant(seconds: q.int(6)),
                                   escalation: escalation, deadline: q.withText(8, Self.date) ?? q.text(8).flatMap(StoredInstance.value(json:))))
        }
    }

    /// A date in ValueCoding's form, `{"date":"2026-12-16"}` (the common
    /// deadline), read from the bytes; nil for anything else.
    static func date(_ b: UnsafeBufferPointer<UInt8>) -> Value? {
        guard b.count == 21, b.starts(with: Self.datePrefix), b[13] == UInt8(ascii: "-"), b[16] == UInt8(ascii: "-") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var n = 0
            for i in from..<(from + count) {
                guard b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let y = number(9, 4), let m = number(14, 2), let d = number(17, 2), (1...12).contains(m), (1...31).contains(d) else { return nil }
        return .date(Day(year: y, month: m, day: d))
    }

    private static let datePrefix = Array("{\"date\":\"".utf8)

    static func instanceQuery(_ select: String, _ f: InstanceFilter) -> (String, [(any DatabaseValueConvertible)?]) {
        var sql = select + " FROM instances WHERE 1"
        var args: [(any DatabaseValueConvertible)?] = []
        if let w = f.workflow { sql += " AND workflow = ?"; args.append(w) }
        if let s = f.state { sql += " AND state = ?"; args.append(s) }
        if let u = f.unit { sql += " AND unit = ?"; args.append(u) }
        if let r = f.running { sql += " AND finished = ?"; args.append(!r) }
        if let p = f.parent { sql += " AND parent = ?"; args.append(InstanceKey.value(p)) }
        return (sql, args)
    }

    // MARK: Timers

    func dueTimers(at now: Instant, limit: Int) throws -> [DueTimer] {
        let q = try raw("SELECT instance, key, due FROM timers WHERE due <= ? ORDER BY due, instance, key LIMIT ?")
        defer { q.reset() }
        q.bind(1, now.seconds)
        q.bind(2, limit)
        var out: [DueTimer] = []
        out.reserveCapacity(limit)
        while try q.step() {
            guard let instance = q.text(0), let key = q.withText(1, TimerKey.init(row:)) else {
                throw StoreError.corrupt("due timer '\(q.text(1) ?? "")' of instance \(q.text(0) ?? "")")
            }
            out.append(DueTimer(instance: instance, key: key, due: Instant(seconds: q.int(2))))
        }
        return out
    }

    func setTimer(_ instance: String, _ key: TimerKey, due: Instant) throws {
        let q = try raw("INSERT INTO timers (instance, key, due) VALUES (?, ?, ?) ON CONFLICT (instance, key) DO UPDATE SET due = excluded.due")
        q.bind(1, instance: instance)
        q.bind(2, key.description)
        q.bind(3, due.seconds)
        try q.run()
    }

    func deleteTimer(_ instance: String, _ key: TimerKey) throws {
        let q = try raw("DELETE FROM timers WHERE instance = ? AND key = ?")
        q.bind(1, instance: instance)
        q.bind(2, key.description)
        try q.run()
    }

    func nextDue() throws -> Instant? {
        try Int64.fetchOne(statement("SELECT due FROM timers ORDER BY due LIMIT 1")).map(Instant.init(seconds:))
    }

    // MARK: Audit

    func lastAudit() throws -> (seq: Int64, hash: String)? {
        if let pendingHead { return pendingHead }
        guard let r = try Row.fetchOne(statement("SELECT seq, hash FROM audit_head WHERE id = 1")) else { return nil }
        return (r["seq"], r["hash"])
    }

    func append(_ record: AuditRecord) throws {
        let a = try record.chained(after: try lastAudit())
        let q = try raw("INSERT INTO events (seq, instance, time, recorded, actor, kind, detail, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        q.bind(1, a.seq)
        q.bind(2, instance: a.instance)
        q.bind(3, a.time.seconds)
        q.bind(4, a.recorded.seconds)
        q.bind(5, a.actor)
        q.bind(6, a.kind.rawValue)
        q.bind(7, a.detail)
        q.bind(8, a.previousHash)
        q.bind(9, a.hash)
        try q.run()
        pendingHead = (a.seq, a.hash)
    }

    func audit(_ r: Row) throws -> AuditRecord {
        AuditRecord(seq: r["seq"], instance: InstanceKey.id(r["instance"]), time: Instant(seconds: r["time"]), recorded: Instant(seconds: r["recorded"]),
                    actor: r["actor"], kind: try r.decode("kind"), detail: r["detail"], previousHash: r["previous_hash"], hash: r["hash"])
    }

    func auditRecords(after seq: Int64, limit: Int) throws -> [AuditRecord] {
        try Row.fetchAll(statement("SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?"), arguments: [seq, limit]).map(audit)
    }

    func auditRecords(instance: String) throws -> [AuditRecord] {
        try Row.fetchAll(statement("SELECT * FROM events WHERE instance = ? ORDER BY seq"), arguments: [InstanceKey.value(instance)]).map(audit)
    }
}
